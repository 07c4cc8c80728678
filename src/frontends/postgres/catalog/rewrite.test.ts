import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { rewriteCatalogQuery } from './rewrite.ts'

const oids = {
  relation: (name: string) => ({ pg_class: 1259, t: 123456 } as Record<string, number>)[name],
  type: (name: string) => ({ int4: 23, integer: 23 } as Record<string, number>)[name],
  namespace: (name: string) => ({ main: 777 } as Record<string, number>)[name],
}
const rewrite = (sql: string): string => rewriteCatalogQuery(sql, oids).replace(/\s+/g, ' ').trim()

describe('catalog query rewrite', () => {
  test('drops pg_catalog qualifiers and moves information_schema', () => {
    assert.equal(rewrite('select * from pg_catalog.pg_class c join information_schema.tables t on true'), 'select * from pg_class c join qf_information_schema.tables t on true')
  })

  test("psql's OPERATOR(pg_catalog.~) with COLLATE becomes a regexp search", () => {
    assert.equal(
      rewrite("WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default AND x"),
      "WHERE regexp_matches(c.relname , '^(t)$') AND x",
    )
  })

  test('!~, ~* and !~* keep their meaning', () => {
    assert.equal(rewrite("where n.nspname !~ '^pg_'"), "where NOT regexp_matches(n.nspname , '^pg_')")
    assert.equal(rewrite("where name ~* $1"), "where regexp_matches(name , $1, 'i')")
    assert.equal(rewrite("where a != b"), 'where a != b')
  })

  test('reg* literal casts resolve to OIDs, column casts to names', () => {
    assert.equal(rewrite("d.classoid = 'pg_class'::regclass"), 'd.classoid = 1259')
    assert.equal(rewrite("c.oid = '123456'::pg_catalog.regclass"), 'c.oid = 123456')
    assert.equal(rewrite("typinput = 'pg_catalog.array_in'::regproc"), "typinput = 'array_in'")
    assert.equal(rewrite('select c.oid::pg_catalog.regclass::pg_catalog.text'), 'select qf_regclass_name(c.oid)::text')
    assert.equal(rewrite("select 'int4'::regtype"), 'select 23')
  })

  test('a quoted "Collate" alias is a name, not the COLLATE keyword', () => {
    assert.equal(rewrite('select d.datcollate as "Collate" from x'), 'select d.datcollate as "Collate" from x')
  })

  test('generate_series aliases name the column, as in PostgreSQL', () => {
    assert.equal(rewrite('from generate_series(0, 3) s, t where x = a[s]'), 'from generate_series(0, 3) s(s), t where x = a[s]')
    assert.equal(rewrite('from generate_series(1, 3) as s(r)'), 'from generate_series(1, 3) as s(r)')
  })

  test('parameters are written in as literals; an untyped array in ANY() becomes a list', () => {
    const withParams = (sql: string, params: unknown[]): string => rewriteCatalogQuery(sql, oids, params)
    assert.equal(withParams("where relname like $1 and oid = $2 and x = $3", ["o'k%", 12n, null]), "where relname like 'o''k%' and oid = 12 and x = NULL")
    assert.equal(withParams('where typname = ANY($1)', ['{int4,"te,xt"}']), "where typname = ANY(['int4', 'te,xt'])")
    assert.equal(withParams("select '{a,NULL}'::text[]", []), "select ['a', NULL]::text[]")
  })

  test('strings and comments are never rewritten', () => {
    assert.equal(rewrite("select 'pg_catalog.x ~ y' -- pg_catalog.z"), "select 'pg_catalog.x ~ y' -- pg_catalog.z")
  })
})
