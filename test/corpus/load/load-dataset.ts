/**
 * Loads the corpus tables into one engine through its EngineAdapter: drop, create, then
 * batched multi-row INSERTs, a few tables at a time.
 */
import type { SessionContext } from '../../../src/core/query-request.ts'
import type { EngineAdapter } from '../../../src/engines/engine-adapter.ts'
import type { CorpusTable } from '../dataset/corpus-table.ts'
import { createIndexSql, createTableSql, dropTableSql, insertStatements } from './table-sql.ts'
import type { CorpusEngine } from './table-sql.ts'

export interface LoadOptions {
  readonly engine: CorpusEngine
  readonly adapter: EngineAdapter
  readonly session: SessionContext
  readonly tables: readonly CorpusTable[]
  /** Rows per INSERT statement. */
  readonly batchRows: number
  /** Tables loaded at once. */
  readonly parallelTables: number
  /** Statements run first (CREATE SCHEMA …). */
  readonly prepare?: readonly string[]
}

let sequence = 0

/** Runs one statement to completion, draining any rows. */
export async function runStatement (adapter: EngineAdapter, session: SessionContext, sql: string, signal: AbortSignal): Promise<void> {
  const result = await adapter.execute({ queryId: `corpus_load_${process.pid}_${++sequence}`, sql, session }, signal)
  for await (const batch of result.batches) void batch
}

export async function loadDataset (options: LoadOptions, signal: AbortSignal): Promise<{ elapsedMs: number, statements: number }> {
  const began = performance.now()
  let statements = 0
  const run = async (sql: string): Promise<void> => {
    statements++
    try {
      await runStatement(options.adapter, options.session, sql, signal)
    } catch (error) {
      throw new Error(`loading the corpus into ${options.engine} failed on: ${sql.slice(0, 200)}…: ${(error as Error).message}`, { cause: error })
    }
  }
  for (const sql of options.prepare ?? []) await run(sql)
  // PostgreSQL plans joins from statistics; fresh tables have none until ANALYZE.
  const finish = options.engine === 'postgres' ? ['ANALYZE'] : options.engine === 'mysql' ? options.tables.map((t) => `ANALYZE TABLE ${t.name}`) : []
  const queue = [...options.tables].sort((a, b) => b.rows.length - a.rows.length)
  const worker = async (): Promise<void> => {
    for (let table = queue.shift(); table !== undefined; table = queue.shift()) {
      await run(dropTableSql(table.name))
      await run(createTableSql(options.engine, table))
      for (const sql of insertStatements(options.engine, table, options.batchRows)) await run(sql)
      for (const sql of createIndexSql(options.engine, table)) await run(sql)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.parallelTables) }, worker))
  for (const sql of finish) await run(sql)
  return { elapsedMs: performance.now() - began, statements }
}
