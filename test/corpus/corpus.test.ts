/**
 * Issue #5's translation corpus against real engines: every query of test/corpus/queries runs
 * on its own dialect's engine (Trino 476's memory catalog, PostgreSQL 15, MariaDB), then is
 * translated by QueryFlux's translator and run on every other engine (and DuckDB in-process),
 * and the answers are compared (rows, and result type classes of the source dialect).
 *
 * Fails when a query fails on its own engine (a corpus bug), or when a dialect pair's pass rate
 * drops below the rate recorded in test/corpus/pass-rates.json. With QF_CORPUS_UPDATE=1 it
 * records this run's rates instead and re-renders docs/translation.md's matrix and
 * test/corpus/failures.md (scripts/corpus-report.ts).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { createTranslator } from '../../src/translate/index.ts'
import type { ManagedTranslator } from '../../src/translate/index.ts'
import { writeCorpusReport } from '../../scripts/corpus-report.ts'
import { TableSchemaCache } from '../../src/service/table-schema-cache.ts'
import { closeEngines } from './corpus-engines.ts'
import type { CorpusEngineHandle } from './corpus-engines.ts'
import { openLoadedEngines } from './corpus-setup.ts'
import type { CorpusEngine } from './load/table-sql.ts'
import { findRegressions, newlyFailing, readPassRates, summarise, writePassRates } from './pass-rates.ts'
import type { PassRates } from './pass-rates.ts'
import { loadQueries } from './query-file.ts'
import type { SourceDialect } from './query-file.ts'
import { runCorpus } from './runner.ts'
import type { CorpusRun } from './runner.ts'

const DIALECTS: readonly SourceDialect[] = ['trino', 'postgres', 'mysql']
const isUpdate = process.env.QF_CORPUS_UPDATE === '1'

describe('translation corpus (issue #5) on real engines', () => {
  let engines: Map<CorpusEngine, CorpusEngineHandle> | undefined
  let translator: ManagedTranslator | undefined
  const schemas = new TableSchemaCache({ ttlMs: 600_000 })
  let run: CorpusRun
  let rates: PassRates

  before(async () => {
    const began = performance.now()
    engines = await openLoadedEngines((line) => console.log(`corpus: ${line}`))
    translator = await createTranslator({ cacheSize: 10_000, workerThreads: 0 })
    const queries = DIALECTS.flatMap((d) => loadQueries(d))
    run = await runCorpus({ engines, translator, schemas, queries, parallelQueries: 6 })
    const counts = Object.fromEntries(DIALECTS.map((d) => [d, queries.filter((q) => q.dialect === d).length]))
    rates = summarise(run, counts, (performance.now() - began) / 1000)
    console.log(`corpus: ${run.outcomes.length} translated runs in ${(run.elapsedMs / 1000).toFixed(1)} s, ${rates.runSeconds} s with loading`)
    for (const [pair, rate] of Object.entries(rates.pairs)) {
      console.log(`corpus: ${pair.padEnd(22)} ${(rate.rate * 100).toFixed(1).padStart(5)}%  (${rate.passed}/${rate.total})`)
    }
  })

  after(async () => {
    await translator?.close()
    if (engines !== undefined) await closeEngines(engines)
  })

  test('every corpus query runs on its own dialect\'s engine', () => {
    const lines = run.sourceFailures.map((f) => `${f.queryId}: ${f.message}`)
    assert.deepEqual(lines, [], 'these corpus queries fail on their own engine; fix the query file')
  })

  test('every source dialect is translated to every other engine', () => {
    for (const source of DIALECTS) {
      const targets = new Set(run.outcomes.filter((o) => o.source === source).map((o) => o.target))
      assert.equal(targets.size, 4, `${source} queries reached only ${[...targets].join(', ')}`)
    }
  })

  test('translation had each target engine\'s schema of the corpus tables, as QueryService would', async () => {
    assert.ok(schemas.metadataCalls > 0, 'the runner looked up no table schema')
    for (const [engine, handle] of engines ?? []) {
      const [lineitem] = await schemas.tablesFor(handle.adapter.metadata, [{ name: 'lineitem' }], handle.session, AbortSignal.timeout(10_000))
      const quantity = lineitem?.columns.find((c) => c.name.toLowerCase() === 'l_quantity')
      assert.ok(quantity !== undefined, `${engine}: no schema for lineitem, so its translations ran untyped`)
      const key = lineitem!.columns.find((c) => c.name.toLowerCase() === 'l_orderkey')
      assert.match(key?.type ?? '', /^(integer|bigint)$/, `${engine}: l_orderkey is ${key?.type}`)
    }
  })

  test('no dialect pair passes fewer queries than the recorded rate', () => {
    if (isUpdate) {
      writePassRates(rates)
      writeCorpusReport(rates)
      console.log('corpus: recorded test/corpus/pass-rates.json, docs/translation.md and test/corpus/failures.md')
      return
    }
    const recorded = readPassRates()
    assert.ok(recorded !== undefined, 'test/corpus/pass-rates.json is missing: run once with QF_CORPUS_UPDATE=1')
    for (const { pair, failure } of newlyFailing(recorded, rates)) {
      console.log(`corpus: newly failing ${pair} ${failure.query}: ${failure.status}: ${failure.detail}`)
    }
    const regressions = findRegressions(recorded, rates)
    const described = regressions.map((r) => `${r.pair}: ${r.now === undefined ? 'no result' : `${(r.now.rate * 100).toFixed(1)}%`} < recorded ${(r.recorded.rate * 100).toFixed(1)}%` +
      r.newlyFailing.map((f) => `\n    ${f.query}: ${f.status}: ${f.detail}`).join(''))
    assert.deepEqual(described, [], 'translation pass rates dropped (QF_CORPUS_UPDATE=1 records a new baseline once the drop is understood)')
  })
})
