/**
 * One query on one pooled DuckDB connection, from acquiring the connection to giving it back:
 * session settings (time zone, USE catalog.schema), start, wait until the result is ready,
 * then either a finished statement (DDL/DML, with its update count) or a pulled stream.
 *
 * The wait for the result runs DuckDB's pending-result tasks from the event loop
 * (`runTask`, then a short sleep while DuckDB's own threads work) instead of one blocking call:
 * a blocking call would hold one of libuv's 4 threadpool threads for the whole query, and four
 * long queries would then stall every file, DNS and crypto call of the process.
 */
import { DuckDBPendingResultState, ResultReturnType, StatementType } from '@duckdb/node-api'
import type { DuckDBPendingResult, DuckDBPreparedStatement, DuckDBResult } from '@duckdb/node-api'
import { abortReason } from '../../core/cancellation.ts'
import { errors, QueryFluxError } from '../../core/errors.ts'
import type { Column, QueryResult, RowBatch, SessionUpdate } from '../../core/query-result.ts'
import type { EngineQuery } from '../engine-adapter.ts'
import type { ConnectionPool, PooledConnection } from './connection-pool.ts'
import { mapDuckDbError } from './error-map.ts'
import { bindParameters } from './parameters.ts'
import { DuckDbRowStream } from './row-stream.ts'
import type { StreamOwner } from './row-stream.ts'
import { resolveZone } from './temporal.ts'
import type { RenderZone } from './temporal.ts'
import { logicalTypeOf, valueConverter } from './type-map.ts'

/** Statements whose effect lives on in the connection: it is replaced before anyone reuses it. */
const STATEFUL: ReadonlySet<number> = new Set([StatementType.SET, StatementType.VARIABLE_SET, StatementType.TRANSACTION,
  StatementType.PREPARE, StatementType.MULTI])

export interface RunContext {
  readonly pool: ConnectionPool
  /** "DuckDB cluster 'name'", for messages. */
  readonly what: string
  readonly cluster: string
  /** The instance's default `"catalog"."schema"`, restored when a session names none. */
  readonly defaultSearchPath: string
}

/** Runs `query`; `onDone` is called once its connection is back in the pool. */
export async function runQuery (context: RunContext, query: EngineQuery, signal: AbortSignal, onDone: () => void): Promise<QueryResult> {
  const startedAt = performance.now()
  let zone: RenderZone
  let pooled: PooledConnection
  try {
    zone = resolveZone(query.session.timeZone)
    pooled = await context.pool.acquire(signal)
  } catch (error) {
    onDone()
    throw error
  }
  const details = { queryId: query.queryId, cluster: context.cluster, engine: 'duckDb' }
  let cancelled = false
  let released = false
  let isStateful = hasSeveralStatements(query.sql)
  let prepared: DuckDBPreparedStatement | undefined
  const onAbort = (): void => { cancelled = true; pooled.interrupt() }
  signal.addEventListener('abort', onAbort, { once: true })
  const owner: StreamOwner = {
    pooled,
    isCancelled: () => cancelled || signal.aborted,
    cancelError: () => {
      const reason = abortReason(signal)
      return reason instanceof QueryFluxError ? reason : errors.cancelled()
    },
    mapError: (error) => mapDuckDbError(error, context.what, query.sql, details),
    finish: (replace) => {
      if (released) return
      released = true
      signal.removeEventListener('abort', onAbort)
      // An interrupt that arrived before DuckDB started the statement is lost when it starts:
      // interrupt again so no abandoned query keeps DuckDB's threads busy.
      if (cancelled || signal.aborted) pooled.interrupt()
      try { prepared?.destroySync() } catch { /* already gone with its connection */ }
      context.pool.release(pooled, { replace: replace || isStateful })
      onDone()
    },
  }
  try {
    if (signal.aborted) throw owner.cancelError()
    const warnings: string[] = []
    await applySession(pooled, query, zone, context.defaultSearchPath, warnings)
    let pending: DuckDBPendingResult
    if (query.parameters !== undefined && query.parameters.length > 0) {
      prepared = await pooled.track(() => pooled.connection.prepare(query.sql))
      bindParameters(prepared, query.parameters)
      pending = prepared.startStream()
    } else {
      pending = await pooled.track(() => pooled.connection.startStream(query.sql))
    }
    await pooled.track(() => runUntilReady(pending, owner))
    const result = await pooled.track(() => pending.getResult())
    if (owner.isCancelled()) throw owner.cancelError()
    isStateful ||= STATEFUL.has(result.statementType)
    const isUse = result.statementType === StatementType.SET && /^\s*USE\b/i.test(query.sql)
    const sessionUpdate = isUse ? await currentSearchPath(pooled) : undefined
    if (result.statementType === StatementType.TRANSACTION || (result.statementType === StatementType.SET && !isUse)) {
      warnings.push('DuckDB clusters run every statement on a pooled connection in autocommit mode: transactions and session settings (other than SET GLOBAL) do not carry over to the next statement')
    }
    if (result.returnType !== ResultReturnType.QUERY_RESULT) {
      const updateCount = await readUpdateCount(result, pooled)
      owner.finish(false)
      return finishedResult(updateCount, warnings, sessionUpdate, startedAt)
    }
    return streamingResult(result, zone, owner, warnings, startedAt)
  } catch (error) {
    owner.finish(true)
    if (owner.isCancelled()) throw owner.cancelError()
    throw mapDuckDbError(error, context.what, query.sql, details)
  }
}

