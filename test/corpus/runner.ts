/**
 * Runs the corpus: every query natively on its own dialect's engine (the expected answer),
 * then translated to every other engine and compared (compare.ts). Engine calls run with
 * bounded concurrency per engine; translation takes QueryService's path (the project's
 * Translator with the target engine's table schemas, service/schema-aware-translation.ts, and
 * its result-type conversion, service/result-types.ts), so the corpus measures exactly what a
 * client of QueryFlux gets.
 */
import { isQueryFluxError } from '../../src/core/errors.ts'
import type { Dialect } from '../../src/core/dialect.ts'
import { withSourceResultTypes } from '../../src/service/result-types.ts'
import { translateForEngine } from '../../src/service/schema-aware-translation.ts'
import { TableSchemaCache } from '../../src/service/table-schema-cache.ts'
import type { Translation, Translator } from '../../src/translate/translator.ts'
import { compareResults } from './compare.ts'
import type { CollectedResult } from './compare.ts'
import type { CorpusEngineHandle } from './corpus-engines.ts'
import { hasArrays } from './load/table-sql.ts'
import type { CorpusEngine } from './load/table-sql.ts'
import type { Capability, CorpusQuery, SourceDialect } from './query-file.ts'

/** `notApplicable`: the query needs a capability the target engine lacks (query-file.ts `requires`); not counted in the pair's rate. */
export type OutcomeStatus = 'pass' | 'wrong' | 'error' | 'untranslated' | 'notApplicable'

export interface Outcome {
  readonly queryId: string
  readonly source: SourceDialect
  readonly target: CorpusEngine
  readonly status: OutcomeStatus
  /** Why it did not pass: the diff, the engine's message, or the translator's. Empty on pass. */
  readonly detail: string
  readonly translatedSql?: string
  /** Engine time of the translated query (0 when it never ran). */
  readonly elapsedMs: number
}

export interface SourceFailure {
  readonly queryId: string
  readonly message: string
}

export interface CorpusRun {
  readonly outcomes: readonly Outcome[]
  /** Engine time of each query on its own engine. */
  readonly sourceTimes: ReadonlyMap<string, number>
  /** Queries that fail on their own engine: corpus bugs, which fail the test. */
  readonly sourceFailures: readonly SourceFailure[]
  readonly elapsedMs: number
}

/** Which engines a query of each source dialect is translated to. */
export const TARGETS: Readonly<Record<SourceDialect, readonly CorpusEngine[]>> = {
  trino: ['duckdb', 'postgres', 'mysql', 'clickhouse'],
  postgres: ['duckdb', 'trino', 'mysql', 'clickhouse'],
  mysql: ['duckdb', 'trino', 'postgres', 'clickhouse'],
}

/** Queries in flight at once on each engine (2 cores shared with every server). */
export const ENGINE_CONCURRENCY: Readonly<Record<CorpusEngine, number>> = {
  trino: 3, postgres: 3, mysql: 3, duckdb: 2, clickhouse: 3,
}

/** Why `engine` cannot run a query that requires `capability`, or undefined when it can. */
export function missingCapability (engine: CorpusEngine, capability: Capability): string | undefined {
  switch (capability) {
    case 'arrays': return hasArrays(engine) ? undefined : `needs arrays; ${engine} has no array type, so the corpus tables have no array columns there`
  }
}

/** Answers longer than this are a corpus bug (the comparison holds them in memory). */
export const MAX_ROWS = 20_000
const QUERY_TIMEOUT_MS = 120_000

export interface RunOptions {
  readonly engines: ReadonlyMap<CorpusEngine, CorpusEngineHandle>
  readonly translator: Translator
  /** Table schemas for translation, as QueryService keeps them; default: a fresh cache with the default TTL. */
  readonly schemas?: TableSchemaCache
  readonly queries: readonly CorpusQuery[]
  /** Queries (source run + its translations) in flight at once. */
  readonly parallelQueries: number
  readonly onOutcome?: (outcome: Outcome) => void
}

class Semaphore {
  #free: number
  readonly #waiting: Array<() => void> = []
  constructor (size: number) { this.#free = size }
  async use<T> (work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    try {
      return await work()
    } finally {
      const next = this.#waiting.shift()
      if (next !== undefined) next()
      else this.#free++
    }
  }
}

let sequence = 0

/**
 * Runs one statement on an engine and collects its whole (bounded) answer, with the columns a
 * translation names reported in the source dialect's type (Translation.resultTypes).
 */
export async function collect (handle: CorpusEngineHandle, sql: string, resultTypes?: Translation['resultTypes']): Promise<CollectedResult> {
  const signal = AbortSignal.timeout(QUERY_TIMEOUT_MS)
  const result = withSourceResultTypes(await handle.adapter.execute({ queryId: `corpus_${process.pid}_${++sequence}`, sql, session: handle.session }, signal), resultTypes)
  const rows: unknown[][] = []
  for await (const batch of result.batches) {
    for (const row of batch.rows) rows.push(row)
    if (rows.length > MAX_ROWS) {
      await result.close()
      throw new Error(`the answer has more than ${MAX_ROWS} rows: narrow the corpus query`)
    }
  }
  return { columns: result.columns, rows }
}

function messageOf (error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s+/g, ' ').slice(0, 300)
}

