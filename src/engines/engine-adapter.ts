import type { Dialect } from '../core/dialect.ts'
import type { QueryParameter, SessionContext } from '../core/query-request.ts'
import type { QueryResult } from '../core/query-result.ts'

/** Engine types as written in config (`clusters.<name>.engine`). */
export const EngineType = {
  duckDb: 'duckDb',
  trino: 'trino',
  starRocks: 'starRocks',
  mysql: 'mysql',
  postgres: 'postgres',
  clickHouse: 'clickHouse',
  athena: 'athena',
} as const
export type EngineType = (typeof EngineType)[keyof typeof EngineType]

/** What an adapter is asked to run: SQL already in the engine's dialect. */
export interface EngineQuery {
  readonly queryId: string
  readonly sql: string
  readonly parameters?: readonly QueryParameter[]
  readonly session: SessionContext
}

export interface HealthStatus {
  readonly healthy: boolean
  /** Why not healthy, or the engine's version when healthy. */
  readonly detail: string
  readonly checkedAt: number
}

/** Engine metadata that frontends need to emulate catalog queries the engine cannot answer itself. */
export interface TableRef {
  readonly catalog: string
  readonly schema: string
  readonly name: string
  /** 'TABLE' or 'VIEW'. */
  readonly type: string
}

export interface ColumnRef {
  readonly catalog: string
  readonly schema: string
  readonly table: string
  readonly name: string
  /** Trino display form of the column's LogicalType (see core/logical-type.ts formatType). */
  readonly type: string
  readonly ordinal: number
  readonly nullable: boolean
}

export interface EngineMetadata {
  listCatalogs (signal: AbortSignal): Promise<string[]>
  listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>>
  listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]>
  listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]>
}

/**
 * One cluster's connection to its engine. Knows no frontend and no routing.
 *
 * `execute` resolves once the result's columns are known (or the statement finished, for
 * DDL/DML). It rejects with a QueryFluxError (ENGINE_ERROR with details.engineErrorKind,
 * ENGINE_UNAVAILABLE, CANCELLED). When `signal` fires, the adapter stops the engine-side work
 * (interrupt, KILL QUERY, DELETE, cancel request) and the result's stream ends by throwing
 * CANCELLED, never by ending quietly.
 */
export interface EngineAdapter {
  readonly engine: EngineType
  readonly dialect: Dialect
  execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult>
  checkHealth (signal: AbortSignal): Promise<HealthStatus>
  readonly metadata: EngineMetadata
  /** Closes pools and connections; running queries are cancelled. */
  close (): Promise<void>
}
