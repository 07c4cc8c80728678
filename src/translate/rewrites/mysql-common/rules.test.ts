// MySQL-source rules checked against MySQL itself: each statement runs on the real MariaDB for
// the expected answer, then is translated and run on in-process DuckDB and the real PostgreSQL
// (set -a; . /tmp/qf-servers/servers.env; set +a). Values are compared as text.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { ErrorCode } from '../../../core/errors.ts'
import type { Dialect } from '../../../core/dialect.ts'
import { translateSql } from '../../translate-sql.ts'
import { mysqlToDuckDbRules } from '../mysql-duckdb/index.ts'
import { mysqlToPostgresRules } from '../mysql-postgres/index.ts'
import { mysqlToTrinoRules } from '../mysql-trino/index.ts'
import { mysqlToClickHouseRules } from '../mysql-clickhouse/index.ts'

const MARIADB = process.env.QF_TEST_MARIADB_URL
const POSTGRES = process.env.QF_TEST_POSTGRES_URL
const servers = MARIADB !== undefined && POSTGRES !== undefined

type Rows = Array<Array<string | null>>
const text = (v: unknown): string | null => v === null || v === undefined ? null : String(v)

function failsWith (sql: string, to: Dialect, pattern: RegExp): void {
  assert.throws(() => translateSql(sql, 'mysql', to), (error: { code?: string, message?: string }) => {
    assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
    assert.match(error.message ?? '', pattern)
    return true
  })
}

