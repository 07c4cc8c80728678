/**
 * What every benchmark section shares: the run's settings, the rows it reports, and the two
 * measurements (a latency pair and a timed stream) done the same way everywhere.
 */
import { stringify } from 'yaml'
import { measurePair } from './stats.ts'
import type { LatencySummary } from './stats.ts'
import type { QueryFluxProcess } from './queryflux-process.ts'

export interface BenchSettings {
  /** Timed SELECT 1 runs per path for the embedded DuckDB sections. */
  readonly runs: number
  /** Timed SELECT 1 runs per path for the PostgreSQL, MariaDB and ClickHouse sections. */
  readonly engineRuns: number
  /** Timed SELECT 1 runs per path for the Trino section. */
  readonly trinoRuns: number
  /** Rows of the DuckDB streaming run. */
  readonly rows: number
  /** Rows of each engine's streaming run. */
  readonly engineRows: number
  /** Runs per engine streaming path; the fastest is reported. */
  readonly streamRepeat: number
  /** Temp folder of this run: servers' data dirs live under it. */
  readonly tempDir: string
  log (line: string): void
}

export interface LatencyRow { readonly path: string, readonly direct: LatencySummary, readonly proxied: LatencySummary }

export interface ThroughputRow {
  readonly path: string
  readonly rows: number
  /** Rows the query should have returned, when `rows` differs (a correctness bug, reported). */
  readonly expectedRows?: number
  readonly seconds: number
  readonly rowsPerSec: number
  /** Wire bytes received by the client per second, in 10^6 bytes; undefined for in-process paths. */
  readonly mbPerSec?: number
  /** Peak RSS of the QueryFlux process during this run (undefined on direct paths). */
  readonly peakRssMiB?: number
  /** RSS of the QueryFlux process when the run began, the base the peak grew from. */
  readonly startRssMiB?: number
  /** CPU seconds QueryFlux used for this run (user + system). */
  readonly proxyCpuSeconds?: number
}

export interface SectionReport {
  readonly latency: LatencyRow[]
  readonly throughput: ThroughputRow[]
  /** Skips, failures and remarks, printed under the tables. */
  readonly notes: string[]
}

export function emptyReport (): SectionReport {
  return { latency: [], throughput: [], notes: [] }
}

export const warmupFor = (runs: number): number => Math.max(50, Math.floor(runs / 10))

export async function latencyPair (path: string, runs: number, direct: () => Promise<unknown>, proxied: () => Promise<unknown>): Promise<LatencyRow> {
  return { path, ...await measurePair(runs, warmupFor(runs), direct, proxied) }
}

export interface StreamOutcome { rows: number, bytes?: number }

/**
 * Times one large result end to end, `repeat` times, and keeps the fastest run (the first run of
 * a query also pays for the engine compiling it, and a shared machine adds bursts). With `qf`,
 * the QueryFlux process's peak RSS is reset before each run (the highest peak is kept) and its
 * CPU time is taken around the kept run. A row count other than the expected one is kept in the
 * row (and printed), not thrown: it is a finding, and the other paths' numbers still count.
 */
export async function timedStream (path: string, expectedRows: number, run: () => Promise<StreamOutcome>, qf?: QueryFluxProcess, repeat = 1): Promise<ThroughputRow> {
  let best: ThroughputRow | undefined
  let peakRssMiB = 0
  const startRssMiB = qf?.rssMiB()
  for (let i = 0; i < repeat; i++) {
    qf?.resetPeakRss()
    const cpu0 = qf?.cpuSeconds() ?? 0
    const t0 = performance.now()
    const outcome = await run()
    const seconds = (performance.now() - t0) / 1000
    if (qf !== undefined) peakRssMiB = Math.max(peakRssMiB, qf.peakRssMiB())
    const row: ThroughputRow = {
      path,
      rows: outcome.rows,
      ...(outcome.rows === expectedRows ? {} : { expectedRows }),
      seconds,
      rowsPerSec: outcome.rows / seconds,
      ...(outcome.bytes === undefined ? {} : { mbPerSec: outcome.bytes / 1e6 / seconds }),
      ...(qf === undefined ? {} : { proxyCpuSeconds: qf.cpuSeconds() - cpu0 }),
    }
    // A wrong row count is the finding to keep, whatever its speed.
    if (best === undefined || (best.expectedRows === undefined && (row.expectedRows !== undefined || row.seconds < best.seconds))) best = row
  }
  return qf === undefined ? best! : { ...best!, peakRssMiB, startRssMiB: startRssMiB! }
}

/**
 * A QueryFlux config with one cluster in group `default` (the routing fallback), the Trino HTTP
 * and PostgreSQL-wire frontends on free ports, and no admin API.
 */
export function singleClusterConfig (name: string, cluster: Record<string, unknown>): string {
  return stringify({
    queryflux: {
      frontends: { trinoHttp: { enabled: true, port: 0 }, postgresWire: { enabled: true, port: 0 } },
      adminApi: { enabled: false },
      logLevel: 'info',
    },
    clusters: { [name]: cluster },
    clusterGroups: { default: { members: [name], maxRunningQueries: 16 } },
    routingFallback: 'default',
  })
}

/** Ports of a started QueryFlux, by frontend. */
export function frontendPorts (qf: QueryFluxProcess): { trinoHttp: number, postgresWire: number } {
  const trinoHttp = qf.ports['queryflux.frontends.trinoHttp.port']
  const postgresWire = qf.ports['queryflux.frontends.postgresWire.port']
  if (trinoHttp === undefined || postgresWire === undefined) throw new Error(`QueryFlux did not report both frontend ports: ${JSON.stringify(qf.ports)}`)
  return { trinoHttp, postgresWire }
}
