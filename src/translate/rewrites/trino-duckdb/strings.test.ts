// Expected values are Trino's, from https://trino.io/docs/current/functions/string.html,
// .../json.html, .../binary.html, .../conditional.html and .../aggregate.html; each statement
// runs on a real DuckDB.
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

describe('trino → duckdb string, JSON and binary rewrites on real DuckDB', () => {
  let db: DuckDbFixture
  before(async () => { db = await openDuckDb() })
  after(() => db.close())

  test('concat-null: any NULL argument gives NULL; arrays concatenate', async () => {
    const r = await db.run("SELECT concat('a', NULL), concat('a', 'b', 'c'), concat(ARRAY[1], ARRAY[2])")
    assert.deepEqual(r.row, [null, 'abc', [1, 2]])
  })

  test('json-extract-scalar: scalars as text, NULL for objects, arrays and missing paths', async () => {
    const r = await db.run(`SELECT json_extract_scalar(j, '$.a'), json_extract_scalar(j, '$.b'), json_extract_scalar(j, '$.s'),
      json_extract_scalar(j, '$.z'), json_extract_scalar(j, '$.l') FROM (VALUES '{"a":1,"b":{"c":2},"s":"x","l":[1]}') AS t(j)`)
    assert.deepEqual(r.row, ['1', null, 'x', null, null])
  })

  test('strpos-instance: the n-th occurrence form fails; the plain form needs no rewrite', async () => {
    failsWith("SELECT strpos('hello', 'l', 2)", /instance argument/)
    const r = await db.run("SELECT strpos('hello', 'l'), strpos('hello', 'z')")
    assert.deepEqual(r.row, [3, 0])
  })

  test('hashes-are-varbinary and to-hex-uppercase: to_hex(md5(…)) is the upper-case digest', async () => {
    const r = await db.run("SELECT to_hex(md5(to_utf8('a'))), to_hex(sha256(to_utf8('abc'))), to_hex(to_utf8('z')), md5(to_utf8('a'))")
    assert.deepEqual(r.row, [
      '0CC175B9C0F1B6A831C399E269772661',
      'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD',
      '7A',
      String.raw`\x0C\xC1u\xB9\xC0\xF1\xB6\xA81\xC3\x99\xE2iw&a`,
    ])
    assert.deepEqual(r.types, ['VARCHAR', 'VARCHAR', 'VARCHAR', 'BLOB'])
  })

  test('function-renames: levenshtein_distance, codepoint, json_parse, is_finite, is_infinite', async () => {
    const r = await db.run("SELECT levenshtein_distance('kitten', 'sitting'), codepoint('A'), CAST(json_parse('{\"a\": 1}') AS VARCHAR), is_finite(1E0), is_infinite(infinity())")
    assert.deepEqual(r.row, [3, 65, '{"a":1}', true, true])
  })

  test('format-printf: %s and %d print as in Trino; other specifiers fail', async () => {
    const r = await db.run("SELECT format('%s-%d', 'a', 5), format('100%%')")
    assert.deepEqual(r.row, ['a-5', '100%'])
    failsWith("SELECT format('%.2f', 1.5E0)", /%\.2/)
  })

  test('approx-percentile: the median of 1, 2, 3 is 2; the weighted form fails', async () => {
    const r = await db.run('SELECT approx_percentile(x, 0.5) FROM (VALUES 1, 2, 3) AS t(x)')
    assert.deepEqual(r.row, [2])
    failsWith('SELECT approx_percentile(x, 2, 0.5) FROM t', /weights/)
  })

  test('known-unsupported: typeof, format_datetime and reduce fail with the reason', () => {
    failsWith('SELECT typeof(1)', /typeof\(\) has no DuckDB equivalent/)
    failsWith("SELECT format_datetime(ts, 'yyyy') FROM t", /Joda/)
    failsWith('SELECT reduce(a, 0, (s, x) -> s + x, s -> s) FROM t', /reduce/)
    failsWith("SELECT from_unixtime(1700000000, 'America/New_York')", /from_unixtime/)
    failsWith("SELECT split('a,b,c', ',', 2)", /split/)
    assert.doesNotThrow(() => translateSql("SELECT from_unixtime(1700000000), split('a,b', ',')", 'trino', 'duckdb'))
  })

  test('functions polyglot already maps keep Trino\'s answer (regexp_*, if, try, arbitrary, approx_distinct, split)', async () => {
    const r = await db.run(`SELECT regexp_like('abc', 'b'), regexp_replace('aaa', 'a', 'b'), regexp_replace('abc', '(b)', '[$1]'),
      regexp_extract('abc', 'z'), regexp_extract('abc', '(b)(c)', 2), if(1 < 0, 'x'), try(CAST('x' AS INTEGER)),
      arbitrary(x), approx_distinct(x), split('a,b', ',') FROM (VALUES 5) AS t(x)`)
    assert.deepEqual(r.row, [true, 'bbb', 'a[b]c', null, 'c', null, null, 5, 1, ['a', 'b']])
  })
})
