/**
 * A private in-memory DuckDB that holds one emulated pg_catalog per cluster group and runs
 * clients' catalog queries against it. DuckDB here is only a SQL evaluator over a few hundred
 * metadata rows, never a query engine for data: that keeps psql's, pgjdbc's and BI tools'
 * multi-join catalog queries working without hand-matching each one.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { T } from '../../../core/logical-type.ts'
import type { LogicalType } from '../../../core/logical-type.ts'
import type { Column, Row } from '../../../core/query-result.ts'
import { PG_TYPES } from '../types/pg-types.ts'
import { CATALOG_MACROS, CATALOG_TABLES, CATALOG_TYPES, CATALOG_VIEWS, CatalogOid, INFORMATION_SCHEMA, INFORMATION_SCHEMA_VIEWS, SYSTEM_RELATIONS } from './catalog-ddl.ts'
import type { CatalogSnapshot } from './snapshot.ts'
import type { OidResolver } from './rewrite.ts'

/** What a query sees of the session: search_path, current database/user, settings. */
export interface CatalogSession {
  readonly database: string
  readonly user: string
  readonly schema: string
  readonly searchPath: readonly string[]
  readonly processId: number
  readonly version: string
  readonly settings: ReadonlyArray<readonly [string, string]>
}

/** PostgreSQL's format_type names for the types QueryFlux uses. */
const DISPLAY_NAMES: Record<string, string> = {
  bool: 'boolean', int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real', float8: 'double precision',
  varchar: 'character varying', bpchar: 'character', timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone', time: 'time without time zone', timetz: 'time with time zone', char: '"char"',
}

function literal (value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return `'${String(value).replace(/'/g, "''")}'`
}

