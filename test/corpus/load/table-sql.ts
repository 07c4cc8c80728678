/**
 * CREATE TABLE and multi-row INSERT text for a corpus table in each engine's dialect: the
 * engine's type for each LogicalType and a literal for each value. The loaders write literals
 * rather than bind parameters so every engine loads through the same adapter call a user's
 * query takes.
 */
import type { LogicalType } from '../../../src/core/logical-type.ts'
import type { CorpusColumn, CorpusTable } from '../dataset/corpus-table.ts'

/** The engines the corpus runs on, named by their SQL dialect. */
export type CorpusEngine = 'duckdb' | 'trino' | 'postgres' | 'mysql' | 'clickhouse'

/** Whether the engine can store arrays; MySQL-wire engines cannot, so array columns are left out there. */
export function hasArrays (engine: CorpusEngine): boolean {
  return engine !== 'mysql'
}

export function loadableColumns (engine: CorpusEngine, table: CorpusTable): CorpusColumn[] {
  return table.columns.filter((c) => hasArrays(engine) || c.type.kind !== 'array')
}

export function createTableSql (engine: CorpusEngine, table: CorpusTable): string {
  const columns = loadableColumns(engine, table).map((c) => `${c.name} ${columnType(engine, c)}`).join(', ')
  if (engine === 'clickhouse') return `CREATE TABLE ${table.name} (${columns}) ENGINE = MergeTree() ORDER BY ${table.sortKey}`
  if (hasKeys(engine) && table.primaryKey.length > 0) return `CREATE TABLE ${table.name} (${columns}, PRIMARY KEY (${table.primaryKey.join(', ')}))`
  return `CREATE TABLE ${table.name} (${columns})`
}

/**
 * Row stores get the keys and indexes a real TPC-H schema has: without them MariaDB joins
 * lineitem to orders by scanning (minutes per query). Analytical engines need none.
 */
function hasKeys (engine: CorpusEngine): boolean {
  return engine === 'postgres' || engine === 'mysql'
}

/** CREATE INDEX statements, run after the rows are in. */
export function createIndexSql (engine: CorpusEngine, table: CorpusTable): string[] {
  if (!hasKeys(engine)) return []
  return table.indexes.map((column) => `CREATE INDEX ${table.name}_${column} ON ${table.name} (${column})`)
}

export function dropTableSql (name: string): string {
  return `DROP TABLE IF EXISTS ${name}`
}

/** INSERT statements of at most `batchRows` rows each. */
export function * insertStatements (engine: CorpusEngine, table: CorpusTable, batchRows: number): Generator<string> {
  if (engine === 'trino' && table.columns.every((c) => c.type.kind !== 'array')) {
    yield * packedTrinoInserts(table, TRINO_MAX_QUERY_CHARS)
    return
  }
  const columns = table.columns
  const kept = columns.map((c) => hasArrays(engine) || c.type.kind !== 'array')
  const names = columns.filter((_, i) => kept[i]).map((c) => c.name).join(', ')
  for (let start = 0; start < table.rows.length; start += batchRows) {
    const tuples: string[] = []
    for (const row of table.rows.slice(start, start + batchRows)) {
      const values: string[] = []
      for (let i = 0; i < columns.length; i++) if (kept[i]) values.push(literal(engine, row[i], columns[i]!.type))
      tuples.push(`(${values.join(', ')})`)
    }
    yield `INSERT INTO ${table.name} (${names}) VALUES ${tuples.join(', ')}`
  }
}

function columnType (engine: CorpusEngine, column: CorpusColumn): string {
  const type = engineType(engine, column.type)
  if (engine === 'clickhouse') return column.nullable && column.type.kind !== 'array' ? `Nullable(${type})` : type
  // Trino's memory connector takes no NOT NULL; the constraint changes no answer, so it is left out there.
  return column.nullable || engine === 'trino' ? type : `${type} NOT NULL`
}

function engineType (engine: CorpusEngine, type: LogicalType): string {
  if (engine === 'clickhouse') return clickHouseType(type)
  switch (type.kind) {
    case 'integer': return 'INTEGER'
    case 'bigint': return 'BIGINT'
    case 'double': return engine === 'mysql' ? 'DOUBLE' : engine === 'postgres' ? 'DOUBLE PRECISION' : 'DOUBLE'
    case 'decimal': return `DECIMAL(${type.precision},${type.scale})`
    case 'varchar': return type.length === undefined ? (engine === 'mysql' ? 'VARCHAR(200)' : 'VARCHAR') : `VARCHAR(${type.length})`
    case 'char': return `CHAR(${type.length})`
    case 'date': return 'DATE'
    case 'timestamp': return engine === 'mysql' ? 'DATETIME' : type.precision === 0 && engine === 'trino' ? 'TIMESTAMP(0)' : 'TIMESTAMP'
    case 'boolean': return 'BOOLEAN'
    case 'array': return engine === 'trino' ? `ARRAY(${engineType(engine, type.element)})` : `${engineType(engine, type.element)}[]`
    default: throw new Error(`corpus: no ${engine} type for ${type.kind}`)
  }
}

