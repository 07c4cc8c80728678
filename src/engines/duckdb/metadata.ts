/**
 * Catalog listings from DuckDB's duckdb_* table functions. A DuckDB database (the opened file
 * or `memory`, plus anything ATTACHed) is a catalog; its schemas are schemas. DuckDB's own
 * `system` and `temp` databases and the information_schema/pg_catalog schemas are left out
 * (temp objects belong to one pooled connection and would come and go at random).
 *
 * Column types are reported as formatType(LogicalType): DuckDB's type text is turned into a
 * DuckDB type by DuckDB itself (`SELECT NULL::<type>`), then mapped by type-map.ts, so the
 * listing and a query's result columns always agree.
 */
import { VARCHAR } from '@duckdb/node-api'
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api'
import { formatType, T } from '../../core/logical-type.ts'
import type { ColumnRef, EngineMetadata, TableRef } from '../engine-adapter.ts'
import { logicalTypeOf } from './type-map.ts'

export type Collect = (sql: string, values: readonly (string | null)[], signal: AbortSignal) => Promise<{ rows: DuckDBValue[][], types: DuckDBType[] }>

const USER_DATABASES = '(SELECT database_name FROM duckdb_databases() WHERE NOT internal)'
const HIDDEN_SCHEMAS = "('information_schema', 'pg_catalog')"
const FILTER = (column: string, n: number): string => `($${n}::VARCHAR IS NULL OR ${column} = $${n}::VARCHAR)`

export class DuckDbMetadata implements EngineMetadata {
  readonly #collect: Collect

  constructor (collect: Collect) {
    this.#collect = collect
  }

  async listCatalogs (signal: AbortSignal): Promise<string[]> {
    const { rows } = await this.#collect('SELECT database_name FROM duckdb_databases() WHERE NOT internal ORDER BY 1', [], signal)
    return rows.map((row) => String(row[0]))
  }

  async listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>> {
    const { rows } = await this.#collect(`SELECT database_name, schema_name FROM duckdb_schemas()
      WHERE database_name IN ${USER_DATABASES} AND schema_name NOT IN ${HIDDEN_SCHEMAS} AND ${FILTER('database_name', 1)}
      ORDER BY 1, 2`, [catalog ?? null], signal)
    return rows.map((row) => ({ catalog: String(row[0]), schema: String(row[1]) }))
  }

  async listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]> {
    const where = `database_name IN ${USER_DATABASES} AND schema_name NOT IN ${HIDDEN_SCHEMAS} AND NOT internal
      AND ${FILTER('database_name', 1)} AND ${FILTER('schema_name', 2)}`
    const { rows } = await this.#collect(`SELECT database_name, schema_name, table_name, 'TABLE' FROM duckdb_tables()
      WHERE ${where} AND ${FILTER('table_name', 3)}
      UNION ALL SELECT database_name, schema_name, view_name, 'VIEW' FROM duckdb_views()
      WHERE ${where} AND ${FILTER('view_name', 3)}
      ORDER BY 1, 2, 3`, [filter.catalog ?? null, filter.schema ?? null, filter.table ?? null], signal)
    return rows.map((row) => ({ catalog: String(row[0]), schema: String(row[1]), name: String(row[2]), type: String(row[3]) }))
  }

  async listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]> {
    const { rows } = await this.#collect(`SELECT database_name, schema_name, table_name, column_name, column_index, is_nullable, data_type
      FROM duckdb_columns()
      WHERE database_name IN ${USER_DATABASES} AND schema_name NOT IN ${HIDDEN_SCHEMAS} AND NOT internal
        AND ${FILTER('database_name', 1)} AND ${FILTER('schema_name', 2)} AND ${FILTER('table_name', 3)}
      ORDER BY 1, 2, 3, 5`, [filter.catalog ?? null, filter.schema ?? null, filter.table ?? null], signal)
    const types = await this.#typeNames(rows.map((row) => String(row[6])), signal)
    return rows.map((row) => ({
      catalog: String(row[0]),
      schema: String(row[1]),
      table: String(row[2]),
      name: String(row[3]),
      ordinal: Number(row[4]),
      nullable: row[5] === true,
      type: types.get(String(row[6])) ?? formatType(T.unknown),
    }))
  }

  /** DuckDB type text → Trino display form, asking DuckDB to parse each distinct text once. */
  async #typeNames (texts: readonly string[], signal: AbortSignal): Promise<Map<string, string>> {
    const distinct = [...new Set(texts)]
    const names = new Map<string, string>()
    if (distinct.length === 0) return names
    try {
      const { types } = await this.#collect(`SELECT ${distinct.map((t, i) => `NULL::${t} AS c${i}`).join(', ')}`, [], signal)
      distinct.forEach((text, i) => names.set(text, formatType(logicalTypeOf(types[i] ?? VARCHAR))))
    } catch (error) {
      if (signal.aborted) throw error
      // One type DuckDB cannot name out of context (a user type in another schema): go one by one.
      for (const text of distinct) {
        try {
          const { types } = await this.#collect(`SELECT NULL::${text}`, [], signal)
          names.set(text, formatType(logicalTypeOf(types[0] ?? VARCHAR)))
        } catch (error) {
          if (signal.aborted) throw error
          names.set(text, formatType(T.unknown))
        }
      }
    }
    return names
  }
}
