/**
 * The behaviour every EngineAdapter must show, whatever the engine (in the manner of hono's
 * `src/router/common.case.test.ts`). An engine's integration test calls `runEngineContract`
 * with a factory and the few SQL snippets that differ between engines; everything else here is
 * engine-neutral.
 *
 * ```ts
 * runEngineContract({
 *   name: 'duckdb',
 *   create: () => createDuckDbAdapter('contract', config, logger),
 *   sql: { rows: (n) => `SELECT i FROM range(${n}) t(i)`, longRunning: '…', … },
 *   skip: [{ reason: 'engine reports no update counts', tests: ['DML reports updateCount'] }],
 * })
 * ```
 *
 * Test names are stable: `skip[].tests` refers to them (CONTRACT_TESTS lists them all).
 */
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { parseType } from '../../src/core/logical-type.ts'
import type { LogicalTypeKind } from '../../src/core/logical-type.ts'
import type { QueryFluxError } from '../../src/core/errors.ts'
import type { SessionContext } from '../../src/core/query-request.ts'
import type { QueryResult, Row } from '../../src/core/query-result.ts'
import type { EngineAdapter } from '../../src/engines/engine-adapter.ts'

/** Engine-specific SQL the contract needs. Table names passed in are plain lower-case identifiers. */
export interface EngineContractSql {
  /** A query returning exactly one row whose first column is the integer 1. Default `SELECT 1`. */
  readonly selectOne?: string
  /** A query returning exactly `n` rows (any columns). */
  readonly rows: (n: number) => string
  /**
   * A query that keeps the engine busy for far longer than the test waits (≥ 60 s uncancelled),
   * ideally without returning rows early, so a cancel must interrupt the engine.
   */
  readonly longRunning: string
  /** A statement the engine rejects as a syntax error. Default `SELEC 1`. */
  readonly syntaxError?: string
  /** A query on a table that does not exist. Default `SELECT * FROM qf_contract_no_such_table`. */
  readonly unknownTable?: string
  /** Statements creating `table` with exactly two columns `id` (an integer type) and `name` (a string type). */
  readonly createTable: (table: string) => readonly string[]
  /** One DML statement inserting exactly 3 rows into `table` (default: a multi-row INSERT … VALUES). */
  readonly insertThreeRows?: (table: string) => string
  /** Drops `table` if it exists. Default `DROP TABLE IF EXISTS <table>`. */
  readonly dropTable?: (table: string) => string
}

export interface EngineContractOptions {
  /** Shown in the suite name. */
  readonly name: string
  /** Builds the adapter under test; called once for the suite. */
  readonly create: () => Promise<EngineAdapter>
  /** Tears it down; default `adapter.close()`. */
  readonly dispose?: (adapter: EngineAdapter) => Promise<void>
  readonly sql: EngineContractSql
  /** Session the queries run with; defaults to a plain `contract` user over trinoHttp. */
  readonly session?: Partial<SessionContext>
  /** Rows for the multi-batch test; default 200,000. */
  readonly manyRows?: number
  /**
   * Rows for the slow-consumer test: a result far too big to buffer (default 20,000,000). The
   * test reads one batch, pauses, and checks that memory did not grow by the size of the result.
   */
  readonly hugeRows?: number
  /** RSS growth allowed while a huge result sits unread; default 256 MiB. */
  readonly maxBufferedBytes?: number
  /**
   * How long a cancel may take from abort to the CANCELLED error, in ms (default 10,000). This is
   * not a speed assertion: it tells "the engine was interrupted" from "the query ran to its end".
   */
  readonly cancelWithinMs?: number
  /**
   * Optional engine probe: is a query whose SQL contains `marker` still running on the engine
   * (pg_stat_activity, SHOW PROCESSLIST, system.runtime.queries, system.processes, or the
   * adapter's own pool state)? The contract prefixes probed queries with a `/* marker *\/`
   * comment. Without a probe, the "query is over" checks fall back to running more queries than
   * any pool holds.
   */
  readonly isQueryRunning?: (marker: string, adapter: EngineAdapter) => Promise<boolean>
  /** Tests to skip, with the reason shown in the report. */
  readonly skip?: ReadonlyArray<{ readonly reason: string, readonly tests: readonly string[] }>
}