function insert (table: string, columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string[] {
  const out: string[] = []
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((row) => `(${row.map(literal).join(', ')})`).join(',\n')
    out.push(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`)
  }
  return out
}

/** The statements that create the catalog and fill what never changes. */
function setupStatements (): string[] {
  const types = PG_TYPES.map((t) => {
    const display = t.category === 'A' ? `${DISPLAY_NAMES[t.name.slice(1)] ?? t.name.slice(1)}[]` : DISPLAY_NAMES[t.name] ?? t.name
    return [t.oid, t.name, t.typlen, t.typlen > 0 && t.typlen <= 8, t.typtype, t.category, t.elementOid, t.arrayOid, t.input, t.output, t.receive, t.send, t.delimiter, display]
  })
  return [
    `CREATE SCHEMA ${INFORMATION_SCHEMA}`,
    ...CATALOG_TYPES,
    ...Object.entries(CATALOG_TABLES).map(([name, columns]) => `CREATE TABLE ${name} (${columns})`),
    ...CATALOG_MACROS,
    ...CATALOG_VIEWS,
    ...INFORMATION_SCHEMA_VIEWS,
    ...insert('pg_type', ['oid', 'typname', 'typlen', 'typbyval', 'typtype', 'typcategory', 'typelem', 'typarray', 'typinput', 'typoutput', 'typreceive', 'typsend', 'typdelim', 'qf_display'], types),
    ...insert('pg_namespace', ['oid', 'nspname'], [[CatalogOid.pgCatalogNamespace, 'pg_catalog'], [CatalogOid.informationSchemaNamespace, 'information_schema']]),
    ...insert('pg_class', ['oid', 'relname', 'relnamespace', 'relkind'], SYSTEM_RELATIONS.map(([oid, name]) => [oid, name, CatalogOid.pgCatalogNamespace, 'r'])),
    ...insert('pg_am', ['oid', 'amname', 'amtype'], [[CatalogOid.heapAm, 'heap', 't'], [CatalogOid.btreeAm, 'btree', 'i']]),
    ...insert('pg_collation', ['oid', 'collname'], [[CatalogOid.defaultCollation, 'default'], [950, 'C'], [951, 'POSIX']]),
    ...insert('pg_tablespace', ['oid', 'spcname'], [[CatalogOid.defaultTablespace, 'pg_default'], [1664, 'pg_global']]),
    ...insert('pg_language', ['oid', 'lanname', 'lanispl'], [[12, 'internal', false], [13, 'c', false], [14, 'sql', false]]),
  ]
}

export class CatalogDatabase {
  readonly #connection: DuckDBConnection
  #loadedAt = -Infinity
  #lock: Promise<unknown> = Promise.resolve()
  #relationsByName = new Map<string, number>()
  #namespacesByName = new Map<string, number>()

  private constructor (connection: DuckDBConnection) {
    this.#connection = connection
  }

  static async create (instance: DuckDBInstance): Promise<CatalogDatabase> {
    const connection = await instance.connect()
    for (const statement of setupStatements()) await connection.run(statement)
    return new CatalogDatabase(connection)
  }

  /** When the snapshot was loaded (performance.now()), -Infinity before the first. */
  get loadedAt (): number {
    return this.#loadedAt
  }

  /** Replaces the engine's objects with a new snapshot. */
  async load (snapshot: CatalogSnapshot, databases: readonly string[]): Promise<void> {
    await this.#exclusive(async () => {
      const c = this.#connection
      await c.run(`DELETE FROM pg_namespace WHERE oid NOT IN (${CatalogOid.pgCatalogNamespace}, ${CatalogOid.informationSchemaNamespace})`)
      await c.run(`DELETE FROM pg_class WHERE relnamespace <> ${CatalogOid.pgCatalogNamespace}`)
      await c.run('DELETE FROM pg_attribute')
      await c.run('DELETE FROM pg_database')
      const statements = [
        ...insert('pg_namespace', ['oid', 'nspname'], snapshot.namespaces.map((n) => [n.oid, n.name])),
        ...insert('pg_class', ['oid', 'relname', 'relnamespace', 'relkind', 'relnatts', 'relam'], snapshot.relations.map((r) => [r.oid, r.name, r.namespace, r.kind, r.columnCount, r.kind === 'r' ? CatalogOid.heapAm : 0])),
        ...insert('pg_attribute', ['attrelid', 'attname', 'atttypid', 'atttypmod', 'attlen', 'attnum', 'attnotnull'], snapshot.attributes.map((a) => [a.relation, a.name, a.type, a.typmod, a.typlen, a.num, a.notNull])),
        ...insert('pg_database', ['oid', 'datname'], databases.map((name, i) => [CatalogOid.database + i, name])),
      ]
      for (const statement of statements) await c.run(statement)
      this.#relationsByName = new Map([...SYSTEM_RELATIONS.map(([oid, name]) => [name, oid] as const), ...snapshot.relations.map((r) => [r.name, r.oid] as const)])
      this.#namespacesByName = new Map([['pg_catalog', CatalogOid.pgCatalogNamespace], ['information_schema', CatalogOid.informationSchemaNamespace], ...snapshot.namespaces.map((n) => [n.name, n.oid] as const)])
      this.#loadedAt = performance.now()
    })
  }

  /** Names → OIDs for reg* literal casts. */
  get resolver (): OidResolver {
    return {
      relation: (name) => this.#relationsByName.get(name),
      namespace: (name) => this.#namespacesByName.get(name),
      type: (name) => PG_TYPES.find((t) => t.name === name || DISPLAY_NAMES[t.name] === name)?.oid,
    }
  }

  /** Runs an already rewritten query (parameters written in) for one session. */
  async query (sql: string, session: CatalogSession): Promise<{ columns: Column[], rows: Row[] }> {
    return await this.#exclusive(async () => {
      const c = this.#connection
      await c.run('DELETE FROM qf_session')
      await c.run(`INSERT INTO qf_session VALUES (${[session.database, session.user, session.schema, session.processId, session.version].map(literal).join(', ')})`)
      // Session values as constant macros: DuckDB table functions (generate_series) take no subqueries.
      const path = `[${session.searchPath.map(literal).join(', ')}]`
      for (const macro of [
        `current_database() AS ${literal(session.database)}`,
        `current_schema() AS ${literal(session.schema)}`,
        `current_schemas(implicit) AS CASE WHEN implicit THEN list_prepend('pg_catalog', ${path}) ELSE ${path} END`,
        `qf_current_user() AS ${literal(session.user)}`,
        `pg_backend_pid() AS ${session.processId}`,
        `version() AS ${literal(session.version)}`,
      ]) await c.run(`CREATE OR REPLACE MACRO ${macro}`)
      await c.run('DELETE FROM qf_search_path')
      for (const statement of insert('qf_search_path', ['pos', 'nspname'], session.searchPath.map((name, i) => [i + 1, name]))) await c.run(statement)
      await c.run('DELETE FROM pg_authid')
      await c.run(`INSERT INTO pg_authid (oid, rolname, rolsuper) VALUES (${CatalogOid.bootstrapSuperuser}, ${literal(session.user)}, false)`)
      await c.run('DELETE FROM pg_settings')
      for (const statement of insert('pg_settings', ['name', 'setting'], session.settings.map(([n, v]) => [n, v]))) await c.run(statement)
      const reader = await c.runAndReadAll(sql)
      const types = reader.columnTypes().map((t) => logicalType(t.toString()))
      const columns = reader.columnNames().map((name, i) => ({ name: pgColumnName(name), type: types[i]! }))
      const rows = reader.getRowsJS().map((row) => row.map((value, i) => fromDuckValue(value, types[i]!)))
      return { columns, rows }
    })
  }

  close (): void {
    this.#connection.closeSync()
  }

  async #exclusive<T> (fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn)
    this.#lock = run.catch(() => {})
    return await run
  }
}

/** A DuckDB result type (as text) → the LogicalType the frontend sends. */
function logicalType (duck: string): LogicalType {
  const t = duck.toUpperCase()
  if (t.endsWith('[]')) return T.array(logicalType(t.slice(0, -2)))
  switch (t) {
    case 'BOOLEAN': return T.boolean
    case 'TINYINT': case 'SMALLINT': return T.smallint
    case 'INTEGER': case 'UTINYINT': case 'USMALLINT': return T.integer
    case 'BIGINT': case 'UINTEGER': case 'HUGEINT': case 'UBIGINT': return T.bigint
    case 'FLOAT': return T.real
    case 'DOUBLE': return T.double
    case 'DATE': return T.date
    case 'TIMESTAMP WITH TIME ZONE': return T.timestampWithTimeZone(6)
    case 'TIMESTAMP': return T.timestamp(6)
    default: return t.startsWith('DECIMAL') ? T.double : T.varchar
  }
}

function fromDuckValue (value: unknown, type: LogicalType): unknown {
  if (value === null || value === undefined) return null
  switch (type.kind) {
    case 'array': return Array.isArray(value) ? value.map((v) => fromDuckValue(v, type.element)) : null
    case 'bigint': return typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)))
    case 'smallint': case 'integer': case 'real': case 'double': return Number(value)
    case 'boolean': return value === true
    case 'timestampWithTimeZone': return value instanceof Date ? value.toISOString().replace('T', ' ').replace('Z', ' UTC') : String(value)
    default: return value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
  }
}

const NAME_LOOKUPS = /^qf_(regclass|regtype|regnamespace)_name\((?:[\w"]+\.)*"?(\w+)"?\)$/

/** PostgreSQL's column names for unaliased expressions: the function's name, or ?column?. */
function pgColumnName (duck: string): string {
  const lookup = NAME_LOOKUPS.exec(duck)
  if (lookup !== null) return lookup[2]!
  if (duck === 'qf_current_user()') return 'current_user'
  const call = /^"?([a-z_][a-z0-9_]*)"?\(/i.exec(duck)
  if (call !== null) return call[1]!.toLowerCase()
  // DuckDB names an unaliased expression by its text; an alias never has parentheses or '::' in practice.
  if (/[()]|::|^CASE\b/i.test(duck)) return '?column?'
  return duck
}
