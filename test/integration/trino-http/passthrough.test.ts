/**
 * Trino → Trino pass-through: a Trino client on the Trino HTTP frontend, routed to a real Trino
 * engine, gets the engine's pages forwarded undecoded. Two frontends share one QueryService, one
 * with `passthrough: true` and one with `passthrough: false` (the decode path), and must answer
 * the same columns and the same values, digit for digit (numbers compared by their JSON source
 * text, so a bigint beyond 2^53 or a double's Java form cannot hide behind JSON.parse).
 * Needs a Trino server: QF_TEST_TRINO_URL, or the harness starts one.
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { TrinoHttpFrontendSchema } from '../../../src/config/schema.ts'
import { createTrinoHttpFrontend } from '../../../src/frontends/trino-http/index.ts'
import type { TrinoHttpFrontend } from '../../../src/frontends/trino-http/index.ts'
import { createTestQueryService } from '../../harness/query-service.ts'
import type { TestQueryService } from '../../harness/query-service.ts'
import { ensureTrino } from '../../harness/servers/trino.ts'
import { get, post, waitFor } from './start-frontend.ts'
import type { Page } from './start-frontend.ts'

/** 60k rows (several pages) of every shape the decode path re-encodes: bigint > 2^53, decimal, timestamp(6), array, map, row, NULLs. */
const TYPES_SQL = `SELECT orderkey + 9007199254740990 AS big, extendedprice, CAST(discount AS decimal(38, 20)) AS wide,
  CAST(CAST(shipdate AS varchar) || ' 01:02:03.' || lpad(CAST(linenumber * 123 AS varchar), 6, '0') AS timestamp(6)) AS ts, quantity * 1.25e0 AS dbl,
  ARRAY[linenumber, NULL] AS arr, MAP(ARRAY['q', 'n'], ARRAY[CAST(quantity AS double), NULL]) AS m,
  CAST(ROW(linenumber, comment) AS ROW(n integer, c varchar)) AS r, IF(linenumber = 1, NULL, comment) AS maybe,
  shipdate, returnflag = 'R' AS flag
FROM tpch.tiny.lineitem ORDER BY orderkey, linenumber`

interface Frontends {
  qf: TestQueryService
  passthrough: TrinoHttpFrontend
  decoding: TrinoHttpFrontend
  urls: { passthrough: string, decoding: string }
}

let ctx: Frontends

before(async () => {
  const env = await ensureTrino()
  const qf = await createTestQueryService({
    config: {
      queryflux: { adminApi: { enabled: false } },
      clusters: { trino: { engine: 'trino', endpoint: env.QF_TEST_TRINO_URL! } },
      clusterGroups: { default: { members: ['trino'], maxRunningQueries: 4, maxQueuedQueries: 10 } },
      routingFallback: 'default',
    },
  })
  const start = async (passthrough: boolean): Promise<[TrinoHttpFrontend, string]> => {
    const config = TrinoHttpFrontendSchema.parse({ port: 0, passthrough })
    const frontend = createTrinoHttpFrontend({ config, service: qf.service, logger: qf.logger, events: qf.events }) as TrinoHttpFrontend
    const { port } = await frontend.start()
    return [frontend, `http://127.0.0.1:${port}`]
  }
  const [passthrough, passthroughUrl] = await start(true)
  const [decoding, decodingUrl] = await start(false)
  ctx = { qf, passthrough, decoding, urls: { passthrough: passthroughUrl, decoding: decodingUrl } }
})

after(async () => {
  if (ctx === undefined) return
  await ctx.passthrough.stop(AbortSignal.abort())
  await ctx.decoding.stop(AbortSignal.abort())
  await ctx.qf.close()
})

/** Parses a page keeping every number as its source text. */
function exact (text: string): Record<string, unknown> {
  // The reviver's third argument gives each number's source text (JSON.parse source access).
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) => typeof value === 'number' ? context!.source : value) as Record<string, unknown>
}

async function runAll (url: string, sql: string): Promise<{ pages: Page[], rows: unknown[], columns: unknown, last: Page }> {
  const pages = [await post(url, sql)]
  for (let i = 0; i < 100_000 && pages.at(-1)!.json.nextUri !== undefined; i++) pages.push(await get(pages.at(-1)!.json.nextUri as string))
  const parsed = pages.map((page) => exact(page.text))
  const columns = parsed.find((page) => page.columns !== undefined)?.columns
  return { pages, rows: parsed.flatMap((page) => (page.data as unknown[] | undefined) ?? []), columns, last: pages.at(-1)! }
}

const load = (): { running: number } => (ctx.qf.capacity.snapshot() as Array<{ running: number }>)[0]!

