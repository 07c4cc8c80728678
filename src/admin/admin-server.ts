/**
 * The admin port: Prometheus `/metrics`, health probes, the REST API under `/api` (with its
 * OpenAPI document) on plain node:http. Bad input gets a JSON error with a QueryFlux code;
 * nothing a client sends can crash the process.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { timingSafeEqual } from 'node:crypto'
import { isQueryFluxError, toQueryFluxError } from '../core/errors.ts'
import type { QueryService } from '../service/query-service.ts'
import type { Metrics } from '../observability/metrics.ts'
import type { QueryHistory } from '../observability/query-history.ts'
import type { Logger } from '../observability/logger.ts'
import { matchPath, readJson } from './http-route.ts'
import type { Route, RouteResult } from './http-route.ts'
import { queryRoutes } from './routes/queries.ts'
import { groupRoutes } from './routes/groups.ts'
import type { CapacityView } from './routes/groups.ts'
import { routingRoutes } from './routes/routing.ts'
import { buildOpenApi } from './openapi.ts'

export interface AdminServerOptions {
  readonly config: { readonly host: string, readonly port?: number | undefined, readonly token?: string | undefined }
  readonly service: QueryService
  readonly capacity: CapacityView
  readonly metrics: Metrics
  readonly history: QueryHistory
  /** The running config with secrets redacted. */
  readonly configView: () => unknown
  readonly logger: Logger
}

const STATUS_BY_CODE: Record<string, number> = { BAD_REQUEST: 400, CONFIG_INVALID: 400, AUTH_FAILED: 401, ROUTING_NO_MATCH: 422, TRANSLATION_FAILED: 422, ENGINE_UNAVAILABLE: 503 }

export function createAdminServer (options: AdminServerOptions): { start (): Promise<{ host: string, port: number }>, stop (): Promise<void> } {
  const { config, logger } = options
  const routes: Route[] = [
    ...queryRoutes(options.service, options.history),
    ...groupRoutes(options.capacity),
    ...routingRoutes(options.service),
    { method: 'GET', path: '/api/config', summary: 'The running configuration, secrets redacted', handle: () => ({ status: 200, body: options.configView() }) },
  ]
  const openApi = buildOpenApi(routes)
  routes.push({ method: 'GET', path: '/api/openapi.json', summary: 'This API as an OpenAPI 3.1 document', handle: () => ({ status: 200, body: openApi }) })

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'admin request failed')
      if (!res.headersSent) send(res, { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'internal error' } } })
      else res.destroy()
    })
  })

  async function handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://admin')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    if (req.method === 'GET' && path === '/metrics') {
      const { contentType, body } = await options.metrics.render()
      send(res, { status: 200, body, contentType })
      return
    }
    if (req.method === 'GET' && (path === '/healthz' || path === '/readyz')) { send(res, { status: 200, body: { status: 'ok' } }); return }
    if (req.method === 'GET' && path === '/') { send(res, { status: 200, body: INDEX_PAGE, contentType: 'text/html; charset=utf-8' }); return }
    if (path.startsWith('/api/') && config.token !== undefined && !hasToken(req, config.token)) {
      send(res, { status: 401, body: { error: { code: 'AUTH_FAILED', message: 'missing or wrong bearer token: send Authorization: Bearer <queryflux.adminApi.token>' } } })
      return
    }
    let pathMatched = false
    for (const route of routes) {
      const params = matchPath(route.path, path)
      if (params === undefined) continue
      pathMatched = true
      if (route.method !== req.method) continue
      try {
        send(res, await route.handle({ req, res, params, query: url.searchParams, json: async () => await readJson(req) }))
      } catch (error) {
        const failure = toQueryFluxError(error)
        if (!isQueryFluxError(error) || failure.code === 'INTERNAL_ERROR') logger.error({ err: error }, 'admin route failed')
        send(res, { status: STATUS_BY_CODE[failure.code] ?? 500, body: { error: { code: failure.code, message: failure.message } } })
      }
      return
    }
    send(res, pathMatched
      ? { status: 405, body: { error: { code: 'BAD_REQUEST', message: `${req.method} is not allowed on ${path}` } } }
      : { status: 404, body: { error: { code: 'BAD_REQUEST', message: `no such endpoint: ${path}; see /api/openapi.json` } } })
  }

  return {
    start: async () => await new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port ?? 9000, config.host, () => {
        server.off('error', reject)
        const address = server.address() as AddressInfo
        resolve({ host: address.address, port: address.port })
      })
    }),
    stop: async () => {
      options.metrics.close()
      options.history.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function hasToken (req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? ''
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '')
  const expected = Buffer.from(token)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function send (res: ServerResponse, result: RouteResult): void {
  if (result === undefined) { res.writeHead(204).end(); return }
  if (result.body === undefined) { res.writeHead(result.status).end(); return }
  const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v)
  res.writeHead(result.status, { 'content-type': result.contentType ?? 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const INDEX_PAGE = `<!doctype html><meta charset="utf-8"><title>QueryFlux admin</title>
<h1>QueryFlux admin</h1><ul>
<li><a href="/api/groups">/api/groups</a> — cluster groups, load, queue, health</li>
<li><a href="/api/queries">/api/queries</a> — running and recent queries</li>
<li><a href="/api/config">/api/config</a> — running configuration</li>
<li><a href="/api/openapi.json">/api/openapi.json</a> — the API</li>
<li><a href="/metrics">/metrics</a> — Prometheus metrics</li></ul>`
