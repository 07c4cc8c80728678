/**
 * docs/configuration.md is generated from the config schema (scripts/gen-config-docs.ts). This
 * fails when the committed file differs from what the generator produces now, so a schema change
 * cannot land without its documentation: run `node scripts/gen-config-docs.ts` and commit.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { DOC_PATH, renderConfigDocs } from '../../scripts/gen-config-docs.ts'

test('docs/configuration.md is what scripts/gen-config-docs.ts generates from the schema', () => {
  const committed = readFileSync(DOC_PATH, 'utf8')
  const generated = renderConfigDocs()
  if (committed === generated) return
  const a = committed.split('\n')
  const b = generated.split('\n')
  const line = a.findIndex((text, i) => text !== b[i])
  assert.fail(`docs/configuration.md is out of date (first difference at line ${line + 1}:\n` +
    `  committed: ${a[line] ?? '<end of file>'}\n  generated: ${b[line] ?? '<end of file>'}\n` +
    'run `node scripts/gen-config-docs.ts` and commit the result')
})

test('the configuration reference documents every top-level section', () => {
  const doc = renderConfigDocs()
  for (const section of ['queryflux', 'clusters', 'clusterGroups', 'routers', 'routingFallback', 'translation', 'auth']) {
    assert.ok(doc.includes(`## \`${section}\``), `no section for ${section}`)
  }
  assert.ok(doc.includes('`clusterGroups.<name>.maxRunningQueries` | integer > 0 | `100` |'))
})
