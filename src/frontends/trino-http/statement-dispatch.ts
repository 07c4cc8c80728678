/**
 * Where a posted statement goes: session statements are answered here (their effect travels
 * back in X-Trino-Set-* headers), `EXECUTE` / `EXECUTE IMMEDIATE` become SQL with `?`
 * placeholders plus typed parameters, metadata statements are answered from EngineMetadata
 * when the routed engine cannot answer them, and everything else goes to the QueryService.
 */
import { errors, toQueryFluxError } from '../../core/errors.ts'
import { isDialect } from '../../core/dialect.ts'
import { T } from '../../core/logical-type.ts'
import type { QueryParameter, QueryRequest } from '../../core/query-request.ts'
import type { SessionUpdate } from '../../core/query-result.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { QueryExecution } from '../../service/query-execution.ts'
import type { AnsweredKind, QueryEvents } from '../../observability/query-events.ts'
import { LocalExecution, staticResult } from './local-execution.ts'
import type { AnsweredReport } from './local-execution.ts'
import { parseMetadataStatement } from './metadata-statements.ts'
import { DIALECT_PROPERTIES } from './session-headers.ts'
import type { TrinoRequestSession } from './session-headers.ts'
import { countPlaceholders, parseSessionStatement, SESSION_UPDATE_TYPE, updateTypeOf } from './session-statements.ts'
import type { SessionStatement } from './session-statements.ts'

/** What `SELECT version()` and /v1/info report: the Trino release whose protocol this speaks. */
export const TRINO_VERSION = '476-queryflux'

export interface DispatchContext {
  readonly service: QueryService
  readonly queryId: string
  readonly client: TrinoRequestSession
  readonly isStopping: boolean
  /** Statements answered here (not by an engine) are published for history and metrics. */
  readonly events: QueryEvents
}

export interface Dispatched {
  readonly execution: QueryExecution
  /** Trino's updateType if the statement changes data or the session. */
  readonly updateType?: string | undefined
}

const TRANSACTION_WARNING = 'QueryFlux does not run multi-statement transactions: the statement was accepted and every statement runs on its own (autocommit)'

export function dispatchStatement (sql: string, ctx: DispatchContext): Dispatched {
  const base = { sql, session: ctx.client.session, queryId: ctx.queryId }
  if (ctx.isStopping) return { execution: LocalExecution.failed(base, errors.shuttingDown()) }
  try {
    const statement = parseSessionStatement(sql)
    if (statement === undefined) return dispatchQuery(sql, undefined, ctx)
    if (statement.kind === 'execute' || statement.kind === 'executeImmediate') {
      const body = statement.kind === 'execute' ? preparedSql(statement.name, ctx.client) : statement.sql
      return dispatchQuery(body, statement.parameters, ctx)
    }
    const answered = { events: ctx.events, kind: SESSION_STATEMENT_KIND[statement.kind] }
    return { execution: answerSessionStatement(statement, base, ctx.client, answered), updateType: SESSION_UPDATE_TYPE[statement.kind] }
  } catch (error) {
    // A malformed session statement, an unknown prepared statement, a wrong parameter count: the frontend answered with the error.
    return { execution: LocalExecution.failed(base, toQueryFluxError(error), { events: ctx.events, kind: failedStatementKind(sql) }) }
  }
}

/** What each session statement is about, for the query history and metrics. */
const SESSION_STATEMENT_KIND: Readonly<Record<SessionStatement['kind'], AnsweredKind>> = {
  use: 'session',
  setSession: 'session',
  resetSession: 'session',
  version: 'session',
  showSession: 'session',
  prepare: 'prepared',
  deallocate: 'prepared',
  execute: 'prepared',
  executeImmediate: 'prepared',
  startTransaction: 'transaction',
  commit: 'transaction',
  rollback: 'transaction',
}

