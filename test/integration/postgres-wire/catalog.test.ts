/**
 * Catalog introspection as tools send it: the queries below are the ones Grafana, Metabase,
 * DBeaver, Npgsql and postgres.js send on connect and while browsing (psql and pgjdbc are in
 * test/e2e/clients). Against the embedded DuckDB they are answered by the pg_catalog emulation
 * from the engine's metadata; against a PostgreSQL engine they go to the engine itself.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { startFrontend } from './frontend.ts'
import { ensurePostgres } from '../../harness/servers/postgres.ts'
import { Oid, PG_TYPES } from '../../../src/frontends/postgres/types/pg-types.ts'

const TOOL_QUERIES: Array<{ tool: string, sql: string, params?: unknown[], check?: (rows: Array<Record<string, unknown>>) => void }> = [
  {
    tool: 'Grafana: table list',
    sql: `select quote_ident(table_name) as "table" from information_schema.tables where quote_ident(table_schema) not in ('information_schema','pg_catalog','_timescaledb_cache') and table_type = 'BASE TABLE' and quote_ident(table_schema) = ANY(current_schemas(false))`,
    check: (rows) => assert.deepEqual(rows.map((r) => r.table), ['orders']),
  },
  {
    tool: 'Grafana: column list',
    sql: 'select quote_ident(column_name) as "column", data_type as "type" from information_schema.columns where quote_ident(table_name) = $1',
    params: ['orders'],
    check: (rows) => assert.deepEqual(rows.map((r) => `${String(r.column)} ${String(r.type)}`).sort(), ['created timestamp without time zone', 'customer text', 'id integer', 'total numeric']),
  },
  { tool: 'Grafana: TimescaleDB probe', sql: "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'", check: (rows) => assert.equal(rows.length, 0) },
  { tool: 'DBeaver: database', sql: 'SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=$1', params: ['qf'], check: (rows) => assert.equal(rows[0]?.datname, 'qf') },
  { tool: 'DBeaver: setting', sql: 'select * from pg_catalog.pg_settings where name=$1', params: ['standard_conforming_strings'], check: (rows) => assert.equal(rows[0]?.setting, 'on') },
  {
    tool: 'DBeaver: schemas',
    sql: "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass ORDER BY nspname",
    check: (rows) => assert.ok(rows.some((r) => r.nspname === 'main')),
  },
  {
    tool: 'DBeaver: data types',
    sql: "SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description FROM pg_catalog.pg_type t LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid WHERE t.typname IS NOT NULL AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C')",
    check: (rows) => assert.ok(rows.some((r) => r.typname === 'int4')),
  },
  {
    tool: 'DBeaver: table columns',
    sql: "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid FROM pg_catalog.pg_attribute a INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid) LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum) LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid) LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.relname = $1 ORDER BY a.attnum",
    params: ['orders'],
    check: (rows) => assert.deepEqual(rows.map((r) => r.attname), ['id', 'customer', 'total', 'created']),
  },
  { tool: 'DBeaver: keywords', sql: "select string_agg(word, ',') as words from pg_catalog.pg_get_keywords() where word <> ALL ('{a,abs,absolute}'::text[])" },
  {
    tool: 'Metabase: tables',
    sql: `SELECT n.nspname AS "schema", c.relname AS "name", CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS "type", d.description AS "description", stat.n_live_tup AS "estimated_row_count" FROM pg_catalog.pg_class c INNER JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid LEFT JOIN pg_catalog.pg_description d ON c.oid = d.objoid AND d.objsubid = 0 LEFT JOIN pg_stat_user_tables stat ON c.oid = stat.relid WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'f', 'm') AND n.nspname NOT IN ('information_schema', 'pg_catalog') AND has_table_privilege(c.oid, 'SELECT') AND has_schema_privilege(n.nspname, 'USAGE')`,
    check: (rows) => assert.deepEqual(rows.map((r) => `${String(r.schema)}.${String(r.name)} ${String(r.type)}`), ['main.orders TABLE']),
  },
  { tool: 'Npgsql: type lookup by name', sql: 'SELECT typname, oid, typarray FROM pg_type WHERE typname = ANY($1)', params: [['int4', 'text']], check: (rows) => assert.equal(rows.length, 2) },
  {
    tool: 'postgres.js: array types',
    sql: "select b.oid, b.typarray from pg_catalog.pg_type a left join pg_catalog.pg_type b on b.oid = a.typelem where a.typcategory = 'A' group by b.oid, b.typarray order by b.oid",
    check: (rows) => assert.ok(rows.some((r) => r.oid === Oid.int4 && r.typarray === Oid.int4Array)),
  },
  {
    tool: 'pgjdbc: type name by OID',
    sql: "SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid FROM pg_catalog.pg_type LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r from pg_namespace as ns join ( select s.r, (current_schemas(false))[s.r] as nspname from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r using ( nspname ) ) as sp ON sp.nspoid = typnamespace WHERE pg_type.oid = $1 ORDER BY sp.r, pg_type.oid DESC",
    params: [Oid.int4Array],
    check: (rows) => assert.deepEqual(rows.map((r) => [r.is_array, r.typname]), [[true, '_int4']]),
  },
]

describe('catalog introspection over the emulation (embedded DuckDB)', () => {
  test('the catalog queries tools send answer from the engine metadata', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await client.query('create table orders(id integer not null, customer varchar, total decimal(12,2), created timestamp)')
    for (const q of TOOL_QUERIES) {
      const result = await client.query(q.sql, q.params ?? [])
      q.check?.(result.rows as Array<Record<string, unknown>>)
    }
  })

  test('every type OID QueryFlux sends is in the pg_type it answers', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    const { rows } = await client.query('select oid from pg_catalog.pg_type')
    const answered = new Set(rows.map((r: { oid: number }) => Number(r.oid)))
    for (const type of PG_TYPES) assert.ok(answered.has(type.oid), `${type.name} (${type.oid})`)
  })

  test('a table created through QueryFlux shows up in the next catalog query', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    const before = await client.query("select count(*) as n from pg_catalog.pg_class where relname = 'fresh'")
    assert.equal(Number(before.rows[0].n), 0)
    await client.query('create table fresh(x integer)')
    const after = await client.query("select relname from pg_catalog.pg_class where relname = 'fresh'")
    assert.equal(after.rows.length, 1)
  })
})

describe('catalog queries against a PostgreSQL engine', () => {
  test('go to the engine, which answers them itself', async (t) => {
    const url = (await ensurePostgres()).QF_TEST_POSTGRES_URL!
    const { connect } = await startFrontend(t, {
      service: {
        queryflux: { frontends: {}, adminApi: { enabled: false } },
        clusters: { pg: { engine: 'postgres', endpoint: url, poolSize: 2 } },
        clusterGroups: { pg: { members: ['pg'] } },
        routingFallback: 'pg',
      },
    })
    const client = await connect()
    await client.query('drop table if exists qf_catalog_passthrough')
    await client.query('create table qf_catalog_passthrough(id integer primary key)')
    try {
      // pg_index has rows only on a real PostgreSQL: the emulation keeps it empty.
      const { rows } = await client.query("select i.indisprimary from pg_catalog.pg_index i join pg_catalog.pg_class c on c.oid = i.indrelid where c.relname = 'qf_catalog_passthrough'")
      assert.deepEqual(rows, [{ indisprimary: true }])
    } finally {
      await client.query('drop table if exists qf_catalog_passthrough')
    }
  })
})
