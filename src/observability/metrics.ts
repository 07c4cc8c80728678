/**
 * Prometheus metrics, `queryflux_*`. Subscribes to QueryEvents (the hot path only publishes)
 * and reads live capacity state at scrape time. Label values are bounded: outcome is
 * 'success' or an ErrorCode; group/cluster/protocol come from config.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { QueryEvents } from './query-events.ts'

/** The part of the capacity snapshot metrics read (capacity/ provides at least this). */
export interface GroupSnapshotLike {
  readonly name: string
  readonly running: number
  readonly queued: number
  readonly clusters: ReadonlyArray<{ readonly name: string, readonly running: number, readonly healthy: boolean, readonly enabled: boolean }>
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900]

export class Metrics {
  readonly registry = new Registry()
  readonly #unsubscribe: Array<() => void> = []

  constructor (options: { events: QueryEvents, capacitySnapshot: () => readonly GroupSnapshotLike[] }) {
    const { events, capacitySnapshot } = options
    const r = this.registry
    collectDefaultMetrics({ register: r, prefix: 'queryflux_' })

    new Gauge({
      name: 'queryflux_queued_queries', help: 'Queries waiting in a cluster group queue', labelNames: ['group'], registers: [r],
      collect () { this.reset(); for (const g of capacitySnapshot()) this.set({ group: g.name }, g.queued) },
    })
    new Gauge({
      name: 'queryflux_running_queries', help: 'Queries running on a cluster', labelNames: ['group', 'cluster'], registers: [r],
      collect () { this.reset(); for (const g of capacitySnapshot()) for (const c of g.clusters) this.set({ group: g.name, cluster: c.name }, c.running) },
    })
    new Gauge({
      name: 'queryflux_cluster_healthy', help: '1 when the cluster is healthy and enabled, else 0', labelNames: ['group', 'cluster'], registers: [r],
      collect () { this.reset(); for (const g of capacitySnapshot()) for (const c of g.clusters) this.set({ group: g.name, cluster: c.name }, c.healthy && c.enabled ? 1 : 0) },
    })

    const queries = new Counter({ name: 'queryflux_queries_total', help: 'Finished queries by outcome (success or an error code)', labelNames: ['group', 'cluster', 'protocol', 'outcome'], registers: [r] })
    const duration = new Histogram({ name: 'queryflux_query_duration_seconds', help: 'Query duration from submit to end, including queueing', labelNames: ['group', 'cluster', 'protocol', 'outcome'], buckets: LATENCY_BUCKETS, registers: [r] })
    const queueWait = new Histogram({ name: 'queryflux_queue_wait_seconds', help: 'Time spent waiting for a capacity slot', labelNames: ['group'], buckets: LATENCY_BUCKETS, registers: [r] })
    const translations = new Counter({ name: 'queryflux_translations_total', help: 'SQL translations by dialect pair and outcome', labelNames: ['from', 'to', 'outcome'], registers: [r] })
    const translationTime = new Histogram({ name: 'queryflux_translation_duration_seconds', help: 'Time to translate a statement', labelNames: ['from', 'to'], buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1], registers: [r] })
    const routing = new Counter({ name: 'queryflux_routing_decisions_total', help: 'Routing decisions by deciding router and group', labelNames: ['router', 'group'], registers: [r] })
    const healthChanges = new Counter({ name: 'queryflux_cluster_health_changes_total', help: 'Cluster health transitions', labelNames: ['group', 'cluster', 'healthy'], registers: [r] })
    const connections = new Gauge({ name: 'queryflux_connections', help: 'Open client connections of blocking protocols', labelNames: ['protocol'], registers: [r] })
    const frontendStatements = new Counter({ name: 'queryflux_frontend_statements_total', help: 'Statements a frontend answered itself, without an engine, by kind and outcome', labelNames: ['protocol', 'kind', 'outcome'], registers: [r] })
    const frontendDuration = new Histogram({ name: 'queryflux_frontend_statement_duration_seconds', help: 'Time a frontend took to answer a statement itself', labelNames: ['protocol', 'kind'], buckets: LATENCY_BUCKETS, registers: [r] })
    const rows = new Counter({ name: 'queryflux_rows_total', help: 'Rows returned to clients', labelNames: ['group', 'protocol'], registers: [r] })

    this.#unsubscribe.push(
      events.on('finished', ({ info, outcome, durationMs }) => {
        const labels = { group: info.group ?? 'none', cluster: info.cluster ?? 'none', protocol: info.protocol, outcome }
        queries.inc(labels)
        duration.observe(labels, durationMs / 1000)
        if (info.rows > 0) rows.inc({ group: info.group ?? 'none', protocol: info.protocol }, info.rows)
      }),
      events.on('answered', ({ info, kind, outcome, durationMs }) => {
        frontendStatements.inc({ protocol: info.protocol, kind, outcome })
        frontendDuration.observe({ protocol: info.protocol, kind }, durationMs / 1000)
      }),
      events.on('started', ({ info, queuedMs }) => queueWait.observe({ group: info.group ?? 'none' }, queuedMs / 1000)),
      events.on('translated', ({ from, to, outcome, elapsedMs }) => {
        translations.inc({ from, to, outcome })
        if (outcome === 'translated') translationTime.observe({ from, to }, elapsedMs / 1000)
      }),
      events.on('translationFailed', ({ from, to }) => translations.inc({ from, to, outcome: 'failed' })),
      events.on('routed', ({ router, group }) => routing.inc({ router, group })),
      events.on('clusterHealth', ({ group, cluster, healthy }) => healthChanges.inc({ group, cluster, healthy: String(healthy) })),
      events.on('connection', ({ protocol, opened }) => connections.inc({ protocol }, opened ? 1 : -1)),
    )
  }

  async render (): Promise<{ contentType: string, body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() }
  }

  close (): void {
    for (const off of this.#unsubscribe) off()
  }
}
