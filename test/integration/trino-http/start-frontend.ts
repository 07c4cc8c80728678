/**
 * A real QueryService over embedded DuckDB (test/harness/query-service.ts) with the Trino HTTP
 * frontend listening on a free port, plus a minimal protocol walker for tests that look at the
 * raw QueryResults pages. Real clients (CLI, Python, npm) are driven by test/e2e/clients/.
 */
import { TrinoHttpFrontendSchema } from '../../../src/config/schema.ts'
import type { ConfigInput } from '../../../src/config/schema.ts'
import { createTrinoHttpFrontend } from '../../../src/frontends/trino-http/index.ts'
import type { TrinoHttpFrontend } from '../../../src/frontends/trino-http/index.ts'
import { createTestQueryService, DEFAULT_TEST_CONFIG } from '../../harness/query-service.ts'
import type { TestQueryService } from '../../harness/query-service.ts'

/** One DuckDB group whose database has a few tables: memory.main.orders and memory.sales.invoices. */
export const DUCKDB_WITH_TABLES: ConfigInput = {
  queryflux: { adminApi: { enabled: false } },
  clusters: {
    duckdb: {
      engine: 'duckDb',
      poolSize: 4,
      initSql: ['CREATE TABLE orders (id BIGINT NOT NULL, price DECIMAL(10,2))', 'CREATE SCHEMA sales', 'CREATE TABLE sales.invoices (total DOUBLE)'],
    },
  },
  clusterGroups: { default: { members: ['duckdb'], maxRunningQueries: 8 } },
  routingFallback: 'default',
}

export interface RunningTrinoFrontend {
  readonly url: string
  readonly port: number
  readonly qf: TestQueryService
  readonly frontend: TrinoHttpFrontend
  /** Running and queued queries of the first cluster group, from the capacity manager. */
  load (): { running: number, queued: number }
  [Symbol.asyncDispose] (): Promise<void>
}

export interface StartOptions {
  /** QueryFlux config (clusters, groups, routers); defaults to one DuckDB group. */
  readonly config?: ConfigInput
  readonly clientTimeoutMs?: number
  readonly targetPageBytes?: number
  readonly externalAddress?: string
}

export async function startTrinoFrontend (options: StartOptions = {}): Promise<RunningTrinoFrontend> {
  const qf = await createTestQueryService({ config: options.config ?? DEFAULT_TEST_CONFIG })
  const config = TrinoHttpFrontendSchema.parse({
    port: 0,
    ...(options.clientTimeoutMs === undefined ? {} : { clientTimeoutMs: options.clientTimeoutMs }),
    ...(options.targetPageBytes === undefined ? {} : { targetPageBytes: options.targetPageBytes }),
  })
  const frontend = createTrinoHttpFrontend({ config, externalAddress: options.externalAddress, service: qf.service, logger: qf.logger, events: qf.events }) as TrinoHttpFrontend
  const { port } = await frontend.start()
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    qf,
    frontend,
    load: () => {
      const group = (qf.capacity.snapshot() as Array<{ running: number, queued: number }>)[0]!
      return { running: group.running, queued: group.queued }
    },
    [Symbol.asyncDispose]: async () => {
      // Tests end with queries they left unread: cancel them rather than drain.
      await frontend.stop(AbortSignal.abort())
      await qf.close()
    },
  }
}

/** One QueryResults page as received: parsed JSON, the raw text and the response headers. */
export interface Page {
  readonly status: number
  // Parsed page JSON; tests read arbitrary protocol fields from it.
  readonly json: Record<string, any>
  readonly text: string
  readonly headers: Headers
}

export async function post (url: string, sql: string, headers: Record<string, string> = {}): Promise<Page> {
  const hasUser = Object.keys(headers).some((name) => /^x-(trino|presto)-user$/i.test(name))
  return await read(await fetch(`${url}/v1/statement`, { method: 'POST', body: sql, headers: { ...(hasUser ? {} : { 'X-Trino-User': 'test' }), ...headers } }))
}

export async function get (uri: string): Promise<Page> {
  return await read(await fetch(uri))
}

async function read (response: Response): Promise<Page> {
  const text = await response.text()
  let json = {}
  try { json = JSON.parse(text) as object } catch { /* a plain-text error answer */ }
  return { status: response.status, json, text, headers: response.headers }
}

/** Follows nextUri to the end (bounded), collecting every page. */
export async function run (url: string, sql: string, headers: Record<string, string> = {}): Promise<{ pages: Page[], rows: unknown[][], last: Page }> {
  const pages = [await post(url, sql, headers)]
  for (let i = 0; i < 100_000 && pages[pages.length - 1]!.json.nextUri !== undefined; i++) pages.push(await get(pages[pages.length - 1]!.json.nextUri as string))
  const last = pages[pages.length - 1]!
  return { pages, rows: pages.flatMap((p) => (p.json.data as unknown[][] | undefined) ?? []), last }
}

/** Polls a condition every 10 ms, for up to `limitMs` (10 s unless a client must start first). */
export async function waitFor (what: string, predicate: () => boolean, limitMs = 10_000): Promise<void> {
  for (let i = 0; i < limitMs / 10 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!predicate()) throw new Error(`not reached within ${limitMs} ms: ${what}`)
}
