/**
 * The metadata tables Trino clients read — `system.jdbc.*` (JDBC DatabaseMetaData) and
 * `information_schema.*` — built from an engine's EngineMetadata, for engines that have no
 * such tables themselves. Column names, types and values follow Trino's
 * io.trino.connector.system.jdbc.*JdbcTable and its information_schema connector.
 * @see https://github.com/trinodb/trino/tree/master/core/trino-main/src/main/java/io/trino/connector/system/jdbc
 */
import { parseType, T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import type { ColumnRef, EngineMetadata } from '../../engines/engine-adapter.ts'

export interface VirtualColumn {
  readonly name: string
  readonly type: LogicalType
}

/** Equality filters taken from the WHERE clause and handed to the engine's metadata calls. */
export interface PushdownFilter {
  catalog?: string
  schema?: string
  table?: string
}

export interface VirtualTable {
  readonly columns: readonly VirtualColumn[]
  /** Which columns hold the catalog, schema and table name, for filter pushdown. */
  readonly pushdown: Readonly<Partial<Record<keyof PushdownFilter, string>>>
  rows (metadata: EngineMetadata, filter: PushdownFilter, signal: AbortSignal): Promise<unknown[][]>
}

const v = T.varchar
const b = T.bigint
const columns = (spec: string): VirtualColumn[] => spec.split(' ').map((entry) => {
  const [name, type] = entry.split(':')
  return { name: name!, type: type === 'b' ? b : type === 'bool' ? T.boolean : v }
})
const empty = (spec: string): VirtualTable => ({ columns: columns(spec), pushdown: {}, rows: async () => [] })

/** java.sql.Types codes. */
const JdbcType = {
  BOOLEAN: 16, BIGINT: -5, INTEGER: 4, SMALLINT: 5, TINYINT: -6, REAL: 7, DOUBLE: 8, DECIMAL: 3, VARCHAR: 12,
  CHAR: 1, VARBINARY: -3, DATE: 91, TIME: 92, TIME_WITH_TIMEZONE: 2013, TIMESTAMP: 93, TIMESTAMP_WITH_TIMEZONE: 2014,
  ARRAY: 2003, JAVA_OBJECT: 2000,
} as const

const UNBOUNDED = 2_147_483_647
/** Length of the longest Java time zone id ("America/Argentina/ComodRivadavia"). */
const MAX_TIMEZONE_LENGTH = 32

export function jdbcDataType (type: LogicalType): number {
  switch (type.kind) {
    case 'boolean': return JdbcType.BOOLEAN
    case 'bigint': return JdbcType.BIGINT
    case 'integer': return JdbcType.INTEGER
    case 'smallint': return JdbcType.SMALLINT
    case 'tinyint': return JdbcType.TINYINT
    case 'real': return JdbcType.REAL
    case 'double': return JdbcType.DOUBLE
    case 'decimal': return JdbcType.DECIMAL
    case 'varchar': return JdbcType.VARCHAR
    case 'char': return JdbcType.CHAR
    case 'varbinary': return JdbcType.VARBINARY
    case 'date': return JdbcType.DATE
    case 'time': return JdbcType.TIME
    case 'timeWithTimeZone': return JdbcType.TIME_WITH_TIMEZONE
    case 'timestamp': return JdbcType.TIMESTAMP
    case 'timestampWithTimeZone': return JdbcType.TIMESTAMP_WITH_TIMEZONE
    case 'array': return JdbcType.ARRAY
    default: return JdbcType.JAVA_OBJECT
  }
}

/** ColumnJdbcTable.columnSize. */
export function columnSize (type: LogicalType): number | null {
  switch (type.kind) {
    case 'bigint': return 19
    case 'integer': return 10
    case 'smallint': return 5
    case 'tinyint': return 3
    case 'decimal': return type.precision
    case 'real': return 24
    case 'double': return 53
    case 'varchar': return type.length ?? UNBOUNDED
    case 'char': return type.length
    case 'varbinary': return UNBOUNDED
    case 'time': return 8 + Math.min(type.precision, 1) + type.precision
    case 'timeWithTimeZone': return 8 + Math.min(type.precision, 1) + type.precision + 6
    case 'date': return 14
    case 'timestamp': return 1 + 5 + 15 + Math.min(type.precision, 1) + type.precision
    case 'timestampWithTimeZone': return 1 + 6 + 15 + Math.min(type.precision, 1) + type.precision + 1 + MAX_TIMEZONE_LENGTH
    default: return null
  }
}

function decimalDigits (type: LogicalType): number | null {
  if (type.kind === 'decimal') return type.scale
  if (type.kind === 'time' || type.kind === 'timeWithTimeZone' || type.kind === 'timestamp' || type.kind === 'timestampWithTimeZone') return type.precision
  return null
}

function numPrecRadix (type: LogicalType): number | null {
  if (['bigint', 'integer', 'smallint', 'tinyint', 'decimal'].includes(type.kind)) return 10
  if (type.kind === 'real' || type.kind === 'double') return 2
  return null
}

function charOctetLength (type: LogicalType): number | null {
  if (type.kind === 'varchar') return type.length ?? UNBOUNDED
  if (type.kind === 'char') return type.length
  if (type.kind === 'varbinary') return UNBOUNDED
  return null
}

const big = (n: number | null): bigint | null => n === null ? null : BigInt(n)

function typeOf (column: ColumnRef): LogicalType {
  try {
    return parseType(column.type)
  } catch {
    return T.unknown
  }
}

async function listColumns (metadata: EngineMetadata, filter: PushdownFilter, signal: AbortSignal): Promise<ColumnRef[]> {
  const refs = await metadata.listColumns(filter, signal)
  return refs.slice().sort((x, y) => compareKeys([x.catalog, x.schema, x.table], [y.catalog, y.schema, y.table]) || x.ordinal - y.ordinal)
}

function compareKeys (a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1
  return 0
}

/** Trino's type list for system.jdbc.types (TypesJdbcTable). */
const TYPE_NAMES: ReadonlyArray<[string, LogicalType]> = [
  ['bigint', T.bigint], ['boolean', T.boolean], ['char', T.char(1)], ['date', T.date], ['decimal', T.decimal(38, 0)],
  ['double', T.double], ['integer', T.integer], ['interval day to second', T.intervalDayToSecond],
  ['interval year to month', T.intervalYearToMonth], ['json', T.json], ['real', T.real], ['smallint', T.smallint],
  ['time', T.time(3)], ['time with time zone', T.timeWithTimeZone(3)], ['timestamp', T.timestamp(3)],
  ['timestamp with time zone', T.timestampWithTimeZone(3)], ['tinyint', T.tinyint], ['uuid', T.uuid],
  ['varbinary', T.varbinary], ['varchar', T.varchar], ['array', T.array(T.unknown)], ['map', T.map(T.unknown, T.unknown)],
  ['row', T.row([])],
]

/** Every table the frontend can answer, by lower-case `schema.table` (catalog `system` for jdbc). */
export const VIRTUAL_TABLES: Readonly<Record<string, VirtualTable>> = {
  'jdbc.catalogs': {
    columns: columns('table_cat'),
    pushdown: {},
    rows: async (metadata, _filter, signal) => (await metadata.listCatalogs(signal)).sort().map((c) => [c]),
  },
  'jdbc.schemas': {
    columns: columns('table_schem table_catalog'),
    pushdown: { catalog: 'table_catalog' },
    rows: async (metadata, filter, signal) => (await metadata.listSchemas(filter.catalog, signal)).map((s) => [s.schema, s.catalog]),
  },
  'jdbc.tables': {
    columns: columns('table_cat table_schem table_name table_type remarks type_cat type_schem type_name self_referencing_col_name ref_generation'),
    pushdown: { catalog: 'table_cat', schema: 'table_schem', table: 'table_name' },
    rows: async (metadata, filter, signal) => (await metadata.listTables(filter, signal))
      .map((t) => [t.catalog, t.schema, t.name, t.type, null, null, null, null, null, null]),
  },
  'jdbc.columns': {
    columns: columns('table_cat table_schem table_name column_name data_type:b type_name column_size:b buffer_length:b decimal_digits:b num_prec_radix:b nullable:b remarks column_def sql_data_type:b sql_datetime_sub:b char_octet_length:b ordinal_position:b is_nullable scope_catalog scope_schema scope_table source_data_type:b is_autoincrement is_generatedcolumn'),
    pushdown: { catalog: 'table_cat', schema: 'table_schem', table: 'table_name' },
    rows: async (metadata, filter, signal) => (await listColumns(metadata, filter, signal)).map((c) => {
      const type = typeOf(c)
      return [c.catalog, c.schema, c.table, c.name, BigInt(jdbcDataType(type)), c.type, big(columnSize(type)), 0n,
        big(decimalDigits(type)), big(numPrecRadix(type)), c.nullable ? 1n : 0n, null, null, null, null,
        big(charOctetLength(type)), BigInt(c.ordinal), c.nullable ? 'YES' : 'NO', null, null, null, null, 'NO', 'NO']
    }),
  },
  'jdbc.table_types': {
    columns: columns('table_type'),
    pushdown: {},
    rows: async () => [['TABLE'], ['VIEW']],
  },
  'jdbc.types': {
    columns: columns('type_name data_type:b precision:b literal_prefix literal_suffix create_params nullable:b case_sensitive:bool searchable:b unsigned_attribute:bool fixed_prec_scale:bool auto_increment:bool local_type_name minimum_scale:b maximum_scale:b sql_data_type:b sql_datetime_sub:b num_prec_radix:b'),
    pushdown: {},
    rows: async () => TYPE_NAMES.map(([name, type]) => [name, BigInt(jdbcDataType(type)), big(columnSize(type)), null, null, null,
      1n, type.kind === 'varchar' || type.kind === 'char', 3n, null, false, null, null, 0n, 0n, null, null, big(numPrecRadix(type))]),
  },
  'jdbc.procedures': empty('procedure_cat procedure_schem procedure_name remarks procedure_type:b specific_name'),
  'jdbc.procedure_columns': empty('procedure_cat procedure_schem procedure_name column_name column_type:b data_type:b type_name precision:b length:b scale:b radix:b nullable:b remarks column_def sql_data_type:b sql_datetime_sub:b char_octet_length:b ordinal_position:b is_nullable specific_name'),
  'jdbc.super_tables': empty('table_cat table_schem table_name supertable_name'),
  'jdbc.super_types': empty('type_cat type_schem type_name supertype_cat supertype_schem supertype_name'),
  'jdbc.udts': empty('type_cat type_schem type_name class_name data_type:b remarks base_type:b'),
  'jdbc.attributes': empty('type_cat type_schem type_name attr_name data_type:b attr_type_name attr_size:b decimal_digits:b num_prec_radix:b nullable:b remarks attr_def sql_data_type:b sql_datetime_sub:b char_octet_length:b ordinal_position:b is_nullable scope_catalog scope_schema scope_table source_data_type:b'),
  'jdbc.pseudo_columns': empty('table_cat table_schem table_name column_name data_type:b column_size:b decimal_digits:b num_prec_radix:b column_usage remarks char_octet_length:b is_nullable'),
  'information_schema.schemata': {
    columns: columns('catalog_name schema_name'),
    pushdown: { catalog: 'catalog_name' },
    rows: async (metadata, filter, signal) => (await metadata.listSchemas(filter.catalog, signal)).map((s) => [s.catalog, s.schema]),
  },
  'information_schema.tables': {
    columns: columns('table_catalog table_schema table_name table_type'),
    pushdown: { catalog: 'table_catalog', schema: 'table_schema', table: 'table_name' },
    rows: async (metadata, filter, signal) => (await metadata.listTables(filter, signal))
      .map((t) => [t.catalog, t.schema, t.name, t.type === 'TABLE' ? 'BASE TABLE' : t.type]),
  },
  'information_schema.columns': {
    columns: columns('table_catalog table_schema table_name column_name ordinal_position:b column_default is_nullable data_type'),
    pushdown: { catalog: 'table_catalog', schema: 'table_schema', table: 'table_name' },
    rows: async (metadata, filter, signal) => (await listColumns(metadata, filter, signal))
      .map((c) => [c.catalog, c.schema, c.table, c.name, BigInt(c.ordinal), null, c.nullable ? 'YES' : 'NO', c.type]),
  },
}
