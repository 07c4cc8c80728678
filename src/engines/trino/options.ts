/**
 * A `trino` cluster's config → client protocol settings. The endpoint is the coordinator's
 * base URL, `http(s)://host:8080`. Credentials come from `auth` (basic username/password or a
 * bearer token such as a JWT), or a basic user:password in the URL. Trino accepts passwords only
 * over https (unless the server allows insecure authentication).
 */
import { readFileSync } from 'node:fs'
import type { ClusterConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'

export type TrinoClusterConfig = Extract<ClusterConfig, { engine: 'trino' }>

export interface TrinoOptions {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string
  readonly isHttps: boolean
  /** `Basic …` or `Bearer …` header value, when credentials are configured. */
  readonly authorization?: string
  /** The basic-auth user: Trino requires X-Trino-User to equal it unless impersonation is allowed. */
  readonly authUser?: string
  readonly tls?: { readonly rejectUnauthorized: boolean, readonly ca?: string }
  /** Sockets kept per cluster for statement requests. */
  readonly poolSize: number
  readonly connectTimeoutMs: number
  /** 0 = no limit. */
  readonly queryTimeoutMs: number
}

export function resolveTrinoOptions (name: string, config: TrinoClusterConfig): TrinoOptions {
  let url: URL
  try {
    url = new URL(config.endpoint)
  } catch {
    throw errors.configInvalid(`clusters.${name}.endpoint '${config.endpoint}' is not a URL: write http://host:8080 (the Trino coordinator)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw errors.configInvalid(`clusters.${name}.endpoint must start with http:// or https:// (the Trino coordinator's base URL)`)
  }
  const urlUser = url.username === '' ? undefined : decodeURIComponent(url.username)
  let authorization: string | undefined
  let authUser: string | undefined
  if (config.auth?.type === 'bearer') {
    authorization = `Bearer ${config.auth.token}`
  } else if (config.auth?.type === 'basic' || urlUser !== undefined) {
    authUser = config.auth?.username ?? urlUser!
    const password = config.auth?.type === 'basic' ? (config.auth.password ?? '') : decodeURIComponent(url.password)
    authorization = `Basic ${Buffer.from(`${authUser}:${password}`).toString('base64')}`
  }
  const path = url.pathname.replace(/\/+$/, '')
  return {
    baseUrl: `${url.origin}${path}`,
    isHttps: url.protocol === 'https:',
    ...(authorization === undefined ? {} : { authorization }),
    ...(authUser === undefined ? {} : { authUser }),
    ...(config.tls === undefined
      ? {}
      : { tls: { rejectUnauthorized: config.tls.verify, ...(config.tls.caFile === undefined ? {} : { ca: readFileSync(config.tls.caFile, 'utf8') }) } }),
    poolSize: config.poolSize,
    connectTimeoutMs: config.connectTimeoutMs,
    queryTimeoutMs: config.queryTimeoutMs,
  }
}
