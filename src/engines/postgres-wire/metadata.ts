/**
 * Catalog listings for frontends that emulate catalog queries: one catalog (the connection's
 * database), schemas and tables from information_schema, and columns from pg_attribute with
 * the exact type OID and typmod, mapped by type-map.ts (information_schema.columns spells
 * types as text without array element modifiers).
 */
import { formatType } from '../../core/logical-type.ts'
import type { ColumnRef, EngineMetadata, TableRef } from '../engine-adapter.ts'
import { postgresType } from './type-map.ts'

type Collect = (sql: string, params: readonly string[], signal: AbortSignal) => Promise<unknown[][]>

const HIDDEN_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast')"

export class PostgresMetadata implements EngineMetadata {
  readonly #collect: Collect

  constructor (collect: Collect) {
    this.#collect = collect
  }

  async listCatalogs (signal: AbortSignal): Promise<string[]> {
    const rows = await this.#collect('SELECT current_database()', [], signal)
    return rows.map((row) => String(row[0]))
  }

  async listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>> {
    const { where, params } = filters([['catalog_name', catalog]])
    const rows = await this.#collect(`SELECT catalog_name, schema_name FROM information_schema.schemata
      WHERE schema_name NOT IN ${HIDDEN_SCHEMAS} AND schema_name NOT LIKE 'pg\\_temp\\_%' AND schema_name NOT LIKE 'pg\\_toast\\_temp\\_%'${where}
      ORDER BY 1, 2`, params, signal)
    return rows.map((row) => ({ catalog: String(row[0]), schema: String(row[1]) }))
  }

  async listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]> {
    const { where, params } = filters([['table_catalog', filter.catalog], ['table_schema', filter.schema], ['table_name', filter.table]])
    const rows = await this.#collect(`SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables
      WHERE table_schema NOT IN ${HIDDEN_SCHEMAS}${where} ORDER BY 1, 2, 3`, params, signal)
    return rows.map((row) => ({
      catalog: String(row[0]), schema: String(row[1]), name: String(row[2]),
      type: row[3] === 'VIEW' ? 'VIEW' : 'TABLE',
    }))
  }

  async listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]> {
    const { where, params } = filters([['current_database()', filter.catalog], ['n.nspname', filter.schema], ['c.relname', filter.table]])
    const rows = await this.#collect(`SELECT current_database(), n.nspname, c.relname, a.attname, a.atttypid::int4, a.atttypmod, a.attnum::int4, NOT a.attnotnull
      FROM pg_catalog.pg_attribute a
      JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
        AND n.nspname NOT IN ${HIDDEN_SCHEMAS} AND n.nspname NOT LIKE 'pg\\_temp\\_%'
        AND has_table_privilege(c.oid, 'SELECT')${where}
      ORDER BY 1, 2, 3, 7`, params, signal)
    return rows.map((row) => ({
      catalog: String(row[0]), schema: String(row[1]), table: String(row[2]), name: String(row[3]),
      type: formatType(postgresType(Number(row[4]), Number(row[5]))),
      ordinal: Number(row[6]),
      nullable: row[7] === true,
    }))
  }
}

function filters (pairs: Array<[string, string | undefined]>): { where: string, params: string[] } {
  const params: string[] = []
  let where = ''
  for (const [column, value] of pairs) {
    if (value === undefined) continue
    params.push(value)
    where += ` AND ${column} = $${params.length}`
  }
  return { where, params }
}
