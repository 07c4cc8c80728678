/**
 * What a PostgreSQL session remembers between statements: the client's settings (GUCs) with
 * PostgreSQL's defaults, which of them are reported in ParameterStatus, the emulated
 * transaction status, and the SessionContext handed to the QueryService.
 */
import { readFileSync } from 'node:fs'
import { errors } from '../../core/errors.ts'
import { isDialect } from '../../core/dialect.ts'
import type { Dialect } from '../../core/dialect.ts'
import { Protocol } from '../../core/protocol.ts'
import type { SessionContext } from '../../core/query-request.ts'
import { isValidTimeZone } from './types/temporal.ts'

function readVersion (): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string }
    return pkg.version ?? '0.0.0'
  } catch {
    return '0.0.0'
  }
}

export const QUERYFLUX_VERSION = readVersion()
/** The PostgreSQL release QueryFlux presents itself as; psql and drivers pick their catalog queries by it. */
export const SERVER_VERSION = `15.0 (QueryFlux ${QUERYFLUX_VERSION})`
export const SERVER_VERSION_NUM = '150000'

/** Settings sent in ParameterStatus at startup and whenever they change (PostgreSQL's GUC_REPORT set). */
export const REPORTED = ['server_version', 'server_encoding', 'client_encoding', 'DateStyle', 'IntervalStyle', 'integer_datetimes',
  'standard_conforming_strings', 'TimeZone', 'application_name', 'is_superuser', 'session_authorization',
  'default_transaction_read_only', 'in_hot_standby'] as const

const REPORTED_BY_KEY = new Map<string, string>(REPORTED.map((name) => [name.toLowerCase(), name]))

/** Settings that only the server sets; SET on them is refused as in PostgreSQL. */
const READ_ONLY = new Set(['server_version', 'server_version_num', 'server_encoding', 'integer_datetimes', 'is_superuser',
  'in_hot_standby', 'max_identifier_length', 'block_size', 'lc_collate', 'lc_ctype', 'max_index_keys', 'session_authorization'])

function defaults (user: string): Map<string, string> {
  return new Map(Object.entries({
    server_version: SERVER_VERSION,
    server_version_num: SERVER_VERSION_NUM,
    server_encoding: 'UTF8',
    client_encoding: 'UTF8',
    datestyle: 'ISO, MDY',
    intervalstyle: 'postgres',
    integer_datetimes: 'on',
    standard_conforming_strings: 'on',
    timezone: 'UTC',
    application_name: '',
    is_superuser: 'off',
    session_authorization: user,
    default_transaction_read_only: 'off',
    in_hot_standby: 'off',
    search_path: '"$user", public',
    extra_float_digits: '1',
    max_identifier_length: '63',
    block_size: '8192',
    max_index_keys: '32',
    lc_collate: 'C.UTF-8',
    lc_ctype: 'C.UTF-8',
    transaction_isolation: 'read committed',
    default_transaction_isolation: 'read committed',
    transaction_read_only: 'off',
    statement_timeout: '0',
    lock_timeout: '0',
    idle_in_transaction_session_timeout: '0',
    bytea_output: 'hex',
    client_min_messages: 'notice',
    'queryflux.dialect': '',
    'queryflux.client_tags': '',
  }))
}

export type TransactionState = 'idle' | 'inTransaction' | 'failed'

export interface SessionStartup {
  readonly user: string
  readonly database: string
  readonly remoteAddress?: string
  /** Every startup parameter as sent. */
  readonly parameters: ReadonlyMap<string, string>
  /** The frontend's configured source dialect, if it overrides the protocol default. */
  readonly dialect?: Dialect
}

export class SessionState {
  readonly user: string
  readonly database: string
  readonly remoteAddress: string | undefined
  readonly headers: Readonly<Record<string, string>>
  transaction: TransactionState = 'idle'
  /** The notice that transactions are emulated is sent once per session. */
  hasTransactionNotice = false
  readonly #defaults: Map<string, string>
  readonly #values: Map<string, string>
  /** Settings the client changed, by key, as session properties for engines. */
  readonly #changed = new Set<string>()
  readonly #configuredDialect: Dialect | undefined
  #context: SessionContext | undefined

  constructor (startup: SessionStartup) {
    this.user = startup.user
    this.database = startup.database
    this.remoteAddress = startup.remoteAddress
    this.#configuredDialect = startup.dialect
    this.#defaults = defaults(startup.user)
    this.#values = new Map(this.#defaults)
    const headers: Record<string, string> = {}
    for (const [name, value] of startup.parameters) headers[`pg-${name.toLowerCase()}`] = value
    this.headers = headers
  }

  /** A setting's current value, by case-insensitive name; undefined when unknown. */
  get (name: string): string | undefined {
    return this.#values.get(name.toLowerCase())
  }

  get timeZone (): string {
    return this.#values.get('timezone') ?? 'UTC'
  }