function clickHouseType (type: LogicalType): string {
  switch (type.kind) {
    case 'integer': return 'Int32'
    case 'bigint': return 'Int64'
    case 'double': return 'Float64'
    case 'decimal': return `Decimal(${type.precision}, ${type.scale})`
    case 'varchar':
    case 'char': return 'String'
    case 'date': return 'Date'
    case 'timestamp': return 'DateTime'
    // ClickHouse 18.16 has no Bool type; UInt8 0/1 is what its users store.
    case 'boolean': return 'UInt8'
    case 'array': return `Array(${clickHouseType(type.element)})`
    default: throw new Error(`corpus: no ClickHouse type for ${type.kind}`)
  }
}

function literal (engine: CorpusEngine, value: unknown, type: LogicalType): string {
  if (value === null || value === undefined) return 'NULL'
  switch (type.kind) {
    case 'integer':
    case 'bigint':
    case 'decimal': return String(value)
    case 'double': return doubleLiteral(engine, value as number)
    case 'varchar':
    case 'char': return stringLiteral(engine, value as string)
    case 'date': return engine === 'clickhouse' ? `'${String(value)}'` : `DATE '${String(value)}'`
    case 'timestamp': return engine === 'clickhouse' ? `'${String(value)}'` : `TIMESTAMP '${String(value)}'`
    case 'boolean': return engine === 'clickhouse' ? (value === true ? '1' : '0') : (value === true ? 'TRUE' : 'FALSE')
    case 'array': return arrayLiteral(engine, value as unknown[], type.element)
    default: throw new Error(`corpus: no literal for ${type.kind}`)
  }
}

function doubleLiteral (engine: CorpusEngine, value: number): string {
  // An exponent makes the literal a double in every dialect (Trino reads 0.1 as decimal(1,1)).
  const text = value.toExponential()
  return engine === 'postgres' ? `${text}::double precision` : text
}

function stringLiteral (engine: CorpusEngine, value: string): string {
  if (engine === 'mysql' || engine === 'clickhouse') {
    // Both read backslash escapes inside quoted strings by default.
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\n', '\\n').replaceAll('\t', '\\t')}'`
  }
  return `'${value.replaceAll("'", "''")}'`
}

function arrayLiteral (engine: CorpusEngine, items: readonly unknown[], element: LogicalType): string {
  const inner = items.map((item) => literal(engine, item, element)).join(', ')
  switch (engine) {
    case 'trino': return items.length === 0 ? `CAST(ARRAY[] AS ARRAY(${engineType(engine, element)}))` : `ARRAY[${inner}]`
    case 'postgres': return `CAST(ARRAY[${inner}] AS ${engineType(engine, element)}[])`
    case 'duckdb': return `CAST([${inner}] AS ${engineType(engine, element)}[])`
    case 'clickhouse': return `[${inner}]`
    case 'mysql': throw new Error('corpus: MySQL-wire engines have no arrays')
  }
}

/** Trino's default query.max-length is 1 000 000 characters; stay well under it. */
const TRINO_MAX_QUERY_CHARS = 900_000
const FIELD_SEPARATOR = '\u001f'
const ROW_SEPARATOR = '\u001e'
const NULL_MARKER = '\u0002'

/**
 * Trino plans a multi-row VALUES list row by row, so 2 000-row INSERTs take seconds each
 * (≈170 s for the whole data set on 2 cores). One string literal holding a batch of rows, split
 * and cast inside the query, is parsed as a single token and runs in a fraction of a second.
 * Separators are ASCII control characters, which no corpus value contains.
 */
function * packedTrinoInserts (table: CorpusTable, maxChars: number): Generator<string> {
  const names = table.columns.map((c) => c.name).join(', ')
  const casts = table.columns.map((c, i) => {
    const field = `nullif(f[${i + 1}], '${NULL_MARKER}')`
    return `CAST(${field} AS ${engineType('trino', c.type)})`
  }).join(', ')
  const head = `INSERT INTO ${table.name} (${names}) SELECT ${casts} FROM (SELECT split(r, '${FIELD_SEPARATOR}') AS f FROM UNNEST(split('`
  const tail = `', '${ROW_SEPARATOR}')) AS t (r))`
  let rows: string[] = []
  let size = head.length + tail.length
  for (const row of table.rows) {
    const text = row.map((v) => v === null || v === undefined ? NULL_MARKER : String(v).replaceAll("'", "''")).join(FIELD_SEPARATOR)
    if (rows.length > 0 && size + text.length + 1 > maxChars) {
      yield head + rows.join(ROW_SEPARATOR) + tail
      rows = []
      size = head.length + tail.length
    }
    rows.push(text)
    size += text.length + 1
  }
  if (rows.length > 0) yield head + rows.join(ROW_SEPARATOR) + tail
}
