import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { TsvLineReader, splitFields, unescapeField } from './tsv-reader.ts'

const BODY = Buffer.from('a\tb\nString\tString\nnaïve ☃\t\\N\nx\\ty\\\\z\t\\n\n', 'utf8')
const LINES = ['a\tb', 'String\tString', 'naïve ☃\t\\N', 'x\\ty\\\\z\t\\n']

function readAll (chunks: Buffer[]): string[] {
  const reader = new TsvLineReader()
  return chunks.flatMap((chunk) => reader.push(chunk))
}

test('reads the same lines whole and split at every byte (inside UTF-8 characters and escapes too)', () => {
  assert.deepEqual(readAll([BODY]), LINES)
  for (let at = 0; at <= BODY.length; at++) {
    assert.deepEqual(readAll([BODY.subarray(0, at), BODY.subarray(at)]), LINES, `split at ${at}`)
  }
})

test('reads the same lines for any chunking', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: BODY.length }), { maxLength: 8 }), (cuts) => {
    const points = [...new Set(cuts)].sort((a, b) => a - b)
    const chunks: Buffer[] = []
    let start = 0
    for (const p of points) { chunks.push(BODY.subarray(start, p)); start = p }
    chunks.push(BODY.subarray(start))
    assert.deepEqual(readAll(chunks), LINES)
  }))
})

test('keeps an unfinished last line as the remainder', () => {
  const reader = new TsvLineReader()
  assert.deepEqual(reader.push(Buffer.from('1\t2\nCode: 60')), ['1\t2'])
  assert.equal(reader.remainder, 'Code: 60')
})

test('refuses a row longer than its cap', () => {
  const reader = new TsvLineReader(8)
  assert.throws(() => reader.push(Buffer.from('0123456789')), { code: 'INTERNAL_ERROR' })
})

test('unescapes TSV fields; \\N alone is NULL', () => {
  assert.deepEqual(splitFields('a\t\tb'), ['a', '', 'b'])
  assert.equal(unescapeField('\\N'), null)
  assert.equal(unescapeField('\\\\N'), '\\N')
  assert.equal(unescapeField("a\\tb\\nc\\\\d\\'e\\0"), "a\tb\nc\\d'e\0")
})
