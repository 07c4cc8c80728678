/**
 * A `mysql` or `starRocks` cluster's config → connection settings. The endpoint is
 * `mysql://user:password@host:port/database` (StarRocks: the FE query port, 9030 by default);
 * `auth.type: basic` overrides the URL's user and password.
 */
import { readFileSync } from 'node:fs'
import type { ClusterConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'

export type MysqlWireClusterConfig = Extract<ClusterConfig, { engine: 'mysql' | 'starRocks' }>

export interface MysqlWireOptions {
  readonly host: string
  readonly port: number
  readonly user: string
  readonly password?: string
  readonly database?: string
  readonly ssl?: { rejectUnauthorized: boolean, ca?: string }
  readonly poolSize: number
  readonly connectTimeoutMs: number
  /** 0 = no limit. */
  readonly queryTimeoutMs: number
  /** Rows per batch; the connection is paused once a batch is full and the consumer has not taken it. */
  readonly batchRows: number
}

export const DEFAULT_BATCH_ROWS = 1000

export function resolveMysqlWireOptions (name: string, config: MysqlWireClusterConfig): MysqlWireOptions {
  let url: URL
  try {
    url = new URL(config.endpoint)
  } catch {
    throw errors.configInvalid(`clusters.${name}.endpoint '${config.endpoint}' is not a URL: write mysql://user:password@host:3306/database`)
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:' && url.protocol !== 'starrocks:') {
    throw errors.configInvalid(`clusters.${name}.endpoint must start with mysql:// (got ${url.protocol}//)`)
  }
  if (config.auth?.type === 'bearer') {
    throw errors.configInvalid(`clusters.${name}.auth: MySQL-wire engines have no bearer-token login: use auth.type basic with username and password`)
  }
  const user = config.auth?.username ?? decodeURIComponent(url.username)
  if (user === '') throw errors.configInvalid(`clusters.${name}: no user: put it in the endpoint (mysql://user@host/db) or set auth.username`)
  const password = config.auth?.type === 'basic' ? config.auth.password : (url.password === '' ? undefined : decodeURIComponent(url.password))
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  const defaultPort = config.engine === 'starRocks' ? 9030 : 3306
  return {
    host: url.hostname === '' ? '127.0.0.1' : url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? defaultPort : Number(url.port),
    user,
    ...(password === undefined ? {} : { password }),
    ...(database === '' ? {} : { database }),
    ...(config.tls === undefined
      ? {}
      : { ssl: { rejectUnauthorized: config.tls.verify, ...(config.tls.caFile === undefined ? {} : { ca: readFileSync(config.tls.caFile, 'utf8') }) } }),
    poolSize: config.poolSize,
    connectTimeoutMs: config.connectTimeoutMs,
    queryTimeoutMs: config.queryTimeoutMs,
    batchRows: DEFAULT_BATCH_ROWS,
  }
}
