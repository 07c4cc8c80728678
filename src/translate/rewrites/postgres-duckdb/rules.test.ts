// PostgreSQL → DuckDB rules checked against PostgreSQL itself: each statement runs on the real
// PostgreSQL for the expected answer (set -a; . /tmp/qf-servers/servers.env; set +a), then is
// translated and run on in-process DuckDB. Values are compared as numbers or text.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import pg from 'pg'
import { ErrorCode } from '../../../core/errors.ts'
import { translateSql } from '../../translate-sql.ts'
import { postgresToDuckDbRules } from './index.ts'

const POSTGRES = process.env.QF_TEST_POSTGRES_URL

type Rows = Array<Array<string | null>>
/** Numbers as numbers rounded to 10 digits (decimals and doubles print differently), the rest as text. */
const norm = (v: unknown): string | null => {
  if (v === null || v === undefined) return null
  const s = String(v)
  return /^-?\d+(\.\d+)?$/.test(s) ? String(Number(Number(s).toFixed(10))) : s.replace(/\+00(:00)?$/, '+00')
}

describe('PostgreSQL → DuckDB rules against real PostgreSQL', { skip: POSTGRES === undefined && 'needs the test servers (QF_TEST_POSTGRES_URL)' }, () => {
  let postgres: pg.Client
  let duck: DuckDBConnection
  let instance: DuckDBInstance

  before(async () => {
    postgres = new pg.Client({ connectionString: POSTGRES!, types: { getTypeParser: () => (value: string) => value } })
    await postgres.connect()
    await postgres.query("SET TIME ZONE 'UTC'")
    instance = await DuckDBInstance.create(':memory:')
    duck = await instance.connect()
  })
  after(async () => {
    await postgres?.end()
    duck?.closeSync()
    instance?.closeSync()
  })

  async function compare (sql: string): Promise<{ rows: Rows, types: string[] }> {
    const expected = (await postgres.query({ text: sql, rowMode: 'array' })).rows as unknown[][]
    const translated = translateSql(sql, 'postgres', 'duckdb').sql
    const reader = await duck.runAndReadAll(translated)
    const actual = reader.getRows().map((row) => row.map(norm))
    assert.deepEqual(actual, expected.map((row) => row.map(norm)), translated)
    return { rows: actual, types: reader.columnTypes().map(String) }
  }

  test('pgd-integer-division, pgd-numeric-division, pgd-unconstrained-numeric', async () => {
    const r = await compare("SELECT 7 / 2, -7 / 2, 7::numeric / 4, '12.345678'::numeric, 1::numeric / 3")
    assert.deepEqual(r.types.slice(0, 2), ['INTEGER', 'INTEGER'])
    assert.match(r.types[2]!, /^DECIMAL/)
  })

  test('pgd-extract-numeric, pgd-date-part-double, pgd-date-trunc-date', async () => {
    const r = await compare("SELECT extract(year FROM date '2024-03-05'), extract(isodow FROM date '2024-03-10'), date_part('dow', date '2024-03-10'), date_trunc('month', date '2024-03-05')")
    assert.deepEqual(r.types, ['DECIMAL(38,10)', 'DECIMAL(38,10)', 'DOUBLE', 'TIMESTAMP WITH TIME ZONE'])
  })

  test('pgd-avg-numeric, pgd-stddev-numeric, pgd-aggregate-cast-in-window, pgd-percentile-cont-double', async () => {
    const from = 'FROM (VALUES (1), (2), (2), (7)) AS t(x)'
    const r = await compare(`SELECT avg(x::int), round(stddev(x::int), 4), round(var_pop(x::numeric), 2), percentile_cont(0.25) WITHIN GROUP (ORDER BY x::numeric), percentile_cont(0.25) WITHIN GROUP (ORDER BY x DESC) ${from}`)
    assert.deepEqual(r.types.slice(0, 4), ['DECIMAL(38,10)', 'DECIMAL(38,4)', 'DECIMAL(38,2)', 'DOUBLE'])
    await compare(`SELECT x, avg(x::int) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ${from} ORDER BY 1, 2`)
  })

  test('pgd-to-char, pgd-initcap, pgd-array-length-empty, pgd-generate-series-column', async () => {
    await compare("SELECT to_char(date '2024-03-05', 'YYYY-MM-DD FMMonth Dy'), initcap('hello wORLD-foo bar2baz 3x'), array_length(ARRAY[]::int[], 1), array_length(ARRAY[1, 2], 1)")
    await compare("SELECT d::date, count(*) FROM generate_series(date '2024-01-01', date '2024-01-03', interval '1 day') AS d GROUP BY 1 ORDER BY 1")
  })

  test('to_char of a number or a pattern without a DuckDB equivalent is refused', () => {
    for (const [sql, pattern] of [["SELECT to_char(12.5, '999.9')", /number/], ["SELECT to_char(date '2024-01-01', 'Q')", /pattern/]] as const) {
      assert.throws(() => translateSql(sql, 'postgres', 'duckdb'), (error: { code?: string, message?: string }) => {
        assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
        assert.match(error.message ?? '', pattern)
        return true
      })
    }
  })
})

test('every PostgreSQL → DuckDB rule has a kebab-case name and a reason', () => {
  for (const rule of postgresToDuckDbRules) {
    assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/)
    assert.ok(rule.reason.length > 20, rule.name)
  }
})
