/**
 * `node bench/translation.ts`: translation latency p50/p99 uncached and cached, in-thread and on
 * worker threads, and the event-loop delay each way. A standalone script, never part of the tests.
 *
 * Environment: BENCH_ROUNDS (passes over the corpus, default 300). Other processes on the
 * machine show up in every number here: run it on an otherwise idle machine.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Dialect } from '../src/core/dialect.ts'
import { createTranslator } from '../src/translate/index.ts'
import type { ManagedTranslator } from '../src/translate/index.ts'
import { translateSql } from '../src/translate/translate-sql.ts'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300)

const CORPUS: ReadonlyArray<readonly [string, Dialect, Dialect]> = [
  ['SELECT 1', 'trino', 'duckdb'],
  ['SELECT id, name FROM users WHERE id = ?', 'trino', 'duckdb'],
  ["SELECT o.customer_id, date_trunc('month', o.order_date) AS m, count(*) AS n, sum(o.amount) / count(*) AS avg_amount, approx_distinct(o.sku) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.order_date >= DATE '2024-01-01' + INTERVAL '1' DAY AND c.region IN ('eu', 'us') GROUP BY 1, 2 ORDER BY n DESC LIMIT 100", 'trino', 'duckdb'],
  ["SELECT date_format(ts, '%Y-%m-%d %H:%i'), date_diff('day', a, b), year_of_week(d), element_at(tags, 1), cardinality(tags), array_join(tags, ',') FROM events", 'trino', 'duckdb'],
  ["SELECT json_extract_scalar(payload, '$.user.id') AS uid, concat(first, ' ', last), greatest(a, b), contains(tags, 'x') FROM events WHERE regexp_like(url, '^https://')", 'trino', 'duckdb'],
  ['WITH t AS (SELECT user_id, row_number() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn FROM events) SELECT user_id FROM t WHERE rn = 1', 'trino', 'duckdb'],
  ['SELECT a, b, c, d, e, f, g, h, i, j FROM wide WHERE a > 1 AND b < 2 OR c = 3 ORDER BY a, b LIMIT 50 OFFSET 10', 'trino', 'duckdb'],
  ['SELECT $1::int, "Name" FROM "Users" WHERE created_at > now() - interval \'7 days\' LIMIT 10', 'postgres', 'duckdb'],
  ['SELECT DISTINCT ON (user_id) user_id, ts FROM events WHERE name ILIKE $1 ORDER BY user_id, ts DESC', 'postgres', 'duckdb'],
  ['SELECT `id`, IFNULL(`note`, \'\'), CAST(`price` AS SIGNED) FROM `orders` WHERE `id` = ? LIMIT 5, 10', 'mysql', 'duckdb'],
  ['SELECT DATE_FORMAT(created, \'%Y-%m\'), COUNT(*) FROM orders GROUP BY 1', 'mysql', 'duckdb'],
  ['SELECT approx_distinct(x), count_if(y > 0) FROM t GROUP BY z', 'trino', 'starrocks'],
  ['SELECT if(a > 1, b, c) FROM t LIMIT 10', 'trino', 'clickhouse'],
]

interface Summary { p50: number, p99: number, max: number, runs: number }

function summarize (samples: number[]): Summary {
  const sorted = samples.sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN, runs: sorted.length }
}

interface Row { label: string, latency: Summary, loopP99: number, loopMax: number, seconds: number }

/** Runs `work` once per corpus statement per round, one event-loop turn each, under an event-loop delay monitor. */
async function section (label: string, work: (sql: string, from: Dialect, to: Dialect) => Promise<unknown> | unknown, concurrency = 1, minSeconds = 0): Promise<Row> {
  const samples: number[] = []
  const monitor = monitorEventLoopDelay({ resolution: 1 })
  const started = performance.now()
  monitor.enable()
  for (let round = 0; round < ROUNDS || performance.now() - started < minSeconds * 1000; round++) {
    for (let i = 0; i < CORPUS.length; i += concurrency) {
      const batch = CORPUS.slice(i, i + concurrency)
      await Promise.all(batch.map(async ([sql, from, to]) => {
        const t0 = performance.now()
        try {
          await work(sql, from, to)
        } catch { /* a failing statement is measured like any other */ }
        samples.push(performance.now() - t0)
      }))
      await nextTurn()
    }
  }
  monitor.disable()
  return { label, latency: summarize(samples), loopP99: monitor.percentile(99) / 1e6, loopMax: monitor.max / 1e6, seconds: (performance.now() - started) / 1000 }
}

