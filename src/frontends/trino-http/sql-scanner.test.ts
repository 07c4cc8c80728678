import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { likeToRegExp, scanSql, TokenCursor } from './sql-scanner.ts'

const kinds = (sql: string): string[] => scanSql(sql).map((t) => `${t.kind}:${t.value}`)

test('strings, quoted identifiers and comments hide keywords, placeholders and semicolons', () => {
  assert.deepEqual(kinds(`SELECT 'it''s ? ;' , "a""b" -- USING ?\n/* ? */ ?`), [
    'word:SELECT', "string:it's ? ;", 'punct:,', 'quoted:a"b', 'punct:?',
  ])
})

test('binary, unicode and numeric literals keep their text', () => {
  assert.deepEqual(kinds(`X'0a FF' U&'x' 1.5e-3 .5 42`), ['binary:0aFF', 'string:x', 'number:1.5e-3', 'number:.5', 'number:42'])
})

test('two-character operators are one token', () => {
  assert.deepEqual(kinds('a <> b != c <= d >= e || f'), ['word:a', 'punct:<>', 'word:b', 'punct:!=', 'word:c', 'punct:<=', 'word:d', 'punct:>=', 'word:e', 'punct:||', 'word:f'])
})

test('an unterminated string runs to the end and says so', () => {
  const [token] = scanSql(`'abc`)
  assert.equal(token?.unterminated, true)
  assert.equal(token?.value, 'abc')
})

test('the cursor drops trailing semicolons and gives the rest of a statement verbatim', () => {
  const c = new TokenCursor('PREPARE s FROM SELECT  ? -- x\n;;')
  assert.ok(c.tryWords('PREPARE'))
  c.identifier()
  assert.ok(c.tryWords('FROM'))
  assert.equal(c.rest(), 'SELECT  ?')
})

test('LIKE patterns: %, _ and the escape character', () => {
  assert.ok(likeToRegExp('a%').test('abc'))
  assert.ok(likeToRegExp('a_c').test('abc'))
  assert.ok(!likeToRegExp('a\\_c', '\\').test('abc'))
  assert.ok(likeToRegExp('a\\_c', '\\').test('a_c'))
  assert.ok(likeToRegExp('(x).*').test('(x).*'))
  assert.throws(() => likeToRegExp('a\\', '\\'), /Escape character/)
})

test('scanning never throws and tokens are ordered and inside the text', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', "'", '"', '-', '/', '*', ' ', '?', '1', '.', 'e', 'X', '\n', ';', 'é') }), (sql) => {
    let last = 0
    for (const token of scanSql(sql)) {
      assert.ok(token.start >= last && token.end > token.start && token.end <= sql.length)
      last = token.end
    }
  }), { numRuns: 2000 })
})
