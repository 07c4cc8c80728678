/**
 * polyglot-sql against sqlglot on the translation corpus (issue #5): the whole corpus
 * (test/corpus/queries, every source dialect to each of its targets, answers compared on the
 * real engines) run three ways:
 *
 *   queryflux   createTranslator: polyglot plus our rewrite layer, as QueryService runs it
 *   polyglot    polyglot's plain transpile (src/translate/polyglot.ts), no rewrite layer
 *   sqlglot     sqlglot's plain transpile, in Pyodide on a worker thread (src/translate/sqlglot/)
 *
 * Each gets the target engine's table schemas as the corpus test and QueryService do
 * (translateForEngine: the translator's own tablesOf, then one shared TableSchemaCache); only
 * the rewrite layer uses them. Prints, per dialect pair, each one's pass rate (and its wrong
 * answers, the silent failures), and the translation time per statement p50/p99: the translate
 * call only (schemas looked up before), uncached, one call at a time, after one warm-up pass.
 * polyglot runs on the calling thread; sqlglot's time includes the worker round trip
 * (≈0.02–0.05 ms, docs/translation.md "How it is chosen").
 *
 * Needs the real servers (`set -a; . /tmp/qf-servers/servers.env; set +a`, or the harness
 * starts them) and the sqlglot wheel (scripts/setup/sqlglot.sh).
 *
 *   node bench/transpiler-comparison.ts [--rounds 3] [--parallel 6] [--json out.json] [--list-gains]
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Dialect } from '../src/core/dialect.ts'
import { createTranslator } from '../src/translate/index.ts'
import { transpile } from '../src/translate/polyglot.ts'
import { SqlglotTranslator } from '../src/translate/sqlglot/sqlglot-translator.ts'
import { tablesOf } from '../src/translate/table-names.ts'
import type { TableName, TableSchema, Translation, Translator } from '../src/translate/translator.ts'
import { TableSchemaCache } from '../src/service/table-schema-cache.ts'
import { closeEngines } from '../test/corpus/corpus-engines.ts'
import { openLoadedEngines } from '../test/corpus/corpus-setup.ts'
import { pairKey, summarise } from '../test/corpus/pass-rates.ts'
import type { PassRates } from '../test/corpus/pass-rates.ts'
import { loadQueries } from '../test/corpus/query-file.ts'
import type { CorpusQuery, SourceDialect } from '../test/corpus/query-file.ts'
import { runCorpus, TARGETS } from '../test/corpus/runner.ts'
import type { CorpusRun } from '../test/corpus/runner.ts'
import type { CorpusEngine } from '../test/corpus/load/table-sql.ts'
import { summarize } from './lib/stats.ts'
import type { LatencySummary } from './lib/stats.ts'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    parallel: { type: 'string', default: '6' },
    json: { type: 'string' },
    'list-gains': { type: 'boolean', default: false },
  },
})
const rounds = Number(values.rounds)
const parallelQueries = Number(values.parallel)

/** polyglot's transpile alone, on the calling thread: what the rewrite layer starts from. */
class PlainPolyglotTranslator implements Translator {
  async translate (sql: string, from: Dialect, to: Dialect): Promise<Translation> {
    const startedAt = performance.now()
    if (from === to) return { sql, from, to, outcome: 'identity', elapsedMs: 0, rewrites: [] }
    const translated = transpile(sql, from, to)
    return { sql: translated, from, to, outcome: 'translated', elapsedMs: performance.now() - startedAt, rewrites: [] }
  }

  async tablesOf (sql: string, from: Dialect): Promise<readonly TableName[]> {
    return tablesOf(sql, from)
  }
}

interface Contender { readonly name: string, readonly translator: Translator }

/** One schema cache for the three runs: every translator is given the same table schemas (service/schema-aware-translation.ts). */
const schemas = new TableSchemaCache({ ttlMs: 3_600_000 })

const DIALECTS: readonly SourceDialect[] = ['trino', 'postgres', 'mysql']
const queries = DIALECTS.flatMap((d) => loadQueries(d))
const counts = Object.fromEntries(DIALECTS.map((d) => [d, queries.filter((q) => q.dialect === d).length]))
const jobs: Array<{ query: CorpusQuery, target: Dialect }> = queries.flatMap((query) => TARGETS[query.dialect].map((target) => ({ query, target: target as Dialect })))

type Engines = Awaited<ReturnType<typeof openLoadedEngines>>

/** The target engine's schemas of the tables `sql` reads, as the corpus run had them (from the shared, warm cache). */
async function tablesFor (translator: Translator, engines: Engines, sql: string, from: Dialect, to: Dialect): Promise<TableSchema[]> {
  const engine = engines.get(to as CorpusEngine)
  if (engine === undefined) return []
  try {
    return await schemas.tablesFor(engine.adapter.metadata, await translator.tablesOf(sql, from), engine.session, AbortSignal.timeout(60_000))
  } catch {
    return []
  }
}

/**
 * Per pair, each translate call's time, with the schemas the corpus run used (looked up
 * before the clock starts): `rounds` sequential passes after one warm-up pass.
 */
async function timeTranslations (translator: Translator, engines: Engines): Promise<Map<string, number[]>> {
  const tables = new Map<typeof jobs[number], TableSchema[]>()
  for (const job of jobs) tables.set(job, await tablesFor(translator, engines, job.query.sql, job.query.dialect as Dialect, job.target))
  const samples = new Map<string, number[]>()
  for (let round = -1; round < rounds; round++) {
    for (const job of jobs) {
      const options = { tables: tables.get(job) ?? [] }
      const t0 = performance.now()
      try {
        await translator.translate(job.query.sql, job.query.dialect as Dialect, job.target, options)
      } catch {
        // A refusal costs a parse too; its time counts.
      }
      const ms = performance.now() - t0
      if (round < 0) continue
      const key = `${job.query.dialect}->${job.target}`
      const list = samples.get(key) ?? []
      list.push(ms)
      samples.set(key, list)
    }
  }
  return samples
}

