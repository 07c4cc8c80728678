import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { trinoToDuckDbRules } from './trino-duckdb/index.ts'

test('docs/translation.md lists every Trino → DuckDB rewrite rule, and no other', () => {
  const doc = readFileSync(new URL('../../../docs/translation.md', import.meta.url), 'utf8')
  const section = doc.slice(doc.indexOf('### Trino → DuckDB rules'), doc.indexOf('## How it is chosen'))
  const documented = new Set([...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]))
  const names = new Set(trinoToDuckDbRules.map((rule) => rule.name))
  assert.deepEqual([...names].filter((name) => !documented.has(name)), [], 'rules missing from docs/translation.md')
  assert.deepEqual([...documented].filter((name) => name !== undefined && !names.has(name)), [], 'documented rules that do not exist')
})

test('every rule has a kebab-case name and a reason', () => {
  for (const rule of trinoToDuckDbRules) {
    assert.match(rule.name, /^[a-z0-9]+(-[a-z0-9]+)*$/)
    assert.ok(rule.reason.length > 20, rule.name)
  }
})