export async function runCorpus (options: RunOptions): Promise<CorpusRun> {
  const began = performance.now()
  const gates = new Map<CorpusEngine, Semaphore>()
  for (const engine of options.engines.keys()) gates.set(engine, new Semaphore(ENGINE_CONCURRENCY[engine]))
  const handle = (engine: CorpusEngine): CorpusEngineHandle => {
    const h = options.engines.get(engine)
    if (h === undefined) throw new Error(`corpus: engine ${engine} is not open`)
    return h
  }
  const run = async (engine: CorpusEngine, sql: string, resultTypes?: Translation['resultTypes']): Promise<CollectedResult> =>
    await gates.get(engine)!.use(async () => await collect(handle(engine), sql, resultTypes))
  const schemas = options.schemas ?? new TableSchemaCache({ ttlMs: 60_000 })

  const outcomes: Outcome[] = []
  const sourceFailures: SourceFailure[] = []
  const sourceTimes = new Map<string, number>()
  const record = (outcome: Outcome): void => { outcomes.push(outcome); options.onOutcome?.(outcome) }

  const runQuery = async (query: CorpusQuery): Promise<void> => {
    let expected: CollectedResult
    const started = performance.now()
    try {
      expected = await run(query.dialect, query.sql)
      sourceTimes.set(query.id, performance.now() - started)
    } catch (error) {
      sourceFailures.push({ queryId: query.id, message: messageOf(error) })
      return
    }
    await Promise.all(TARGETS[query.dialect].map(async (target) => {
      record(await runTarget(query, target, expected))
    }))
  }

  const runTarget = async (query: CorpusQuery, target: CorpusEngine, expected: CollectedResult): Promise<Outcome> => {
    const base = { queryId: query.id, source: query.dialect, target, elapsedMs: 0 }
    const missing = query.requires.map((c) => missingCapability(target, c)).find((m) => m !== undefined)
    if (missing !== undefined) return { ...base, status: 'notApplicable', detail: missing }
    let translatedSql: string
    let resultTypes: Translation['resultTypes']
    try {
      const engine = handle(target)
      const translation = await translateForEngine(query.sql, query.dialect as Dialect, target as Dialect, {
        translator: options.translator, schemas, metadata: engine.adapter.metadata, session: engine.session, signal: AbortSignal.timeout(QUERY_TIMEOUT_MS),
      })
      translatedSql = translation.sql
      resultTypes = translation.resultTypes
    } catch (error) {
      const coded = isQueryFluxError(error) ? `${error.code}: ` : ''
      return { ...base, status: 'untranslated', detail: `${coded}${messageOf(error)}` }
    }
    let actual: CollectedResult
    const started = performance.now()
    try {
      actual = await run(target, translatedSql, resultTypes)
    } catch (error) {
      return { ...base, status: 'error', detail: messageOf(error), translatedSql, elapsedMs: performance.now() - started }
    }
    const elapsedMs = performance.now() - started
    let comparison: ReturnType<typeof compareResults>
    try {
      comparison = compareResults(expected, actual, { ordered: query.ordered, dialect: query.dialect, ...(query.approximate === undefined ? {} : { approximate: query.approximate }) })
    } catch (error) {
      comparison = { ok: false, reason: `the answers could not be compared: ${messageOf(error)}` }
    }
    return comparison.ok
      ? { ...base, status: 'pass', detail: '', translatedSql, elapsedMs }
      : { ...base, status: 'wrong', detail: comparison.reason, translatedSql, elapsedMs }
  }

  const queue = [...options.queries]
  const worker = async (): Promise<void> => {
    for (let q = queue.shift(); q !== undefined; q = queue.shift()) await runQuery(q)
  }
  await Promise.all(Array.from({ length: Math.max(1, options.parallelQueries) }, worker))
  const order = new Map(options.queries.map((q, i) => [q.id, i]))
  outcomes.sort((a, b) => (order.get(a.queryId)! - order.get(b.queryId)!) || a.target.localeCompare(b.target))
  return { outcomes, sourceTimes, sourceFailures, elapsedMs: performance.now() - began }
}