interface Result {
  readonly name: string
  readonly rates: PassRates
  readonly run: CorpusRun
  readonly times: Map<string, LatencySummary>
  readonly allTimes: LatencySummary
}

async function measure (contender: Contender, engines: Engines): Promise<Result> {
  const began = performance.now()
  const run = await runCorpus({ engines, translator: contender.translator, schemas, queries, parallelQueries })
  const rates = summarise(run, counts, (performance.now() - began) / 1000)
  const samples = await timeTranslations(contender.translator, engines)
  const times = new Map([...samples].map(([pair, list]) => [pair, summarize(list)]))
  const allTimes = summarize([...samples.values()].flat())
  console.log(`transpilers: ${contender.name}: corpus in ${rates.runSeconds} s, timing ${rounds} rounds of ${jobs.length} translations`)
  return { name: contender.name, rates, run, times, allTimes }
}

const pct = (passed: number, total: number): string => `${(total === 0 ? 0 : passed / total * 100).toFixed(1)}% (${passed}/${total})`
const msText = (value: number): string => value < 1 ? value.toFixed(3) : value.toFixed(2)
function wrongCount (run: CorpusRun, pair: string): number {
  return run.outcomes.filter((o) => pairKey(o) === pair && o.status === 'wrong').length
}

function report (results: readonly Result[]): void {
  const pairs = [...new Set(results.flatMap((r) => Object.keys(r.rates.pairs)))].sort()
  const names = results.map((r) => r.name)
  console.log(`\npass rate (wrong answers) per pair; ${queries.length} queries, ${jobs.length} (query, target) pairs\n`)
  console.log(`| pair | ${names.join(' | ')} |`)
  console.log(`|---|${names.map(() => '---:').join('|')}|`)
  const totals = results.map(() => ({ passed: 0, total: 0, wrong: 0 }))
  for (const pair of pairs) {
    const cells = results.map((r, i) => {
      const rate = r.rates.pairs[pair] ?? { passed: 0, total: 0 }
      const wrong = wrongCount(r.run, pair)
      totals[i]!.passed += rate.passed
      totals[i]!.total += rate.total
      totals[i]!.wrong += wrong
      return `${pct(rate.passed, rate.total)}, ${wrong} wrong`
    })
    console.log(`| ${pair} | ${cells.join(' | ')} |`)
  }
  console.log(`| all | ${totals.map((t) => `${pct(t.passed, t.total)}, ${t.wrong} wrong`).join(' | ')} |`)

  console.log(`\ntranslation time per statement, ms, p50 / p99 (uncached, sequential, ${rounds} rounds)\n`)
  console.log(`| pair | ${names.join(' | ')} |`)
  console.log(`|---|${names.map(() => '---:').join('|')}|`)
  for (const pair of pairs) {
    console.log(`| ${pair} | ${results.map((r) => { const t = r.times.get(pair); return t === undefined ? '—' : `${msText(t.p50)} / ${msText(t.p99)}` }).join(' | ')} |`)
  }
  console.log(`| all | ${results.map((r) => `${msText(r.allTimes.p50)} / ${msText(r.allTimes.p99)}`).join(' | ')} |`)

  // Where plain sqlglot passes a query that a polyglot contender does not: what wiring it in could win.
  const sqlglot = results.find((r) => r.name === 'sqlglot')
  if (sqlglot === undefined) return
  const passing = (r: Result): Set<string> => new Set(r.run.outcomes.filter((o) => o.status === 'pass').map((o) => `${pairKey(o)} ${o.queryId}`))
  const sqlglotPasses = passing(sqlglot)
  for (const other of results.filter((r) => r !== sqlglot)) {
    const otherPasses = passing(other)
    const gains = [...sqlglotPasses].filter((k) => !otherPasses.has(k))
    const losses = [...otherPasses].filter((k) => !sqlglotPasses.has(k))
    console.log(`\nsqlglot passes ${gains.length} that ${other.name} does not; ${other.name} passes ${losses.length} that sqlglot does not`)
    if (values['list-gains']) for (const gain of gains) console.log(`  ${gain}`)
  }
}

const contenders: Contender[] = []
const engines = await openLoadedEngines((line) => console.log(`transpilers: ${line}`))
try {
  contenders.push({ name: 'queryflux', translator: await createTranslator({ cacheSize: 0, workerThreads: 0 }) })
  contenders.push({ name: 'polyglot', translator: new PlainPolyglotTranslator() })
  const sqlglot = await SqlglotTranslator.create()
  console.log(`transpilers: sqlglot ${sqlglot.version} loaded in Pyodide`)
  contenders.push({ name: 'sqlglot', translator: sqlglot })
  const results: Result[] = []
  for (const contender of contenders) results.push(await measure(contender, engines))
  report(results)
  if (values.json !== undefined) {
    writeFileSync(values.json, JSON.stringify(results.map((r) => ({
      name: r.name,
      pairs: r.rates.pairs,
      failures: r.rates.failures,
      times: Object.fromEntries(r.times),
      allTimes: r.allTimes,
    })), null, 2) + '\n')
  }
} finally {
  for (const contender of contenders) {
    const closable = contender.translator as Partial<{ close: () => Promise<void> }>
    await closable.close?.()
  }
  await closeEngines(engines)
}