describe('Trino → Trino pass-through', () => {
  test('forwards the engine pages: same columns and values as the decode path, over several pages', async () => {
    const before = { passthrough: ctx.passthrough.passthroughStatements, decoding: ctx.decoding.passthroughStatements }
    const forwarded = await runAll(ctx.urls.passthrough, TYPES_SQL)
    const decoded = await runAll(ctx.urls.decoding, TYPES_SQL)
    assert.equal(ctx.passthrough.passthroughStatements, before.passthrough + 1, 'the pass-through frontend forwarded pages')
    assert.equal(ctx.decoding.passthroughStatements, before.decoding, 'the switched-off frontend decoded')
    for (const result of [forwarded, decoded]) {
      assert.equal(result.last.json.stats.state, 'FINISHED', result.last.text.slice(0, 500))
      assert.equal(result.rows.length, 60_175)
    }
    assert.ok(forwarded.pages.filter((page) => page.json.data !== undefined).length > 1, 'several data pages')
    // Trino writes `decimal(38, 20)` where the decode path writes `decimal(38,20)` (clients read
    // the typeSignature); everything else about the columns is identical.
    const sameDecimal = (columns: unknown): unknown => (columns as Array<{ type: string }>).map((c) => ({ ...c, type: c.type.replace(/^decimal\((\d+), (\d+)\)$/, 'decimal($1,$2)') }))
    assert.deepEqual(sameDecimal(forwarded.columns), sameDecimal(decoded.columns))
    assert.equal((forwarded.columns as Array<{ type: string }>)[2]!.type, 'decimal(38, 20)', 'Trino\'s own column text, forwarded as is')
    // The values most likely to be damaged by a decode, checked outright.
    const first = forwarded.rows[0] as unknown[]
    assert.equal(first[0], '9007199254740991')
    assert.equal(first[8], null)
    assert.match(String(first[3]), /^1996-03-13 01:02:03\.000123$/)
    for (let i = 0; i < forwarded.rows.length; i++) assert.deepEqual(forwarded.rows[i], decoded.rows[i], `row ${i}`)
    // Every URI is QueryFlux's, never the engine's.
    for (const page of forwarded.pages) {
      for (const key of ['nextUri', 'infoUri', 'partialCancelUri']) {
        const uri = page.json[key] as string | undefined
        if (uri !== undefined) assert.ok(uri.startsWith(ctx.urls.passthrough), `${key} ${uri}`)
      }
    }
    const info = ctx.qf.service.list().find((query) => query.queryId === forwarded.pages[0]!.json.id)!
    assert.equal(info.state, 'FINISHED')
    assert.equal(info.rows, 60_175, 'rows counted from the forwarded pages')
    await waitFor('slot freed', () => load().running === 0)
  })

  test('DML and a failing query still answer as Trino does', async () => {
    const failed = await runAll(ctx.urls.passthrough, 'SELECT CAST(x AS bigint) FROM (VALUES \'a\', \'1\') t(x)')
    assert.equal(failed.last.json.stats.state, 'FAILED')
    assert.equal(failed.last.json.error.errorName, 'INVALID_CAST_ARGUMENT')
    const empty = await runAll(ctx.urls.passthrough, 'SELECT * FROM tpch.tiny.nation WHERE false')
    assert.equal(empty.last.json.stats.state, 'FINISHED')
    assert.deepEqual(empty.rows, [])
    assert.equal((empty.columns as unknown[]).length, 4)
    await waitFor('slots freed', () => load().running === 0)
  })

  test('DELETE mid-stream cancels the forwarded query and frees the slot once', async () => {
    const before = ctx.passthrough.passthroughStatements
    let page = await post(ctx.urls.passthrough, 'SELECT * FROM tpch.sf1.lineitem')
    const id = page.json.id as string
    for (let i = 0; i < 600 && page.json.data === undefined && page.json.nextUri !== undefined; i++) page = await get(page.json.nextUri as string)
    assert.ok(page.json.data !== undefined, 'rows started to arrive')
    assert.equal(ctx.passthrough.passthroughStatements, before + 1)
    assert.equal(load().running, 1)
    const nextUri = page.json.nextUri as string
    assert.equal((await fetch(nextUri, { method: 'DELETE' })).status, 204)
    await waitFor('slot freed', () => load().running === 0)
    const info = ctx.qf.service.list().find((query) => query.queryId === id)!
    assert.equal(info.state, 'FAILED')
    assert.equal(info.error?.code, 'CANCELLED')
    const afterCancel = await get(nextUri)
    assert.equal(afterCancel.json.error.errorName, 'USER_CANCELED')
    assert.equal(load().running, 0)
    // The slot is usable again: the next query runs.
    const next = await runAll(ctx.urls.passthrough, 'SELECT count(*) FROM tpch.tiny.nation')
    assert.deepEqual(next.rows, [['25']])
  })
})
