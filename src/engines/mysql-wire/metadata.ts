/**
 * Catalog listings from information_schema, which MySQL, MariaDB and StarRocks all have.
 * MySQL has no catalogs: every schema is in catalog `def`, as information_schema reports.
 * Column types are mapped from COLUMN_TYPE text (`int(10) unsigned`, `decimal(12,2)`,
 * `datetime(6)`, …) to the same LogicalTypes query results get.
 */
import { formatType, T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import type { ColumnRef, EngineMetadata, TableRef } from '../engine-adapter.ts'
import { quote } from './parameters.ts'

type Collect = (sql: string, signal: AbortSignal) => Promise<unknown[][]>

const SYSTEM_SCHEMAS = "('information_schema', 'mysql', 'performance_schema', 'sys', '_statistics_')"

export class MysqlWireMetadata implements EngineMetadata {
  readonly #collect: Collect

  constructor (collect: Collect) {
    this.#collect = collect
  }

  async listCatalogs (signal: AbortSignal): Promise<string[]> {
    const rows = await this.#collect('SELECT DISTINCT CATALOG_NAME FROM information_schema.SCHEMATA', signal)
    return rows.map((row) => String(row[0] ?? 'def'))
  }

  async listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>> {
    const rows = await this.#collect(`SELECT CATALOG_NAME, SCHEMA_NAME FROM information_schema.SCHEMATA
      WHERE SCHEMA_NAME NOT IN ${SYSTEM_SCHEMAS}${where([['CATALOG_NAME', catalog]])} ORDER BY 1, 2`, signal)
    return rows.map((row) => ({ catalog: String(row[0] ?? 'def'), schema: String(row[1]) }))
  }

  async listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]> {
    const rows = await this.#collect(`SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES
      WHERE TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}${where([['TABLE_CATALOG', filter.catalog], ['TABLE_SCHEMA', filter.schema], ['TABLE_NAME', filter.table]])}
      ORDER BY 1, 2, 3`, signal)
    return rows.map((row) => ({
      catalog: String(row[0] ?? 'def'), schema: String(row[1]), name: String(row[2]),
      type: String(row[3]).includes('VIEW') ? 'VIEW' : 'TABLE',
    }))
  }

  async listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]> {
    const rows = await this.#collect(`SELECT TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, ORDINAL_POSITION, IS_NULLABLE
      FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}${where([['TABLE_CATALOG', filter.catalog], ['TABLE_SCHEMA', filter.schema], ['TABLE_NAME', filter.table]])}
      ORDER BY 1, 2, 3, 6`, signal)
    return rows.map((row) => ({
      catalog: String(row[0] ?? 'def'), schema: String(row[1]), table: String(row[2]), name: String(row[3]),
      type: formatType(typeFromColumnType(String(row[4]))),
      ordinal: Number(row[5]),
      nullable: row[6] === 'YES',
    }))
  }
}

function where (pairs: Array<[string, string | undefined]>): string {
  return pairs.filter((p): p is [string, string] => p[1] !== undefined).map(([column, value]) => ` AND ${column} = ${quote(value)}`).join('')
}

/** information_schema.COLUMNS.COLUMN_TYPE → LogicalType, matching type-map.ts for results. */
export function typeFromColumnType (columnType: string): LogicalType {
  const text = columnType.toLowerCase()
  const match = /^([a-z0-9_]+)(?:\((\d+)(?:,(\d+))?\))?(.*)$/.exec(text)
  const name = match?.[1] ?? text
  const n = match?.[2] === undefined ? undefined : Number(match[2])
  const scale = match?.[3] === undefined ? 0 : Number(match[3])
  const unsigned = match?.[4]?.includes('unsigned') === true
  switch (name) {
    case 'tinyint': return unsigned ? T.smallint : T.tinyint
    case 'smallint': return unsigned ? T.integer : T.smallint
    case 'mediumint': return T.integer
    case 'int':
    case 'integer': return unsigned ? T.bigint : T.integer
    case 'bigint': return unsigned ? T.decimal(20, 0) : T.bigint
    case 'largeint': return T.decimal(38, 0) // StarRocks 128-bit integer
    case 'year': return T.smallint
    case 'float': return T.real
    case 'double':
    case 'real': return T.double
    case 'decimal':
    case 'numeric':
    case 'decimalv2':
    case 'decimal32':
    case 'decimal64':
    case 'decimal128': return T.decimal(Math.min(n ?? 10, 38), Math.min(scale, 38))
    case 'date': return T.date
    case 'time': return T.time(n ?? 0)
    case 'datetime': return T.timestamp(n ?? 0)
    case 'timestamp': return T.timestampWithTimeZone(n ?? 0)
    case 'bit': return n === 1 || n === undefined ? T.boolean : T.bigint
    case 'boolean': return T.boolean
    case 'json': return T.json
    case 'uuid': return T.uuid
    case 'binary':
    case 'varbinary':
    case 'tinyblob':
    case 'blob':
    case 'mediumblob':
    case 'longblob': return T.varbinary
    default: return T.varchar
  }
}
