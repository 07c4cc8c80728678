/** docs/metrics.md and the Grafana dashboard name only metrics that src/observability/metrics.ts defines, and the doc lists them all. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const source = readFileSync(resolve(root, 'src/observability/metrics.ts'), 'utf8')
const defined = new Set([...source.matchAll(/name: '(queryflux_[a-z_]+)'/g)].map((m) => m[1]!))

test('every defined metric is documented and every documented metric is defined', () => {
  assert.ok(defined.size >= 10)
  const doc = readFileSync(resolve(root, 'docs/metrics.md'), 'utf8')
  const documented = new Set([...doc.matchAll(/^\| `(queryflux_[a-z_]+)`/gm)].map((m) => m[1]!))
  assert.deepEqual([...documented].sort(), [...defined].sort())
})

test('the Grafana dashboard is valid JSON and queries only defined metrics', () => {
  const dashboard = JSON.parse(readFileSync(resolve(root, 'deploy/grafana/queryflux-dashboard.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> }
  const used = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/queryflux_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''))))
  assert.ok(used.length > 0)
  for (const name of used) assert.ok(defined.has(name), `dashboard uses undefined metric ${name}`)
})
