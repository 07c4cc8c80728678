/**
 * A `clickHouse` cluster's config → HTTP interface settings. The endpoint is
 * `http(s)://host:8123`, optionally with a default database as path or `?database=`;
 * credentials come from `auth` (basic) or the URL's user:password, and are sent as HTTP
 * basic auth.
 */
import { readFileSync } from 'node:fs'
import type { ClusterConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'

export type ClickHouseClusterConfig = Extract<ClusterConfig, { engine: 'clickHouse' }>

export interface ClickHouseOptions {
  /** Origin, e.g. http://127.0.0.1:8123 */
  readonly origin: string
  readonly isHttps: boolean
  readonly database?: string
  /** `Basic …` header value, when credentials are configured. */
  readonly authorization?: string
  readonly tls?: { rejectUnauthorized: boolean, ca?: string }
  readonly poolSize: number
  readonly connectTimeoutMs: number
  /** 0 = no limit. */
  readonly queryTimeoutMs: number
}

export function resolveClickHouseOptions (name: string, config: ClickHouseClusterConfig): ClickHouseOptions {
  let url: URL
  try {
    url = new URL(config.endpoint)
  } catch {
    throw errors.configInvalid(`clusters.${name}.endpoint '${config.endpoint}' is not a URL: write http://host:8123`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw errors.configInvalid(`clusters.${name}.endpoint must start with http:// or https:// (the ClickHouse HTTP interface, port 8123 by default)`)
  }
  if (config.auth?.type === 'bearer') {
    throw errors.configInvalid(`clusters.${name}.auth: use auth.type basic with username and password for ClickHouse`)
  }
  const user = config.auth?.username ?? (url.username === '' ? undefined : decodeURIComponent(url.username))
  const password = config.auth?.type === 'basic' ? (config.auth.password ?? '') : decodeURIComponent(url.password)
  const database = url.searchParams.get('database') ?? (decodeURIComponent(url.pathname.replace(/^\/|\/$/g, '')) || undefined)
  return {
    origin: url.origin,
    isHttps: url.protocol === 'https:',
    ...(database === undefined || database === null ? {} : { database }),
    ...(user === undefined ? {} : { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }),
    ...(config.tls === undefined
      ? {}
      : { tls: { rejectUnauthorized: config.tls.verify, ...(config.tls.caFile === undefined ? {} : { ca: readFileSync(config.tls.caFile, 'utf8') }) } }),
    poolSize: config.poolSize,
    connectTimeoutMs: config.connectTimeoutMs,
    queryTimeoutMs: config.queryTimeoutMs,
  }
}
