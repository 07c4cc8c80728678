import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { isEmptyQuery, leadingKeywords, maxParameterIndex, parameterCasts, splitStatements, tokenize } from './sql-text.ts'

describe('splitStatements', () => {
  test('splits on semicolons outside strings, identifiers, dollar quotes and comments, dropping leading comments', () => {
    const sql = `select 'a;b', "x;y", $$c;d$$, $t$e;$$f$t$; -- g;h
      /* i; /* nested; */ j; */ select E'k\\';l' ;; select 2`
    assert.deepEqual(splitStatements(sql), [`select 'a;b', "x;y", $$c;d$$, $t$e;$$f$t$`, `select E'k\\';l'`, 'select 2'])
  })

  test('empty and comment-only strings have no statements', () => {
    assert.deepEqual(splitStatements(''), [])
    assert.deepEqual(splitStatements(' ; -- nothing\n;'), [])
    assert.ok(isEmptyQuery('  /* c */ ;'))
    assert.ok(!isEmptyQuery('select 1'))
  })

  test('property: never throws and every piece is a substring', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (sql) => {
      for (const piece of splitStatements(sql)) assert.ok(sql.includes(piece))
    }), { numRuns: 2000 })
  })
})

describe('keywords and parameters', () => {
  test('leading keywords skip comments and an opening parenthesis', () => {
    assert.deepEqual(leadingKeywords('/* hi */ (select 1)', 2), ['SELECT'])
    assert.deepEqual(leadingKeywords('create  or replace view v as select 1', 4), ['CREATE', 'OR', 'REPLACE', 'VIEW'])
  })

  test('finds parameters but not $ inside strings or dollar quotes', () => {
    assert.equal(maxParameterIndex("select $1, '$9', $$ $8 $$, $12"), 12)
    assert.equal(maxParameterIndex('select 1'), 0)
  })

  test('reads casts written on parameters', () => {
    const casts = parameterCasts('select $1::int, $2::timestamp with time zone, cast($3 as varchar(10)), $4::text[], $5::pg_catalog.int8, $6 + 1')
    assert.deepEqual([...casts.entries()], [[1, 'int'], [2, 'timestamp with time zone'], [3, 'varchar'], [4, 'text[]'], [5, 'pg_catalog.int8']])
  })

  test('tokenizes E-strings with escapes and quoted identifiers with doubled quotes', () => {
    const tokens = tokenize(`E'a\\nb' "x""y" 'it''s'`)
    assert.deepEqual(tokens.map((t) => [t.type, t.text]), [['string', 'a\nb'], ['identifier', 'x"y'], ['string', "it's"]])
  })
})
