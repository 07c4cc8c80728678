/**
 * Catalog listings from ClickHouse's system tables. ClickHouse has databases but no catalogs:
 * everything is reported in one catalog named `clickhouse`, and each database is a schema.
 * Column ordinals follow system.columns order (18.x has no `position` column).
 */
import { formatType } from '../../core/logical-type.ts'
import type { ColumnRef, EngineMetadata, TableRef } from '../engine-adapter.ts'
import { quoteClickHouse } from './parameters.ts'
import { logicalTypeOf, parseClickHouseType } from './type-map.ts'

export const CLICKHOUSE_CATALOG = 'clickhouse'

type Collect = (sql: string, signal: AbortSignal) => Promise<unknown[][]>

const HIDDEN = "('system', 'INFORMATION_SCHEMA', 'information_schema')"

export class ClickHouseMetadata implements EngineMetadata {
  readonly #collect: Collect

  constructor (collect: Collect) {
    this.#collect = collect
  }

  async listCatalogs (): Promise<string[]> {
    return [CLICKHOUSE_CATALOG]
  }

  async listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>> {
    if (catalog !== undefined && catalog !== CLICKHOUSE_CATALOG) return []
    const rows = await this.#collect(`SELECT name FROM system.databases WHERE name NOT IN ${HIDDEN} ORDER BY name`, signal)
    return rows.map((row) => ({ catalog: CLICKHOUSE_CATALOG, schema: String(row[0]) }))
  }

  async listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]> {
    if (filter.catalog !== undefined && filter.catalog !== CLICKHOUSE_CATALOG) return []
    const rows = await this.#collect(`SELECT database, name, engine FROM system.tables
      WHERE database NOT IN ${HIDDEN}${where([['database', filter.schema], ['name', filter.table]])} ORDER BY database, name`, signal)
    return rows.map((row) => ({
      catalog: CLICKHOUSE_CATALOG, schema: String(row[0]), name: String(row[1]),
      type: String(row[2]).endsWith('View') ? 'VIEW' : 'TABLE',
    }))
  }

  async listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]> {
    if (filter.catalog !== undefined && filter.catalog !== CLICKHOUSE_CATALOG) return []
    const rows = await this.#collect(`SELECT database, table, name, type FROM system.columns
      WHERE database NOT IN ${HIDDEN}${where([['database', filter.schema], ['table', filter.table]])}`, signal)
    const ordinals = new Map<string, number>()
    return rows.map((row) => {
      const key = `${String(row[0])}.${String(row[1])}`
      const ordinal = (ordinals.get(key) ?? 0) + 1
      ordinals.set(key, ordinal)
      const typeText = String(row[3])
      return {
        catalog: CLICKHOUSE_CATALOG, schema: String(row[0]), table: String(row[1]), name: String(row[2]),
        type: formatType(logicalTypeOf(parseClickHouseType(typeText))),
        ordinal,
        nullable: /^(LowCardinality\()?Nullable\(/.test(typeText),
      }
    })
  }
}

function where (pairs: Array<[string, string | undefined]>): string {
  return pairs.filter((p): p is [string, string] => p[1] !== undefined).map(([column, value]) => ` AND ${column} = ${quoteClickHouse(value)}`).join('')
}