async function idle (): Promise<Row> {
  return await section('idle loop (baseline, no translation)', () => undefined, 1, 2)
}

async function withTranslator (options: { cacheSize: number, workerThreads: number }, run: (t: ManagedTranslator) => Promise<Row[]>): Promise<Row[]> {
  const translator = await createTranslator(options)
  try {
    return await run(translator)
  } finally {
    await translator.close()
  }
}

const rows: Row[] = []
rows.push(await idle())
// Warm polyglot in this thread (first calls tier up the WASM) before measuring it.
for (let i = 0; i < 20; i++) for (const [sql, from, to] of CORPUS) { try { translateSql(sql, from, to) } catch { /* measured below */ } }
rows.push(await section('in-thread, uncached (translateSql)', (sql, from, to) => translateSql(sql, from, to)))
rows.push(...await withTranslator({ cacheSize: 10_000, workerThreads: 0 }, async (t) => {
  for (const [sql, from, to] of CORPUS) await t.translate(sql, from, to)
  return [await section('in-thread, cached', async (sql, from, to) => await t.translate(sql, from, to))]
}))
rows.push(...await withTranslator({ cacheSize: 0, workerThreads: 1 }, async (t) => {
  await section('(warm-up)', async (sql, from, to) => await t.translate(sql, from, to))
  return [await section('1 worker, uncached, sequential', async (sql, from, to) => await t.translate(sql, from, to))]
}))
rows.push(...await withTranslator({ cacheSize: 0, workerThreads: 2 }, async (t) => {
  await section('(warm-up)', async (sql, from, to) => await t.translate(sql, from, to), 4)
  return [
    await section('2 workers, uncached, sequential', async (sql, from, to) => await t.translate(sql, from, to)),
    await section('2 workers, uncached, 4 concurrent', async (sql, from, to) => await t.translate(sql, from, to), 4),
  ]
}))
rows.push(...await withTranslator({ cacheSize: 10_000, workerThreads: 2 }, async (t) => {
  for (const [sql, from, to] of CORPUS) await t.translate(sql, from, to)
  return [await section('2 workers, cached', async (sql, from, to) => await t.translate(sql, from, to))]
}))

const f = (n: number): string => n.toFixed(3)
const header = ['mode', 'calls', 'p50 ms', 'p99 ms', 'max ms', 'loop delay p99 ms', 'loop delay max ms']
const lines = rows.map((r) => [r.label, String(r.latency.runs), f(r.latency.p50), f(r.latency.p99), f(r.latency.max), f(r.loopP99), f(r.loopMax)])
const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)))
const print = (cells: readonly string[]): void => { process.stdout.write(`| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |\n`) }
process.stdout.write(`translation benchmark: ${CORPUS.length} statements × ${ROUNDS} rounds, Node ${process.version}\n`)
print(header)
process.stdout.write(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`)
for (const line of lines) print(line)

// Per statement, in-thread: where the time goes (the rewrite layer vs one transpile).
process.stdout.write('\nper statement, in-thread translateSql (after warm-up):\n')
for (const [sql, from, to] of CORPUS) {
  const samples: number[] = []
  for (let i = 0; i < ROUNDS * 3; i++) {
    const t0 = performance.now()
    try { translateSql(sql, from, to) } catch { /* measured like any other */ }
    samples.push(performance.now() - t0)
  }
  const { p50, p99 } = summarize(samples)
  process.stdout.write(`  ${f(p50)} / ${f(p99)} ms  ${from}→${to}  ${sql.length > 70 ? `${sql.slice(0, 67)}...` : sql}\n`)
}
