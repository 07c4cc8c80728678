/**
 * Catalog listings from Trino itself: `SHOW CATALOGS`, each catalog's information_schema for
 * schemas, and the `system.jdbc` tables (which span every catalog) for tables and columns, as
 * Trino's JDBC driver does for DatabaseMetaData.
 */
import type { ColumnRef, EngineMetadata, TableRef } from '../engine-adapter.ts'
import { quoteTrinoIdentifier, quoteTrinoString } from './parameters.ts'

type Collect = (sql: string, signal: AbortSignal) => Promise<unknown[][]>

export class TrinoMetadata implements EngineMetadata {
  readonly #collect: Collect

  constructor (collect: Collect) {
    this.#collect = collect
  }

  async listCatalogs (signal: AbortSignal): Promise<string[]> {
    return (await this.#collect('SHOW CATALOGS', signal)).map((row) => String(row[0]))
  }

  async listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>> {
    const sql = catalog === undefined
      ? 'SELECT table_catalog, table_schem FROM system.jdbc.schemas ORDER BY table_catalog, table_schem'
      : `SELECT catalog_name, schema_name FROM ${quoteTrinoIdentifier(catalog)}.information_schema.schemata ORDER BY schema_name`
    return (await this.#collect(sql, signal)).map((row) => ({ catalog: String(row[0]), schema: String(row[1]) }))
  }

  async listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]> {
    const rows = await this.#collect(`SELECT table_cat, table_schem, table_name, table_type FROM system.jdbc.tables
      WHERE ${where(filter, ['table_cat', 'table_schem', 'table_name'])} ORDER BY table_cat, table_schem, table_name`, signal)
    return rows.map((row) => ({ catalog: String(row[0]), schema: String(row[1]), name: String(row[2]), type: String(row[3]) === 'VIEW' ? 'VIEW' : 'TABLE' }))
  }

  async listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]> {
    const rows = await this.#collect(`SELECT table_cat, table_schem, table_name, column_name, type_name, ordinal_position, is_nullable
      FROM system.jdbc.columns WHERE ${where(filter, ['table_cat', 'table_schem', 'table_name'])}
      ORDER BY table_cat, table_schem, table_name, ordinal_position`, signal)
    return rows.map((row) => ({
      catalog: String(row[0]),
      schema: String(row[1]),
      table: String(row[2]),
      name: String(row[3]),
      type: String(row[4]),
      ordinal: Number(row[5]),
      nullable: String(row[6]) !== 'NO',
    }))
  }
}

/** Equality filters; without any, `system` is left out (its runtime and jdbc tables are Trino's own). */
function where (filter: { catalog?: string, schema?: string, table?: string }, columns: [string, string, string]): string {
  const values = [filter.catalog, filter.schema, filter.table]
  const conditions = values.flatMap((value, i) => value === undefined ? [] : [`${columns[i]!} = ${quoteTrinoString(value)}`])
  if (filter.catalog === undefined) conditions.push(`${columns[0]} <> 'system'`)
  return conditions.join(' AND ')
}
