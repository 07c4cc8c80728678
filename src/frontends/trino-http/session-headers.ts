/**
 * Trino client protocol headers: the request's `X-Trino-*` (or legacy `X-Presto-*`) headers
 * into a SessionContext plus the prepared statements and transaction the client carries, and a
 * statement's SessionUpdate back into `X-Trino-Set-*` response headers, with the prefix the
 * client used. Values in Session, Prepared-Statement, Added-Prepare and Set-Session are
 * URL-encoded (form encoding, as the Java and Python clients write them).
 * @see https://trino.io/docs/current/develop/client-protocol.html#client-request-headers
 */
import type { IncomingHttpHeaders } from 'node:http'
import { randomUUID } from 'node:crypto'
import { errors } from '../../core/errors.ts'
import { isDialect, Dialect } from '../../core/dialect.ts'
import { Protocol } from '../../core/protocol.ts'
import type { SessionContext } from '../../core/query-request.ts'
import type { SessionUpdate } from '../../core/query-result.ts'

export type HeaderPrefix = 'Trino' | 'Presto'

/** What one request tells about its client's session. */
export interface TrinoRequestSession {
  readonly prefix: HeaderPrefix
  readonly session: SessionContext
  /** Prepared statements the client holds (X-Trino-Prepared-Statement), name → SQL. */
  readonly preparedStatements: ReadonlyMap<string, string>
  readonly transactionId?: string
}

/** Session properties that set the source dialect (SessionContext.sourceDialect). */
export const DIALECT_PROPERTIES = ['queryflux.dialect', 'queryflux_dialect'] as const

/** Headers kept out of SessionContext.headers because they carry credentials. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-trino-extra-credential', 'x-presto-extra-credential'])

export function prefixOf (headers: IncomingHttpHeaders): HeaderPrefix {
  let hasPresto = false
  for (const name of Object.keys(headers)) {
    if (name.startsWith('x-trino-')) return 'Trino'
    if (name.startsWith('x-presto-')) hasPresto = true
  }
  return hasPresto ? 'Presto' : 'Trino'
}

export function parseRequestSession (headers: IncomingHttpHeaders, remoteAddress: string | undefined): TrinoRequestSession {
  const prefix = prefixOf(headers)
  const lower = `x-${prefix.toLowerCase()}-`
  const get = (name: string): string | undefined => {
    const value = headers[lower + name]
    const text = Array.isArray(value) ? value.join(',') : value
    return text === undefined || text.trim() === '' ? undefined : text.trim()
  }
  const properties = parseKeyValueList(get('session'), `X-${prefix}-Session`)
  const dialectName = DIALECT_PROPERTIES.map((p) => properties[p]).find((v) => v !== undefined)
  if (dialectName !== undefined && !isDialect(dialectName)) {
    throw errors.badRequest(`session property queryflux.dialect is '${dialectName}': use one of ${Object.values(Dialect).join(', ')}`)
  }
  const session: SessionContext = {
    user: get('user') ?? basicAuthUser(headers.authorization) ?? 'anonymous',
    protocol: Protocol.trinoHttp,
    headers: flattenHeaders(headers),
    clientTags: (get('client-tags') ?? '').split(',').map((t) => t.trim()).filter((t) => t !== ''),
    properties,
    remoteAddress,
    ...optional('catalog', get('catalog')),
    ...optional('schema', get('schema')),
    ...optional('source', get('source')),
    ...optional('timeZone', get('time-zone')),
    ...optional('sourceDialect', dialectName as Dialect | undefined),
  }
  const prepared = parseKeyValueList(get('prepared-statement'), `X-${prefix}-Prepared-Statement`, true)
  const transactionId = get('transaction-id')
  return {
    prefix,
    session,
    preparedStatements: new Map(Object.entries(prepared)),
    ...(transactionId === undefined || transactionId.toUpperCase() === 'NONE' ? {} : { transactionId }),
  }
}

function optional<K extends string, V> (key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }
}

/** `a=1,b=x%20y` → { a: '1', b: 'x y' }. Names may be URL-encoded too (prepared statements). */
export function parseKeyValueList (text: string | undefined, header: string, decodeNames = false): Record<string, string> {
  const out: Record<string, string> = {}
  if (text === undefined) return out
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue
    const eq = entry.indexOf('=')
    if (eq <= 0) throw errors.badRequest(`malformed ${header} header entry '${entry.trim().slice(0, 60)}': expected name=value`)
    const name = entry.slice(0, eq).trim()
    out[decodeNames ? formDecode(name, header) : name] = formDecode(entry.slice(eq + 1).trim(), header)
  }
  return out
}

function formDecode (value: string, header: string): string {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '))
  } catch {
    throw errors.badRequest(`malformed URL encoding in the ${header} header`)
  }
}

function basicAuthUser (authorization: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)/i.exec(authorization ?? '')
  if (match === null) return undefined
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const user = colon < 0 ? decoded : decoded.slice(0, colon)
  return user === '' ? undefined : user
}

function flattenHeaders (headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || SECRET_HEADERS.has(name)) continue
    out[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

/** Response headers that tell the client what a statement changed in its session. */
export function sessionUpdateHeaders (prefix: HeaderPrefix, update: SessionUpdate | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  if (update === undefined) return out
  const h = (name: string): string => `X-${prefix}-${name}`
  if (update.catalog !== undefined) out[h('Set-Catalog')] = headerSafe(update.catalog)
  if (update.schema !== undefined) out[h('Set-Schema')] = headerSafe(update.schema)
  const set = Object.entries(update.setProperties ?? {})
  if (set.length > 0) out[h('Set-Session')] = set.map(([name, value]) => `${headerSafe(name)}=${encodeURIComponent(value)}`)
  if ((update.resetProperties ?? []).length > 0) out[h('Clear-Session')] = update.resetProperties!.map(headerSafe)
  const added = Object.entries(update.addedPreparedStatements ?? {})
  if (added.length > 0) out[h('Added-Prepare')] = added.map(([name, sql]) => `${encodeURIComponent(name)}=${encodeURIComponent(sql)}`)
  if ((update.deallocatedPreparedStatements ?? []).length > 0) out[h('Deallocated-Prepare')] = update.deallocatedPreparedStatements!.map((n) => encodeURIComponent(n))
  if (update.startedTransaction === true) out[h('Started-Transaction-Id')] = randomUUID()
  if (update.endedTransaction === true) out[h('Clear-Transaction-Id')] = 'true'
  return out
}

/** Header values may not hold control characters (node:http rejects them): encode those. */
function headerSafe (value: string): string {
  return /^[\t\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value)
}