  /** All settings, sorted, for SHOW ALL. */
  all (): Array<[string, string]> {
    return [...this.#values.entries()].sort(([a], [b]) => a.localeCompare(b))
  }

  /**
   * Sets a setting as SET does; returns the ParameterStatus to send when it is a reported one.
   * Throws BAD_REQUEST (22023) for a value QueryFlux cannot honour.
   */
  set (name: string, rawValue: string): { name: string, value: string } | undefined {
    const key = name.toLowerCase()
    if (READ_ONLY.has(key)) throw errors.badRequest(`parameter "${name}" cannot be changed`)
    const value = this.#validate(key, rawValue)
    this.#values.set(key, value)
    this.#changed.add(key)
    this.#context = undefined
    const reported = REPORTED_BY_KEY.get(key)
    return reported === undefined ? undefined : { name: reported, value }
  }

  /** RESET name: back to the default (a custom setting disappears). */
  reset (name: string): { name: string, value: string } | undefined {
    const key = name.toLowerCase()
    const fallback = this.#defaults.get(key)
    if (fallback === undefined) this.#values.delete(key)
    else this.#values.set(key, fallback)
    this.#changed.delete(key)
    this.#context = undefined
    const reported = REPORTED_BY_KEY.get(key)
    return reported === undefined || fallback === undefined ? undefined : { name: reported, value: fallback }
  }

  /** RESET ALL; returns the ParameterStatus messages for reported settings that changed. */
  resetAll (): Array<{ name: string, value: string }> {
    const out: Array<{ name: string, value: string }> = []
    for (const key of this.#changed) {
      const status = this.reset(key)
      if (status !== undefined) out.push(status)
    }
    return out
  }

  /** Initial ParameterStatus values. */
  reportedValues (): Array<{ name: string, value: string }> {
    return REPORTED.map((name) => ({ name, value: this.#values.get(name.toLowerCase()) ?? '' }))
  }

  /** The session as the QueryService sees it. */
  context (): SessionContext {
    if (this.#context !== undefined) return this.#context
    const properties: Record<string, string> = {}
    for (const key of this.#changed) {
      if (key.startsWith('queryflux.')) continue
      properties[key] = this.#values.get(key)!
    }
    const dialect = this.#values.get('queryflux.dialect')
    const tags = this.#values.get('queryflux.client_tags') ?? ''
    const application = this.#values.get('application_name') ?? ''
    // Only a search_path the client set names a schema: the engine's own default applies otherwise.
    const schema = this.#changed.has('search_path') ? firstSchema(this.#values.get('search_path') ?? '') : undefined
    this.#context = {
      user: this.user,
      protocol: Protocol.postgresWire,
      headers: this.headers,
      clientTags: tags === '' ? [] : tags.split(',').map((t) => t.trim()).filter((t) => t !== ''),
      database: this.database,
      properties,
      timeZone: this.timeZone,
      ...(schema === undefined ? {} : { schema }),
      ...(application === '' ? {} : { source: application }),
      ...(this.remoteAddress === undefined ? {} : { remoteAddress: this.remoteAddress }),
      ...(dialect !== undefined && isDialect(dialect) ? { sourceDialect: dialect } : this.#configuredDialect === undefined ? {} : { sourceDialect: this.#configuredDialect }),
    }
    return this.#context
  }

  #validate (key: string, raw: string): string {
    const value = raw.trim()
    switch (key) {
      case 'client_encoding': {
        // SQL_ASCII means "no conversion": UTF8 bytes pass through unchanged, as they would.
        if (/^(utf-?8|unicode|auto|sql_ascii)$/i.test(value)) return 'UTF8'
        throw errors.badRequest(`QueryFlux speaks UTF8 only: client_encoding "${value}" is not supported; use UTF8`)
      }
      case 'datestyle': {
        if (/^\s*iso\b/i.test(value) || /^\s*(mdy|dmy|ymd)\s*,\s*iso\s*$/i.test(value)) return /dmy/i.test(value) ? 'ISO, DMY' : /ymd/i.test(value) ? 'ISO, YMD' : 'ISO, MDY'
        throw errors.badRequest(`QueryFlux writes dates in ISO format only: DateStyle "${value}" is not supported; use ISO`)
      }
      case 'intervalstyle': {
        if (value.toLowerCase() === 'postgres') return 'postgres'
        throw errors.badRequest(`QueryFlux writes intervals in the postgres style only: IntervalStyle "${value}" is not supported`)
      }
      case 'standard_conforming_strings': {
        if (/^(on|true|1|yes)$/i.test(value)) return 'on'
        throw errors.badRequest('standard_conforming_strings must stay on in QueryFlux')
      }
      case 'timezone': {
        if (/^(local|default)$/i.test(value)) return this.#defaults.get('timezone')!
        if (!isValidTimeZone(value)) throw errors.badRequest(`invalid value for parameter "TimeZone": "${value}"`)
        return value
      }
      case 'queryflux.dialect': {
        if (value === '' || isDialect(value.toLowerCase())) return value.toLowerCase()
        throw errors.badRequest(`invalid value for parameter "queryflux.dialect": "${value}"; use one of trino, postgres, mysql, duckdb, starrocks, clickhouse, athena`)
      }
      default: return value
    }
  }
}

/** The first schema of a search_path other than "$user". */
function firstSchema (searchPath: string): string | undefined {
  for (const part of searchPath.split(',')) {
    const name = part.trim().replace(/^"(.*)"$/, '$1')
    if (name !== '' && name !== '$user') return name
  }
  return undefined
}
