/** The top-level `health:` config reaches the capacity manager: thresholds and interval apply to real clusters. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createTestQueryService } from '../../harness/query-service.ts'

test('health.checkIntervalMs and health.unhealthyThreshold from config drive the active checks', async () => {
  await using qf = await createTestQueryService({
    config: {
      queryflux: { adminApi: { enabled: false } },
      clusters: { duckdb: { engine: 'duckDb' } },
      clusterGroups: { default: { members: ['duckdb'] } },
      routingFallback: 'default',
      health: { checkIntervalMs: 25, checkTimeoutMs: 10_000, unhealthyThreshold: 1, healthyThreshold: 1 },
    },
  })
  const cluster = (): { healthy: boolean, lastCheckAt: unknown } => qf.capacity.snapshot()[0]!.clusters[0]! as unknown as { healthy: boolean, lastCheckAt: unknown }
  const waitFor = async (predicate: () => boolean): Promise<void> => {
    for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((r) => setTimeout(r, 10))
    assert.ok(predicate(), 'condition not reached within 10 s')
  }
  await waitFor(() => cluster().lastCheckAt !== null && cluster().lastCheckAt !== undefined)
  assert.equal(cluster().healthy, true)
  await qf.capacity.pickCluster('default').adapter.close()
  // One failed check is enough with unhealthyThreshold 1; the default (3) would take three.
  await waitFor(() => !cluster().healthy)
  const refused = await qf.service.submit({ sql: 'SELECT 1', session: { user: 'u', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {} } }).result.then(() => undefined, (e: { code: string }) => e.code)
  assert.equal(refused, 'ENGINE_UNAVAILABLE')
})
