import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Parser } from 'pg-protocol/dist/parser.js'
import { T } from '../../core/logical-type.ts'
import { copyHeader, copyRowWriter, parseCopyStatement } from './copy-out.ts'
import { Writer } from './codec/writer.ts'

function lines (sql: string, rows: unknown[][]): string {
  const statement = parseCopyStatement(sql)!
  const columns = [{ name: 'a', type: T.integer }, { name: 'b', type: T.varchar }]
  const w = new Writer()
  const write = copyRowWriter(columns, statement.options, { timeZone: 'UTC' })
  for (const row of rows) write(w, row)
  let out = copyHeader(columns, statement.options) ?? ''
  new Parser().parse(w.take(), (m) => { out += (m as unknown as { chunk: Buffer }).chunk.toString() })
  return out
}

describe('COPY TO STDOUT', () => {
  test('parses the query, a table with columns, and both option syntaxes', () => {
    assert.deepEqual(parseCopyStatement('COPY (select 1) TO STDOUT WITH (FORMAT csv, HEADER true, DELIMITER \';\')'),
      { query: 'select 1', options: { format: 'csv', delimiter: ';', header: true, null: '', quote: '"', escape: '"' } })
    assert.equal(parseCopyStatement('copy public.t (a, b) to stdout with csv header')?.query, 'SELECT a, b FROM public.t')
    assert.equal(parseCopyStatement('select 1'), undefined)
    assert.throws(() => parseCopyStatement('copy t from stdin'), /COPY FROM is not supported/)
    assert.throws(() => parseCopyStatement('copy t to stdout (format binary)'), /binary COPY/)
    assert.throws(() => parseCopyStatement("copy t to '/tmp/x'"), /TO STDOUT only/)
  })

  test('text format escapes backslash, tab, newline and writes \\N for NULL', () => {
    assert.equal(lines('copy (q) to stdout', [[1, 'a\tb\\c\nd'], [null, '']]), '1\ta\\tb\\\\c\\nd\n\\N\t\n')
  })

  test('csv quotes fields with the delimiter, quotes or newlines, and empty strings', () => {
    assert.equal(lines('copy (q) to stdout with csv header', [[1, 'x,y'], [2, 'say "hi"'], [3, ''], [null, null]]),
      'a,b\n1,"x,y"\n2,"say ""hi"""\n3,""\n,\n')
  })
})