/** Runs DuckDB's tasks for this query until its first result is ready, yielding to the event loop between them. */
async function runUntilReady (pending: DuckDBPendingResult, owner: StreamOwner): Promise<void> {
  for (let polls = 0; ; polls++) {
    if (owner.isCancelled()) throw owner.cancelError()
    const state = pending.runTask() // throws the query's error, including INTERRUPT
    if (state === DuckDBPendingResultState.RESULT_READY) return
    if (state === DuckDBPendingResultState.RESULT_NOT_READY || polls < 16) await new Promise((resolve) => setImmediate(resolve))
    else await new Promise((resolve) => setTimeout(resolve, polls < 256 ? 1 : 5))
  }
}

/** Sets the connection's TimeZone and search path to the session's, when they differ from what it has. */
async function applySession (pooled: PooledConnection, query: EngineQuery, zone: RenderZone, defaultSearchPath: string, warnings: string[]): Promise<void> {
  const timeZone = zone.duckDbName ?? 'UTC'
  if (pooled.timeZone !== timeZone) {
    await pooled.track(() => pooled.connection.run(`SET TimeZone = ${quoteLiteral(timeZone)}`))
    pooled.timeZone = timeZone
  }
  if (zone.duckDbName === undefined) warnings.push(`DuckDB has no time zone for offset ${zone.label}: engine functions use UTC, results are shown in ${zone.label}`)
  const { catalog, schema } = query.session
  const wanted = catalog !== undefined && catalog !== '' ? (schema !== undefined && schema !== '' ? `${quoteIdent(catalog)}.${quoteIdent(schema)}` : quoteIdent(catalog))
    : (schema !== undefined && schema !== '' ? quoteIdent(schema) : undefined)
  if (pooled.searchPath === wanted) return
  if (wanted !== undefined) {
    try {
      await pooled.track(() => pooled.connection.run(`USE ${wanted}`))
      pooled.searchPath = wanted
      return
    } catch {
      warnings.push(`${wanted} does not exist in this DuckDB cluster: the statement runs in the default database and schema`)
      if (pooled.searchPath === undefined) return
    }
  }
  await pooled.track(() => pooled.connection.run(`USE ${defaultSearchPath}`))
  pooled.searchPath = undefined
}

async function currentSearchPath (pooled: PooledConnection): Promise<SessionUpdate> {
  const reader = await pooled.track(() => pooled.connection.runAndReadAll('SELECT current_database(), current_schema()'))
  const [catalog, schema] = reader.getRows()[0] as [string, string]
  return { catalog, schema }
}

/** DML answers one row with a `Count` column; CREATE TABLE AS too; other DDL answers nothing. */
async function readUpdateCount (result: DuckDBResult, pooled: PooledConnection): Promise<number | undefined> {
  const isCount = result.columnCount === 1 && result.columnName(0) === 'Count'
  let count: number | undefined
  for (let i = 0; i < 16; i++) {
    const chunk = await pooled.track(() => result.fetchChunk())
    if (chunk === null || chunk.rowCount === 0) break
    if (isCount) count = (count ?? 0) + Number(chunk.getColumnVector(0).getItem(0))
  }
  if (count === undefined && result.returnType === ResultReturnType.CHANGED_ROWS) count = result.rowsChanged
  return count
}

function finishedResult (updateCount: number | undefined, warnings: string[], sessionUpdate: SessionUpdate | undefined, startedAt: number): QueryResult {
  const elapsedMs = performance.now() - startedAt
  return {
    columns: [],
    batches: (async function * (): AsyncGenerator<RowBatch> {})(),
    ...(updateCount === undefined ? {} : { updateCount }),
    ...(sessionUpdate === undefined ? {} : { sessionUpdate }),
    warnings,
    stats: () => ({ rows: 0, elapsedMs }),
    close: async () => {},
  }
}

function streamingResult (result: DuckDBResult, zone: RenderZone, owner: StreamOwner, warnings: string[], startedAt: number): QueryResult {
  const types = result.columnTypes()
  const names = result.columnNames()
  const columns: Column[] = types.map((type, i) => ({ name: names[i]!, type: logicalTypeOf(type) }))
  const stream = new DuckDbRowStream(result, types.map((type) => valueConverter(type, zone)), owner)
  let endedAt: number | undefined
  return {
    columns,
    batches: stream,
    warnings,
    stats: () => {
      if (stream.isEnded) endedAt ??= performance.now()
      return { rows: stream.rows, elapsedMs: (endedAt ?? performance.now()) - startedAt }
    },
    close: () => stream.close(),
  }
}

/** A second statement after a `;` (a `;` inside a literal only costs a needless connection swap). */
function hasSeveralStatements (sql: string): boolean {
  return /;\s*\S/.test(sql.replace(/;\s*$/, '').replace(/--[^\n]*/g, ''))
}

function quoteLiteral (text: string): string {
  return `'${text.replaceAll("'", "''")}'`
}

export function quoteIdent (name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