describe('MySQL-source rules against real MariaDB, DuckDB and PostgreSQL', { skip: !servers && 'needs the test servers (QF_TEST_MARIADB_URL, QF_TEST_POSTGRES_URL)' }, () => {
  let maria: mysql.Connection
  let postgres: pg.Client
  let duck: DuckDBConnection
  let instance: DuckDBInstance

  before(async () => {
    maria = await mysql.createConnection({ uri: MARIADB!, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true })
    await maria.query("SET time_zone = '+00:00'")
    // Every value as PostgreSQL's text.
    postgres = new pg.Client({ connectionString: POSTGRES!, types: { getTypeParser: () => (value: string) => value } })
    await postgres.connect()
    await postgres.query("SET TIME ZONE 'UTC'")
    instance = await DuckDBInstance.create(':memory:')
    duck = await instance.connect()
  })
  after(async () => {
    await maria?.end()
    await postgres?.end()
    duck?.closeSync()
    instance?.closeSync()
  })

  async function onMariaDb (sql: string): Promise<Rows> {
    const [rows] = await maria.query({ sql, rowsAsArray: true })
    return (rows as unknown[][]).map((row) => row.map(text))
  }
  async function onDuckDb (sql: string): Promise<Rows> {
    const reader = await duck.runAndReadAll(translateSql(sql, 'mysql', 'duckdb').sql)
    return reader.getRows().map((row) => row.map(text))
  }
  async function onPostgres (sql: string): Promise<Rows> {
    const result = await postgres.query({ text: translateSql(sql, 'mysql', 'postgres').sql, rowMode: 'array' })
    return (result.rows as unknown[][]).map((row) => row.map(text))
  }

  /** The same rows as MariaDB on both targets (the statement orders its rows). */
  async function sameAsMysql (sql: string, targets: ReadonlyArray<'duckdb' | 'postgres'> = ['duckdb', 'postgres']): Promise<Rows> {
    const expected = await onMariaDb(sql)
    for (const target of targets) {
      const actual = target === 'duckdb' ? await onDuckDb(sql) : await onPostgres(sql)
      assert.deepEqual(actual, expected, `${target}: ${translateSql(sql, 'mysql', target).sql}`)
    }
    return expected
  }

  test('my-slash-decimal, my-div-integer: / is a decimal with 4 more digits, NULL for 0; DIV truncates', async () => {
    const rows = await sameAsMysql('SELECT 7 / 2, 1 / 0, CAST(10.5 AS DECIMAL(10,2)) / 4, -7 / 3, 7 DIV 2, -7 DIV 2, 7 DIV 0')
    assert.deepEqual(rows, [['3.5000', null, '2.625000', '-2.3333', '3', '-3', null]])
    const types = (await duck.runAndReadAll(translateSql('SELECT 7 / 2', 'mysql', 'duckdb').sql)).columnTypes().map(String)
    assert.deepEqual(types, ['DECIMAL(38,4)'])
  })

  test('my-avg-decimal, my-sum-decimal, my-aggregate-cast-in-window: AVG and SUM in MySQL types, also over a window', async () => {
    const from = 'FROM (SELECT 1 AS x UNION ALL SELECT 2 UNION ALL SELECT 2) t'
    assert.deepEqual(await sameAsMysql(`SELECT AVG(CAST(x AS DECIMAL(10,0))), SUM(x > 1) ${from}`), [['1.6667', '2']])
    await sameAsMysql(`SELECT x, AVG(CAST(x AS DECIMAL(10,0))) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS a ${from} ORDER BY x, a`)
  })

  test('my-dayofweek, my-weekday, my-week-mode, my-date-parts, my-day-month-names', async () => {
    const rows = await sameAsMysql(`SELECT DAYOFWEEK(DATE '2024-01-07'), WEEKDAY(DATE '2024-01-07'), DAYOFWEEK(DATE '2024-01-06'), WEEKDAY(DATE '2024-01-08'),
      WEEK(DATE '2024-01-07', 3), WEEK(DATE '2024-01-07'), WEEK(DATE '2024-01-06'), WEEK(DATE '2024-12-31', 0), WEEK(DATE '2021-01-01', 3),
      YEAR(DATE '2024-03-05'), QUARTER(DATE '2024-03-05'), HOUR(TIMESTAMP '2024-03-05 17:04:05'), DAYNAME(DATE '2024-03-05'), MONTHNAME(DATE '2024-03-05')`)
    assert.deepEqual(rows[0]!.slice(0, 9), ['1', '6', '7', '0', '1', '1', '0', '52', '53'])
  })

  test('my-date-add-interval: whole days, months and years on a date stay a date (end of month clamped)', async () => {
    const rows = await sameAsMysql("SELECT DATE_ADD(DATE '2020-01-31', INTERVAL 1 MONTH), DATE_SUB(DATE '2020-03-31', INTERVAL 1 MONTH), DATE '2020-02-29' + INTERVAL 1 YEAR, DATE '2020-01-01' - INTERVAL 1 DAY")
    assert.deepEqual(rows, [['2020-02-29', '2020-02-29', '2021-02-28', '2019-12-31']])
  })

  test('my-date-format, my-str-to-date, my-timestampdiff, my-unix-timestamp', async () => {
    await sameAsMysql(`SELECT DATE_FORMAT(DATE '2024-03-05', '%Y-%m-%d %W %M %e %j %b %a'), STR_TO_DATE('15/03/1995', '%d/%m/%Y'),
      UNIX_TIMESTAMP(TIMESTAMP '2020-01-01 00:00:01'), UNIX_TIMESTAMP(DATE '2020-01-02')`)
    await sameAsMysql(`SELECT TIMESTAMPDIFF(MONTH, DATE '2020-01-31', DATE '2020-02-29'), TIMESTAMPDIFF(MONTH, DATE '2020-03-15', DATE '2020-01-01'),
      TIMESTAMPDIFF(YEAR, DATE '2019-06-01', DATE '2024-05-31'), TIMESTAMPDIFF(DAY, TIMESTAMP '2020-01-01 12:00:00', TIMESTAMP '2020-03-01 11:00:00'),
      TIMESTAMPDIFF(HOUR, TIMESTAMP '2020-01-01 12:00:00', TIMESTAMP '2020-01-01 09:30:00')`, ['postgres'])
    assert.deepEqual(await onDuckDb("SELECT STR_TO_DATE('31/02/x', '%d/%m/%Y')"), [[null]])
  })

  test('my-substring-index, my-field, my-pad-number, my-concat-null, my-locate, my-if', async () => {
    const rows = await sameAsMysql(`SELECT SUBSTRING_INDEX('a.b.c', '.', 2), SUBSTRING_INDEX('a.b.c', '.', -2), SUBSTRING_INDEX('a.b.c', '.', 5),
      SUBSTRING_INDEX('abc', '.', -1), SUBSTRING_INDEX('a::b::c', '::', -1), FIELD('b', 'a', 'b'), FIELD(NULL, 'a'), LPAD(42, 5, '0'), CONCAT('x', NULL),
      LOCATE('b', 'abc'), INSTR('abc', 'c'), LOCATE('z', 'abc'), IF(2 > 1, 'y', 'n'), IF(0, 'y', 'n')`)
    assert.deepEqual(rows[0]!.slice(0, 6), ['a.b', 'b.c', 'a.b.c', 'abc', 'c', '2'])
  })

  test('my-with-rollup and my-having-alias', async () => {
    const from = "FROM (SELECT 'a' AS g UNION ALL SELECT 'a' UNION ALL SELECT 'b') t"
    await sameAsMysql(`SELECT * FROM (SELECT g, COUNT(*) AS n ${from} GROUP BY g WITH ROLLUP) r ORDER BY n, g`)
    assert.deepEqual(await sameAsMysql(`SELECT g, COUNT(*) AS cnt ${from} GROUP BY g HAVING cnt > 1`, ['postgres']), [['a', '2']])
  })

  test('what cannot be kept is refused', () => {
    failsWith("SELECT WEEK(DATE '2024-01-07', 1)", 'duckdb', /modes 0/)
    failsWith("SELECT DATE_FORMAT(DATE '2024-01-07', CONCAT('%', 'Y'))", 'postgres', /literal format/)
    failsWith("SELECT SUBSTRING_INDEX('a.b', '', 1)", 'trino', /non-empty literal delimiter/)
    failsWith("SELECT TIMESTAMPDIFF(MICROSECOND, DATE '2020-01-01', DATE '2020-01-02')", 'postgres', /microsecond/)
  })
})

test('every MySQL-source rule has a kebab-case name and a reason, and each pair lists a name once', () => {
  for (const rules of [mysqlToDuckDbRules, mysqlToPostgresRules, mysqlToTrinoRules, mysqlToClickHouseRules]) {
    const names = rules.map((r) => r.name)
    assert.equal(new Set(names).size, names.length)
    for (const rule of rules) {
      assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/)
      assert.ok(rule.reason.length > 20, rule.name)
    }
  }
})
