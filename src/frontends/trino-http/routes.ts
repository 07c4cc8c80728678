/**
 * The HTTP surface of a Trino coordinator that clients use, on node:http:
 *
 * | method          | path                                                    |                                       |
 * |-----------------|---------------------------------------------------------|---------------------------------------|
 * | POST            | /v1/statement                                           | submit; answers QUEUED + nextUri      |
 * | GET             | /v1/statement/{queued,executing}/{id}/{slug}/{token}    | next page (same token → same page)    |
 * | HEAD            | same                                                    | heartbeat (keeps the query alive)     |
 * | DELETE          | same, /v1/query/{id}, /v1/stage/{id}.{n}                | cancel; 204                           |
 * | GET             | /v1/query/{id}                                          | query info (the infoUri)              |
 * | GET             | /v1/info, /v1/info/state                                | server info                           |
 *
 * Anything else is a 404 with a plain message. Malformed input is a 4xx answer, never a crash.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { TrinoHttpFrontendConfig } from '../../config/schema.ts'
import { toQueryFluxError } from '../../core/errors.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { QueryInfo } from '../../service/query-execution.ts'
import type { Logger } from '../../observability/logger.ts'
import type { QueryEvents } from '../../observability/query-events.ts'
import { createQueryId, createSlug, parseStatementPath } from './query-id.ts'
import { parseRequestSession } from './session-headers.ts'
import { dispatchStatement, TRINO_VERSION } from './statement-dispatch.ts'
import { TrinoStatement } from './statement-protocol.ts'
import type { TrinoPage } from './statement-protocol.ts'
import type { StatementRegistry } from './statement-registry.ts'

/** Largest statement text accepted, in bytes (Trino's query.max-length is 1,000,000 characters). */
export const MAX_STATEMENT_BYTES = 8 * 1024 * 1024
/** Longest a poll waits for progress before answering, as Trino's coordinator does. */
export const MAX_WAIT_MS = 1000

export interface RouteContext {
  readonly config: TrinoHttpFrontendConfig
  readonly externalAddress?: string | undefined
  readonly service: QueryService
  readonly logger: Logger
  readonly statements: StatementRegistry
  /** Statements the frontend answers itself are published here (the service publishes the rest). */
  readonly events: QueryEvents
  readonly startedAt: number
  /** Called when a statement's rows take the pass-through path. */
  readonly onPassthrough?: () => void
  isStopping (): boolean
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void

export function createRequestHandler (ctx: RouteContext): Handler {
  return (req, res) => {
    res.on('error', () => {}) // the client went away; nothing to tell it
    route(ctx, req, res).catch((error: unknown) => {
      const failure = toQueryFluxError(error)
      if (failure.code === 'BAD_REQUEST') {
        ctx.logger.info({ err: failure.message, path: req.url }, 'bad Trino request')
        sendText(res, 400, failure.message)
      } else {
        ctx.logger.error({ err: error, path: req.url }, 'Trino request failed')
        sendText(res, 500, `QueryFlux could not answer this request: ${failure.message}`)
      }
    })
  }
}

async function route (ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET'
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/'
  if (path === '/v1/statement') {
    if (method !== 'POST') { sendText(res, 405, 'use POST to submit a statement'); return }
    await postStatement(ctx, req, res)
    return
  }
  const statementPath = parseStatementPath(path)
  if (statementPath !== undefined) {
    const statement = ctx.statements.get(statementPath.queryId)
    if (statement === undefined || statement.slug !== statementPath.slug) { sendText(res, 404, `Query not found: ${statementPath.queryId}`); return }
    if (method === 'GET') {
      const page = await statement.page(statementPath.token, baseUri(ctx, req))
      if (page === undefined) sendText(res, 410, `token ${statementPath.token} of query ${statement.queryId} is gone: follow the latest nextUri`)
      else sendPage(res, page)
    } else if (method === 'HEAD') {
      statement.touch()
      res.writeHead(200).end()
    } else if (method === 'DELETE') {
      statement.cancel()
      res.writeHead(204).end()
    } else sendText(res, 405, 'use GET, HEAD or DELETE on a nextUri')
    return
  }
  const query = /^\/v1\/query\/([^/]+)$/.exec(path)
  if (query !== null) {
    const queryId = decodeURIComponent(query[1]!)
    if (method === 'GET') { sendQueryInfo(ctx, req, res, queryId); return }
    if (method === 'DELETE') { cancel(ctx, res, queryId); return }
    sendText(res, 405, 'use GET or DELETE on /v1/query/{queryId}')
    return
  }
  const stage = /^\/v1\/stage\/([^/.]+)\.\d+$/.exec(path)
  if (stage !== null && method === 'DELETE') { cancel(ctx, res, stage[1]!); return }
  if (path === '/v1/info' && method === 'GET') {
    sendJson(res, 200, JSON.stringify({
      nodeVersion: { version: TRINO_VERSION },
      environment: 'queryflux',
      coordinator: true,
      starting: false,
      uptime: `${((Date.now() - ctx.startedAt) / 1000).toFixed(2)}s`,
    }))
    return
  }
  if (path === '/v1/info/state' && method === 'GET') { sendJson(res, 200, JSON.stringify(ctx.isStopping() ? 'SHUTTING_DOWN' : 'ACTIVE')); return }
  sendText(res, 404, `Not found: ${method} ${path}. QueryFlux speaks the Trino client protocol: POST /v1/statement`)
}

async function postStatement (ctx: RouteContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sql = await readBody(req, res)
  if (sql === undefined) return
  if (sql.trim() === '') { sendText(res, 400, 'SQL statement is empty'); return }
  const client = parseRequestSession(req.headers, req.socket.remoteAddress)
  const queryId = createQueryId()
  const { execution, updateType } = dispatchStatement(sql, { service: ctx.service, queryId, client, isStopping: ctx.isStopping(), events: ctx.events })
  const statement = new TrinoStatement({
    slug: createSlug(),
    execution,
    prefix: client.prefix,
    updateType,
    targetPageBytes: ctx.config.targetPageBytes,
    maxWaitMs: MAX_WAIT_MS,
    passthrough: ctx.config.passthrough,
    onPassthrough: ctx.onPassthrough,
    logger: ctx.logger,
  })
  ctx.statements.add(statement)
  sendPage(res, statement.firstPage(baseUri(ctx, req)))
}

/** The body as text, or undefined once a 413 has been sent. */
async function readBody (req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  const tooLarge = (): undefined => {
    res.setHeader('Connection', 'close')
    sendText(res, 413, `statement text exceeds ${MAX_STATEMENT_BYTES} bytes`)
    return undefined
  }
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_STATEMENT_BYTES) return tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_STATEMENT_BYTES) return tooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function cancel (ctx: RouteContext, res: ServerResponse, queryId: string): void {
  const statement = ctx.statements.get(queryId)
  if (statement === undefined) { sendText(res, 404, `Query not found: ${queryId}`); return }
  statement.cancel()
  res.writeHead(204).end()
}