/** Every test name, for `skip[].tests`. */
export const CONTRACT_TESTS = [
  'SELECT 1 returns one integer column and one row',
  'a large result streams in several batches with the exact row count',
  'a slow consumer does not make the adapter buffer the result',
  'closing an unconsumed result frees its resources',
  'syntax error is ENGINE_ERROR with kind syntax and the engine message',
  'unknown table is ENGINE_ERROR with kind undefinedTable',
  'abort during a long query fails with CANCELLED and the adapter stays usable',
  'abort while streaming ends the stream with CANCELLED, never quietly',
  'an already aborted signal fails with CANCELLED',
  'checkHealth reports healthy',
  'metadata lists the catalog, schema, table and columns of a created table',
  'DML reports updateCount and DDL returns no rows',
] as const
export type ContractTestName = (typeof CONTRACT_TESTS)[number]

const INTEGER_KINDS: ReadonlySet<LogicalTypeKind> = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'decimal'])
const STRING_KINDS: ReadonlySet<LogicalTypeKind> = new Set(['varchar', 'char', 'unknown'])
const MIB = 1024 * 1024

export function runEngineContract (options: EngineContractOptions): void {
  const skipped = new Map<string, string>()
  for (const entry of options.skip ?? []) {
    for (const name of entry.tests) {
      assert.ok((CONTRACT_TESTS as readonly string[]).includes(name), `skip names unknown contract test '${name}'`)
      skipped.set(name, entry.reason)
    }
  }
  const session: SessionContext = { user: 'contract', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {}, ...options.session }
  const sql = {
    ...options.sql,
    selectOne: options.sql.selectOne ?? 'SELECT 1',
    syntaxError: options.sql.syntaxError ?? 'SELEC 1',
    unknownTable: options.sql.unknownTable ?? 'SELECT * FROM qf_contract_no_such_table',
    insertThreeRows: options.sql.insertThreeRows ?? ((t: string) => `INSERT INTO ${t} (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')`),
    dropTable: options.sql.dropTable ?? ((t: string) => `DROP TABLE IF EXISTS ${t}`),
  }
  const manyRows = options.manyRows ?? 200_000
  const hugeRows = options.hugeRows ?? 20_000_000
  const maxBuffered = options.maxBufferedBytes ?? 256 * MIB
  const cancelWithinMs = options.cancelWithinMs ?? 10_000
  const never = new AbortController().signal
  let adapter: EngineAdapter
  let sequence = 0

  const contractTest = (name: ContractTestName, fn: () => Promise<void>): void => {
    const reason = skipped.get(name)
    test(name, reason === undefined ? { timeout: 120_000 } : { skip: reason }, fn)
  }
  const execute = (text: string, signal = never): Promise<QueryResult> =>
    adapter.execute({ queryId: `contract_${process.pid}_${++sequence}`, sql: text, session }, signal)
  const run = async (text: string, signal = never): Promise<{ result: QueryResult, rows: Row[], batches: number }> => {
    const result = await execute(text, signal)
    const rows: Row[] = []
    let batches = 0
    for await (const batch of result.batches) { rows.push(...batch.rows); batches++ }
    return { result, rows, batches }
  }
  /** Waits (bounded) until the engine no longer runs the marked query, or checks the adapter still has free connections. */
  const assertQueryOver = async (marker: string): Promise<void> => {
    if (options.isQueryRunning !== undefined) {
      for (let attempt = 0; attempt < 100; attempt++) {
        if (!await options.isQueryRunning(marker, adapter)) return
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      assert.fail(`the engine still runs the query marked ${marker} 10 s after the result was closed`)
    }
    // A leaked connection or engine query would exhaust any pool within this many queries.
    for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: 8 }, () => run(sql.selectOne)))
  }

  describe(`engine adapter contract: ${options.name}`, () => {
    before(async () => { adapter = await options.create() })
    after(async () => {
      if (adapter === undefined) return
      if (options.dispose !== undefined) await options.dispose(adapter)
      else await adapter.close()
    })

    contractTest('SELECT 1 returns one integer column and one row', async () => {
      const { result, rows } = await run(sql.selectOne)
      assert.equal(result.columns.length, 1)
      assert.ok(INTEGER_KINDS.has(result.columns[0]!.type.kind), `column type ${result.columns[0]!.type.kind} is not an integer type`)
      assert.equal(rows.length, 1)
      assert.equal(rows[0]!.length, 1)
      const value = rows[0]![0]
      assert.ok(value === 1 || value === 1n || value === '1', `expected 1, got ${String(value)}`)
      assert.equal(result.updateCount, undefined)
      assert.equal(result.stats().rows, 1)
    })

    contractTest('a large result streams in several batches with the exact row count', async () => {
      const { result, rows, batches } = await run(sql.rows(manyRows))
      assert.equal(rows.length, manyRows)
      assert.ok(batches > 1, `expected more than one batch, got ${batches}`)
      for (const row of rows) assert.equal(row.length, result.columns.length)
      assert.equal(result.stats().rows, manyRows)
    })

    contractTest('a slow consumer does not make the adapter buffer the result', async () => {
      const marker = `qf_contract_${randomUUID()}`
      globalThis.gc?.()
      const rssBefore = process.memoryUsage().rss
      const result = await execute(`/* ${marker} */ ${sql.rows(hugeRows)}`)
      const iterator = result.batches[Symbol.asyncIterator]()
      const first = await iterator.next()
      assert.equal(first.done, false)
      assert.ok(first.value.rows.length > 0 && first.value.rows.length < hugeRows)
      // Give an eager adapter time to fill memory; a pulling one does nothing meanwhile.
      let peak = process.memoryUsage().rss
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        peak = Math.max(peak, process.memoryUsage().rss)
      }
      assert.ok(peak - rssBefore < maxBuffered,
        `RSS grew by ${Math.round((peak - rssBefore) / MIB)} MiB while one batch of a ${hugeRows}-row result was read`)
      await result.close()
      await assertQueryOver(marker)
    })

    contractTest('closing an unconsumed result frees its resources', async () => {
      for (let i = 0; i < 20; i++) {
        const result = await execute(sql.rows(manyRows))
        await result.close()
      }
      const marker = `qf_contract_${randomUUID()}`
      const result = await execute(`/* ${marker} */ ${sql.rows(manyRows)}`)
      await result.close()
      await assertQueryOver(marker)
      const { rows } = await run(sql.selectOne)
      assert.equal(rows.length, 1)
    })

    contractTest('syntax error is ENGINE_ERROR with kind syntax and the engine message', async () => {
      const error = await failure(run(sql.syntaxError))
      assert.equal(error.code, 'ENGINE_ERROR', error.message)
      assert.equal(error.details.engineErrorKind, 'syntax', error.message)
      assert.ok(error.message.length > 0)
      assert.notEqual(error.cause, undefined, 'the engine error is kept as cause')
    })

    contractTest('unknown table is ENGINE_ERROR with kind undefinedTable', async () => {
      const error = await failure(run(sql.unknownTable))
      assert.equal(error.code, 'ENGINE_ERROR', error.message)
      assert.equal(error.details.engineErrorKind, 'undefinedTable', error.message)
      assert.match(error.message, /qf_contract_no_such_table/i)
    })

    contractTest('abort during a long query fails with CANCELLED and the adapter stays usable', async () => {
      const controller = new AbortController()
      const marker = `qf_contract_${randomUUID()}`
      let abortedAt = 0
      const timer = setTimeout(() => { abortedAt = performance.now(); controller.abort() }, 500)
      try {
        const error = await failure(run(`/* ${marker} */ ${sql.longRunning}`, controller.signal))
        assert.equal(error.code, 'CANCELLED', error.message)
        assert.ok(abortedAt > 0, 'the query failed before it was aborted')
        const took = performance.now() - abortedAt
        assert.ok(took < cancelWithinMs, `CANCELLED came ${Math.round(took)} ms after the abort`)
      } finally {
        clearTimeout(timer)
      }
      await assertQueryOver(marker)
      const { rows } = await run(sql.selectOne)
      assert.equal(rows.length, 1)
    })

    contractTest('abort while streaming ends the stream with CANCELLED, never quietly', async () => {
      const controller = new AbortController()
      const result = await execute(sql.rows(hugeRows), controller.signal)
      let seen = 0
      const error = await failure((async () => {
        for await (const batch of result.batches) {
          seen += batch.rows.length
          if (!controller.signal.aborted) controller.abort()
        }
      })())
      assert.equal(error.code, 'CANCELLED', error.message)
      assert.ok(seen < hugeRows)
      await result.close()
      const { rows } = await run(sql.selectOne)
      assert.equal(rows.length, 1)
    })

    contractTest('an already aborted signal fails with CANCELLED', async () => {
      const error = await failure(run(sql.selectOne, AbortSignal.abort()))
      assert.equal(error.code, 'CANCELLED', error.message)
    })

    contractTest('checkHealth reports healthy', async () => {
      const health = await adapter.checkHealth(never)
      assert.equal(health.healthy, true, health.detail)
      assert.ok(health.checkedAt > 0)
    })

    contractTest('metadata lists the catalog, schema, table and columns of a created table', async () => {
      const table = `qf_contract_meta_${process.pid}`
      await run(sql.dropTable(table))
      for (const statement of options.sql.createTable(table)) await run(statement)
      try {
        const tables = (await adapter.metadata.listTables({ table }, never)).filter((t) => t.name === table)
        assert.equal(tables.length, 1, `listTables({ table: '${table}' }) found ${tables.length} tables`)
        const found = tables[0]!
        assert.equal(found.type, 'TABLE')
        assert.ok((await adapter.metadata.listCatalogs(never)).includes(found.catalog), `listCatalogs lacks '${found.catalog}'`)
        const schemas = await adapter.metadata.listSchemas(found.catalog, never)
        assert.ok(schemas.some((s) => s.catalog === found.catalog && s.schema === found.schema), `listSchemas lacks '${found.schema}'`)
        const inSchema = await adapter.metadata.listTables({ catalog: found.catalog, schema: found.schema }, never)
        assert.ok(inSchema.some((t) => t.name === table))
        const columns = await adapter.metadata.listColumns({ catalog: found.catalog, schema: found.schema, table }, never)
        assert.deepEqual(columns.map((c) => [c.name, c.ordinal]), [['id', 1], ['name', 2]])
        assert.ok(INTEGER_KINDS.has(parseType(columns[0]!.type).kind), `id is reported as ${columns[0]!.type}`)
        assert.ok(STRING_KINDS.has(parseType(columns[1]!.type).kind), `name is reported as ${columns[1]!.type}`)
        for (const column of columns) assert.deepEqual([column.catalog, column.schema, column.table], [found.catalog, found.schema, table])
      } finally {
        await run(sql.dropTable(table))
      }
    })

    contractTest('DML reports updateCount and DDL returns no rows', async () => {
      const table = `qf_contract_dml_${process.pid}`
      await run(sql.dropTable(table))
      try {
        for (const statement of options.sql.createTable(table)) {
          const { rows } = await run(statement)
          assert.equal(rows.length, 0, `DDL '${statement}' returned rows`)
        }
        const { result, rows } = await run(sql.insertThreeRows(table))
        assert.equal(rows.length, 0)
        assert.equal(result.updateCount, 3)
        const { rows: counted } = await run(`SELECT id FROM ${table}`)
        assert.equal(counted.length, 3)
      } finally {
        await run(sql.dropTable(table))
      }
    })
  })
}

async function failure (promise: Promise<unknown>): Promise<QueryFluxError> {
  try {
    await promise
  } catch (error) {
    return error as QueryFluxError
  }
  assert.fail('expected a failure, but it succeeded')
}
