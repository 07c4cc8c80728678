import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { loadQueries, parseQueryFile } from './query-file.ts'
import { missingCapability } from './runner.ts'

describe('corpus query files', () => {
  test('-- requires: lists capabilities; an unknown one is refused', () => {
    const [q] = parseQueryFile('-- name: a\n-- feature: x\n-- ordered: no\n-- requires: arrays\nSELECT 1;\n', 'trino', 'f.sql')
    assert.deepEqual(q?.requires, ['arrays'])
    const [plain] = parseQueryFile('-- name: b\n-- feature: x\n-- ordered: no\nSELECT 1\n', 'trino', 'f.sql')
    assert.deepEqual(plain?.requires, [])
    assert.throws(() => parseQueryFile('-- name: c\n-- feature: x\n-- ordered: no\n-- requires: maps\nSELECT 1\n', 'trino', 'f.sql'), /known capabilities: arrays/)
  })

  test('array queries are not applicable on MariaDB only, and every query reading an array column says so', () => {
    assert.match(missingCapability('mysql', 'arrays') ?? '', /no array type/)
    for (const engine of ['trino', 'postgres', 'duckdb', 'clickhouse'] as const) assert.equal(missingCapability(engine, 'arrays'), undefined)
    // The corpus's array columns are edge_cases.tags and edge_cases.scores; a query reading them must declare it.
    for (const dialect of ['trino', 'postgres', 'mysql'] as const) {
      for (const query of loadQueries(dialect)) {
        if (/\b(tags|scores)\b/.test(query.sql)) assert.ok(query.requires.includes('arrays'), `${query.id} reads an array column without '-- requires: arrays'`)
      }
    }
  })
})
