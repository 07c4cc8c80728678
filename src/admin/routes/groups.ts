/** Live cluster groups and clusters: load, queue, health; enable and disable clusters. */
import { errors } from '../../core/errors.ts'
import type { GroupSnapshotLike } from '../../observability/metrics.ts'
import type { Route } from '../http-route.ts'

export interface CapacityView {
  snapshot (): readonly GroupSnapshotLike[]
  setClusterEnabled (cluster: string, enabled: boolean): void
}

export function groupRoutes (capacity: CapacityView): Route[] {
  const findCluster = (name: string): boolean => capacity.snapshot().some((g) => g.clusters.some((c) => c.name === name))
  const toggle = (enabled: boolean): Route['handle'] => ({ params }) => {
    if (!findCluster(params.name!)) return { status: 404, body: { error: { code: 'BAD_REQUEST', message: `no cluster named '${params.name}'` } } }
    capacity.setClusterEnabled(params.name!, enabled)
    return { status: 200, body: { cluster: params.name, enabled } }
  }
  return [
    { method: 'GET', path: '/api/groups', summary: 'Cluster groups with limits, running and queued counts, and their clusters', handle: () => ({ status: 200, body: { groups: capacity.snapshot() } }) },
    {
      method: 'GET',
      path: '/api/clusters',
      summary: 'Every cluster with its group, load, health and enabled flag',
      handle: () => ({ status: 200, body: { clusters: capacity.snapshot().flatMap((g) => g.clusters.map((c) => ({ group: g.name, ...c }))) } }),
    },
    { method: 'POST', path: '/api/clusters/{name}/enable', summary: 'Let the cluster receive queries again', handle: toggle(true) },
    { method: 'POST', path: '/api/clusters/{name}/disable', summary: 'Stop sending new queries to the cluster (running ones finish)', handle: toggle(false) },
    {
      method: 'PATCH',
      path: '/api/clusters/{name}',
      summary: 'Change a cluster at runtime: body { "enabled": boolean }',
      handle: async (ctx) => {
        const body = await ctx.json() as { enabled?: unknown }
        if (typeof body.enabled !== 'boolean') throw errors.badRequest('body must be { "enabled": true|false }')
        return await toggle(body.enabled)(ctx)
      },
    },
  ]
}
