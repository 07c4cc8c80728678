// Expected values are Trino's, from https://trino.io/docs/current/functions/datetime.html;
// each statement runs on a real DuckDB.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ErrorCode } from '../../../core/errors.ts'
import { openDuckDb } from '../duckdb-fixture.ts'
import type { DuckDbFixture } from '../duckdb-fixture.ts'
import { translateSql } from '../../translate-sql.ts'

function failsWith (sql: string, pattern: RegExp): void {
  assert.throws(() => translateSql(sql, 'trino', 'duckdb'), (error: { code?: string, message?: string }) => {
    assert.equal(error.code, ErrorCode.TRANSLATION_FAILED)
    assert.match(error.message ?? '', pattern)
    return true
  })
}

describe('trino → duckdb date/time rewrites on real DuckDB', () => {
  let db: DuckDbFixture
  before(async () => { db = await openDuckDb() })
  after(() => db.close())

  test('date-diff-whole-units: counts whole units elapsed, not boundaries crossed', async () => {
    const r = await db.run(`SELECT
      date_diff('day', TIMESTAMP '2024-01-01 23:00:00', TIMESTAMP '2024-01-02 01:00:00'),
      date_diff('hour', TIMESTAMP '2024-01-01 10:30:00', TIMESTAMP '2024-01-01 12:29:00'),
      date_diff('day', DATE '2024-01-01', DATE '2024-03-01'),
      date_diff('month', DATE '2024-01-15', DATE '2024-02-14'),
      date_diff('day', TIMESTAMP '2024-01-02 01:00:00', TIMESTAMP '2024-01-01 23:00:00')`)
    assert.deepEqual(r.row, [0, 1, 60, 0, 0])
    assert.ok(r.rewrites.includes('date-diff-whole-units'))
  })

  test('date-plus-interval-stays-date: date ± day/month interval is a date', async () => {
    const r = await db.run(`SELECT DATE '2024-01-31' + INTERVAL '1' DAY, DATE '2024-01-31' - INTERVAL '1' MONTH,
      INTERVAL '1' YEAR + DATE '2024-02-29', TIMESTAMP '2024-01-31 10:00:00' + INTERVAL '1' DAY`)
    assert.deepEqual(r.row, ['2024-02-01', '2023-12-31', '2025-02-28', '2024-02-01 10:00:00'])
    assert.deepEqual(r.types, ['DATE', 'DATE', 'DATE', 'TIMESTAMP'])
  })

  test('date-add-stays-date: date_add on a date gives a date, on a timestamp a timestamp', async () => {
    const r = await db.run(`SELECT date_add('day', 3, DATE '2024-01-30'), date_add('month', 1, DATE '2024-01-31'),
      date_add('hour', 5, TIMESTAMP '2024-01-30 22:00:00')`)
    assert.deepEqual(r.row, ['2024-02-02', '2024-02-29', '2024-01-31 03:00:00'])
    assert.deepEqual(r.types, ['DATE', 'DATE', 'TIMESTAMP'])
  })

  test('date rules see through each other: nested date_add and date_trunc of date arithmetic stay dates', async () => {
    const r = await db.run("SELECT date_add('day', 1, date_add('month', 1, DATE '2024-01-31')), date_trunc('month', DATE '2024-01-31' + INTERVAL '1' DAY)")
    assert.deepEqual(r.row, ['2024-03-01', '2024-02-01'])
    assert.deepEqual(r.types, ['DATE', 'DATE'])
  })

  test('date-trunc-stays-date: date_trunc on a date gives a date', async () => {
    const r = await db.run("SELECT date_trunc('month', DATE '2024-01-31'), date_trunc('hour', TIMESTAMP '2024-01-31 10:45:00')")
    assert.deepEqual(r.row, ['2024-01-01', '2024-01-31 10:00:00'])
    assert.deepEqual(r.types, ['DATE', 'TIMESTAMP'])
  })

  test('date-format-specifiers: MySQL specifiers print as in Trino', async () => {
    const r = await db.run(`SELECT date_format(ts, '%Y-%m-%d %H:%i:%s'), date_format(ts, '%M %e, %Y %r'),
      date_format(ts, '%W %a %b %c %j %k %l %p %T %y %f %%') FROM (VALUES TIMESTAMP '2024-01-05 13:04:05') AS t(ts)`)
    assert.deepEqual(r.row, ['2024-01-05 13:04:05', 'January 5, 2024 01:04:05 PM', 'Friday Fri Jan 1 005 13 1 PM 13:04:05 24 000000 %'])
  })

  test('date-format-specifiers: date_parse reads MySQL specifiers', async () => {
    const r = await db.run("SELECT date_parse('2024-01-05 13:04', '%Y-%m-%d %H:%i')")
    assert.deepEqual(r.row, ['2024-01-05 13:04:00'])
    assert.deepEqual(r.types, ['TIMESTAMP'])
  })

  test('date-format-specifiers: a computed format or one Trino rejects fails', () => {
    failsWith("SELECT date_format(ts, fmt) FROM t", /literal format string/)
    failsWith("SELECT date_format(ts, '%D') FROM t", /%D/)
  })

  test('iso-week-fields: year_of_week, yow, day_of_week and dow are ISO', async () => {
    const r = await db.run("SELECT year_of_week(DATE '2021-01-01'), yow(DATE '2021-01-01'), day_of_week(DATE '2024-01-07'), dow(DATE '2024-01-07')")
    assert.deepEqual(r.row, [2020, 2020, 7, 7])
  })

  test('extract-iso-fields: EXTRACT(DOW / DAY_OF_WEEK / YEAR_OF_WEEK) are ISO', async () => {
    const r = await db.run("SELECT EXTRACT(DOW FROM DATE '2024-01-07'), EXTRACT(DAY_OF_WEEK FROM DATE '2024-01-07'), EXTRACT(YEAR_OF_WEEK FROM DATE '2021-01-01'), EXTRACT(DOY FROM DATE '2024-02-01')")
    assert.deepEqual(r.row, [7, 7, 2020, 32])
  })

  test('to_unixtime and from_unixtime need no rewrite', async () => {
    const r = await db.run("SELECT to_unixtime(TIMESTAMP '2024-01-01 00:00:00'), to_unixtime(from_unixtime(1700000000))")
    assert.deepEqual(r.row, [1704067200, 1700000000])
    assert.deepEqual(r.types, ['DOUBLE', 'DOUBLE'])
  })

  test('date rules on columns of unknown type: a date column stays a date, a timestamp column a timestamp', async () => {
    await db.exec("CREATE TABLE IF NOT EXISTS dt AS SELECT DATE '2024-01-31' AS d, TIMESTAMP '2024-01-31 10:30:00' AS ts")
    const r = await db.run(`SELECT date_trunc('month', d), date_trunc('week', ts), d + INTERVAL '30' DAY, ts - INTERVAL '1' MONTH,
      date_add('week', -2, d), date_add('quarter', 1, d), date_add('day', 1, ts), date_add('hour', 1, ts) FROM dt`)
    assert.deepEqual(r.row, ['2024-01-01', '2024-01-29 00:00:00', '2024-03-01', '2023-12-31 10:30:00', '2024-01-17', '2024-04-30', '2024-02-01 10:30:00', '2024-01-31 11:30:00'])
    assert.deepEqual(r.types, ['DATE', 'TIMESTAMP', 'DATE', 'TIMESTAMP', 'DATE', 'DATE', 'TIMESTAMP', 'TIMESTAMP'])
  })
})
