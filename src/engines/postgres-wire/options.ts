/**
 * A `postgres` cluster's config → the settings the adapter connects with. The endpoint is a
 * libpq-style URL, `postgres://user:password@host:port/database?sslmode=…`; `auth.type: basic`
 * overrides the URL's user and password.
 */
import { readFileSync } from 'node:fs'
import type { ClusterConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'

export type PostgresClusterConfig = Extract<ClusterConfig, { engine: 'postgres' }>

export interface PostgresWireOptions {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password?: string
  readonly database: string
  /** TLS settings for `pg` (false = plain TCP). */
  readonly ssl: false | { rejectUnauthorized: boolean, ca?: string }
  readonly poolSize: number
  readonly connectTimeoutMs: number
  /** 0 = no limit. */
  readonly queryTimeoutMs: number
  /** Rows per Execute message, so per batch: the portal is suspended after this many. */
  readonly fetchSize: number
  /**
   * Session settings every connection starts with; the value decoders in type-map.ts rely on
   * them, so they are not configurable.
   */
  readonly sessionOptions: string
}

/** Rows per batch (one Execute with a row limit each). */
export const DEFAULT_FETCH_SIZE = 1000

export const SESSION_OPTIONS = [
  '-c DateStyle=ISO,YMD',
  '-c IntervalStyle=iso_8601',
  '-c TimeZone=UTC',
  '-c bytea_output=hex',
  '-c extra_float_digits=3',
  '-c client_encoding=UTF8',
].join(' ')

export function resolvePostgresOptions (name: string, config: PostgresClusterConfig): PostgresWireOptions {
  let url: URL
  try {
    url = new URL(config.endpoint)
  } catch {
    throw errors.configInvalid(`clusters.${name}.endpoint '${config.endpoint}' is not a URL: write postgres://user:password@host:5432/database`)
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw errors.configInvalid(`clusters.${name}.endpoint must start with postgres:// (got ${url.protocol}//)`)
  }
  if (config.auth?.type === 'bearer') {
    throw errors.configInvalid(`clusters.${name}.auth: PostgreSQL has no bearer-token login: use auth.type basic with username and password`)
  }
  const user = config.auth?.username ?? decodeURIComponent(url.username)
  if (user === '') throw errors.configInvalid(`clusters.${name}: no user: put it in the endpoint (postgres://user@host/db) or set auth.username`)
  const password = config.auth?.type === 'basic' ? config.auth.password : (url.password === '' ? undefined : decodeURIComponent(url.password))
  const sslmode = url.searchParams.get('sslmode')
  const wantsTls = config.tls !== undefined || (sslmode !== null && sslmode !== 'disable' && sslmode !== 'allow' && sslmode !== 'prefer')
  return {
    host: url.hostname === '' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 5432 : Number(url.port),
    user,
    ...(password === undefined ? {} : { password }),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || user,
    ssl: wantsTls
      ? { rejectUnauthorized: config.tls?.verify ?? (sslmode === 'verify-ca' || sslmode === 'verify-full'), ...(config.tls?.caFile === undefined ? {} : { ca: readFileSync(config.tls.caFile, 'utf8') }) }
      : false,
    poolSize: config.poolSize,
    connectTimeoutMs: config.connectTimeoutMs,
    queryTimeoutMs: config.queryTimeoutMs,
    fetchSize: DEFAULT_FETCH_SIZE,
    sessionOptions: SESSION_OPTIONS,
  }
}