/** The kind of a statement refused before it was classified (a malformed one), by its first word. */
function failedStatementKind (sql: string): AnsweredKind {
  const first = /^[\s(]*([a-z]+)/i.exec(sql)?.[1]?.toUpperCase()
  switch (first) {
    case 'PREPARE': case 'DEALLOCATE': case 'EXECUTE': return 'prepared'
    case 'START': case 'COMMIT': case 'ROLLBACK': return 'transaction'
    default: return 'session'
  }
}

function preparedSql (name: string, client: TrinoRequestSession): string {
  const exact = client.preparedStatements.get(name)
  if (exact !== undefined) return exact
  for (const [key, sql] of client.preparedStatements) if (key.toLowerCase() === name.toLowerCase()) return sql
  throw errors.badRequest(`Prepared statement not found: ${name}`)
}

function dispatchQuery (sql: string, parameters: readonly QueryParameter[] | undefined, ctx: DispatchContext): Dispatched {
  const { service, client, queryId } = ctx
  if (parameters !== undefined) {
    const expected = countPlaceholders(sql)
    if (expected !== parameters.length) throw errors.badRequest(`Incorrect number of parameters: expected ${expected} but found ${parameters.length}`)
  }
  const request: QueryRequest & { queryId: string } = {
    sql,
    session: client.session,
    queryId,
    ...(parameters === undefined || parameters.length === 0 ? {} : { parameters }),
  }
  const metadataStatement = parameters === undefined ? parseMetadataStatement(sql, client.session) : undefined
  if (metadataStatement === undefined) return { execution: service.submit(request), updateType: updateTypeOf(sql) }
  const execution = new LocalExecution(request, async (signal) => {
    const { engine, metadata } = await service.metadataFor(request)
    if (metadataStatement.isNativeTo(engine)) return service.submit(request)
    const answer = await metadataStatement.answer(metadata, signal)
    return staticResult(answer.columns, answer.rows)
  }, { events: ctx.events, kind: 'metadata' })
  return { execution }
}

function answerSessionStatement (statement: SessionStatement, request: QueryRequest & { queryId: string }, client: TrinoRequestSession, answered: AnsweredReport): QueryExecution {
  const { session } = client
  const update = (sessionUpdate: SessionUpdate, warnings: readonly string[] = []): QueryExecution =>
    new LocalExecution(request, async () => staticResult([], [], { sessionUpdate, warnings }), answered)
  switch (statement.kind) {
    case 'use': {
      const catalog = statement.catalog ?? session.catalog
      return update(catalog === undefined ? { schema: statement.schema } : { catalog, schema: statement.schema })
    }
    case 'setSession':
      if ((DIALECT_PROPERTIES as readonly string[]).includes(statement.name) && !isDialect(statement.value)) {
        throw errors.badRequest(`'${statement.value}' is not a dialect QueryFlux knows: use trino, postgres, mysql, duckdb, starrocks, clickhouse or athena`)
      }
      return update({ setProperties: { [statement.name]: statement.value } })
    case 'resetSession': return update({ resetProperties: [statement.name] })
    case 'prepare': return update({ addedPreparedStatements: { [statement.name]: statement.sql } })
    case 'deallocate':
      preparedSql(statement.name, client)
      return update({ deallocatedPreparedStatements: [statement.name] })
    case 'startTransaction': return update({ startedTransaction: true }, [TRANSACTION_WARNING])
    case 'commit':
    case 'rollback': return update({ endedTransaction: true }, client.transactionId === undefined ? [] : [TRANSACTION_WARNING])
    case 'version':
      return new LocalExecution(request, async () => staticResult([{ name: '_col0', type: T.varchar }], [[TRINO_VERSION]]), answered)
    case 'showSession': {
      const rows = Object.entries(session.properties)
        .filter(([name]) => statement.like?.test(name) ?? true)
        .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
        .map(([name, value]) => [name, value, '', 'varchar', 'set by the client (X-Trino-Session)'])
      const columns = ['Name', 'Value', 'Default', 'Type', 'Description'].map((name) => ({ name, type: T.varchar }))
      return new LocalExecution(request, async () => staticResult(columns, rows), answered)
    }
    case 'execute':
    case 'executeImmediate': throw errors.internal('EXECUTE reached answerSessionStatement')
  }
}
