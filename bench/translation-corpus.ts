/**
 * Translation time over the translation corpus (test/corpus/queries): every query of every
 * source dialect translated to each of its corpus targets, through createTranslator exactly
 * as QueryService uses it: `tablesOf`, then `translate` with the referenced tables' schemas (the
 * corpus tables' own column types, as an engine's metadata would describe them), so the time
 * includes the schema-typed annotation production pays when source and target differ.
 *
 *   uncached: a translator with no cache, each (query, target) translated `rounds` times
 *   cached:   a translator with a cache, warmed once, then every (query, target) looked up again
 *
 * Prints p50/p95/p99 per mode and per source dialect; failures (TRANSLATION_FAILED) are timed
 * too, since a refusal costs a parse as well.
 *
 *   node bench/translation-corpus.ts [--rounds 5] [--workers 0]
 */
import { parseArgs } from 'node:util'
import { createTranslator } from '../src/translate/index.ts'
import type { ManagedTranslator } from '../src/translate/index.ts'
import type { TableSchema } from '../src/translate/translator.ts'
import type { Dialect } from '../src/core/dialect.ts'
import { formatType } from '../src/core/logical-type.ts'
import { corpusTables } from '../test/corpus/corpus-setup.ts'
import { loadQueries } from '../test/corpus/query-file.ts'
import type { CorpusQuery, SourceDialect } from '../test/corpus/query-file.ts'
import { TARGETS } from '../test/corpus/runner.ts'
import { summarize } from './lib/stats.ts'
import type { LatencySummary } from './lib/stats.ts'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' }, workers: { type: 'string', default: '0' } } })
const rounds = Number(values.rounds)
const workerThreads = Number(values.workers)
const dialects: SourceDialect[] = ['trino', 'postgres', 'mysql']
const queries = dialects.flatMap((d) => loadQueries(d))
const jobs: Array<{ query: CorpusQuery, target: Dialect }> = queries.flatMap((query) => TARGETS[query.dialect].map((target) => ({ query, target: target as Dialect })))

const schemas = new Map<string, TableSchema>(corpusTables().map((t) => [t.name, { name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: formatType(c.type) })) }]))

/** What QueryService does for a statement: the tables it reads, their schemas, then the translation. */
function withSchemas (translator: ManagedTranslator): (sql: string, from: Dialect, to: Dialect) => Promise<unknown> {
  return async (sql, from, to) => {
    const tables = (await translator.tablesOf(sql, from)).flatMap((t) => schemas.get(t.name) ?? [])
    return await translator.translate(sql, from, to, { tables })
  }
}

async function timeOne (translate: (sql: string, from: Dialect, to: Dialect) => Promise<unknown>, job: { query: CorpusQuery, target: Dialect }): Promise<number> {
  const t0 = performance.now()
  try {
    await translate(job.query.sql, job.query.dialect as Dialect, job.target)
  } catch {
    // A refusal is a translation outcome too; its time counts.
  }
  return performance.now() - t0
}

function line (label: string, s: LatencySummary): string {
  return `${label.padEnd(22)} n=${String(s.runs).padStart(5)}  p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  mean ${s.mean.toFixed(3)} ms`
}

const uncached = await createTranslator({ cacheSize: 0, workerThreads })
const bySource = new Map<string, number[]>()
const all: number[] = []
// One warm-up pass: WebAssembly tier-up and the rewrite templates' parse cache.
const translateUncached = withSchemas(uncached)
for (const job of jobs) await timeOne(translateUncached, job)
for (let round = 0; round < rounds; round++) {
  for (const job of jobs) {
    const ms = await timeOne(translateUncached, job)
    all.push(ms)
    const key = `${job.query.dialect}`
    const list = bySource.get(key) ?? []
    list.push(ms)
    bySource.set(key, list)
  }
}
const failures = uncached.stats().outcomes.failed
await uncached.close()

const cachedTranslator = await createTranslator({ cacheSize: 10_000, workerThreads })
const translateCached = withSchemas(cachedTranslator)
for (const job of jobs) await timeOne(translateCached, job)
const cached: number[] = []
for (let round = 0; round < rounds; round++) {
  for (const job of jobs) cached.push(await timeOne(translateCached, job))
}
await cachedTranslator.close()

console.log(`translation corpus: ${queries.length} queries, ${jobs.length} (query, target) pairs, ${rounds} rounds, workerThreads=${workerThreads}`)
console.log(line('uncached, all', summarize(all)))
for (const [source, samples] of bySource) console.log(line(`uncached, from ${source}`, summarize(samples)))
console.log(line('cached, all', summarize(cached)))
console.log(`refused translations per uncached pass: ${Math.round(failures / (rounds + 1))} of ${jobs.length}`)