function sendQueryInfo (ctx: RouteContext, req: IncomingMessage, res: ServerResponse, queryId: string): void {
  const info: QueryInfo | undefined = ctx.statements.get(queryId)?.execution.info()
  if (info === undefined) { sendText(res, 404, `Query not found: ${queryId}`); return }
  const now = Date.now()
  sendJson(res, 200, JSON.stringify({
    queryId: info.queryId,
    state: info.state,
    query: info.sql,
    self: `${baseUri(ctx, req)}/v1/query/${info.queryId}`,
    session: { user: info.user },
    resourceGroupId: info.group === undefined ? undefined : [info.group],
    queryStats: {
      createTime: new Date(info.createdAt).toISOString(),
      endTime: info.endedAt === undefined ? undefined : new Date(info.endedAt).toISOString(),
      queuedTimeMillis: info.queuedMs ?? 0,
      elapsedTimeMillis: (info.endedAt ?? now) - info.createdAt,
      outputPositions: info.rows,
    },
    ...(info.error === undefined ? {} : { errorCode: { name: info.error.code }, failureInfo: { type: info.error.code, message: info.error.message, suppressed: [], stack: [] } }),
  }))
}

/** Where URIs handed to clients point: queryflux.externalAddress, else the request's Host. */
function baseUri (ctx: RouteContext, req: IncomingMessage): string {
  if (ctx.externalAddress !== undefined) return ctx.externalAddress.replace(/\/+$/, '')
  const host = req.headers.host
  // Only a plausible host:port goes into URIs, so a forged Host cannot inject text.
  if (host !== undefined && /^[A-Za-z0-9.\-_:[\]]{1,255}$/.test(host)) return `http://${host}`
  const { localAddress, localPort } = req.socket
  const address = localAddress?.includes(':') === true ? `[${localAddress}]` : localAddress ?? '127.0.0.1'
  return `http://${address}:${localPort ?? 8080}`
}

function sendPage (res: ServerResponse, page: TrinoPage): void {
  for (const [name, value] of Object.entries(page.headers)) res.setHeader(name, value)
  sendJson(res, 200, page.body)
}

function sendJson (res: ServerResponse, status: number, body: string): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(body)
}

function sendText (res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text)
}

