/** The small routing layer of the admin server: method + path pattern → handler. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { errors } from '../core/errors.ts'

export interface RouteContext {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  /** The JSON body, parsed; rejects with BAD_REQUEST on malformed JSON or more than 1 MiB. */
  json (): Promise<unknown>
}

export type RouteResult = { status: number, body?: unknown, contentType?: string } | undefined

export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH'
  readonly path: string
  readonly summary: string
  handle (ctx: RouteContext): Promise<RouteResult> | RouteResult
}

export function matchPath (pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/')
  const s = path.split('/')
  if (p.length !== s.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!
    if (part.startsWith('{') && part.endsWith('}')) params[part.slice(1, -1)] = decodeURIComponent(s[i]!)
    else if (part !== s[i]) return undefined
  }
  return params
}

const MAX_BODY = 1 << 20

export async function readJson (req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY) throw errors.badRequest(`request body is larger than ${MAX_BODY} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw errors.badRequest(`request body is not valid JSON: ${(error as Error).message}`)
  }
}
