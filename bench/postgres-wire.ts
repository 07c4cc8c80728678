/**
 * `SELECT 1` latency through QueryFlux's PostgreSQL-wire frontend with the `pg` client: one
 * connection, sequential round trips (the unnamed statement, extended protocol, as pg sends a
 * query without parameters as a simple Query), p50/p95/p99 after a warm-up. bench/run.ts calls
 * `measurePostgresSelect1` in its postgres-wire section; run alone it starts QueryFlux on its
 * embedded DuckDB default and prints the numbers:
 *
 *   node bench/postgres-wire.ts [--runs 2000] [--warmup 200]
 */
import { parseArgs } from 'node:util'
import pg from 'pg'
import { measure } from './lib/stats.ts'
import type { LatencySummary } from './lib/stats.ts'

export interface PostgresSelect1Options {
  readonly port: number
  readonly host?: string
  readonly user?: string
  readonly password?: string
  readonly database?: string
  readonly runs: number
  readonly warmup: number
}

export async function measurePostgresSelect1 (options: PostgresSelect1Options): Promise<LatencySummary> {
  const client = new pg.Client({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    user: options.user ?? 'bench',
    database: options.database ?? 'bench',
    ...(options.password === undefined ? {} : { password: options.password }),
    application_name: 'queryflux-bench',
  })
  await client.connect()
  try {
    return await measure(options.runs, options.warmup, async () => await client.query({ text: 'SELECT 1', rowMode: 'array' }))
  } finally {
    await client.end()
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '2000' }, warmup: { type: 'string', default: '200' } } })
  const { startQueryFluxProcess } = await import('./lib/queryflux-process.ts')
  const qf = await startQueryFluxProcess([
    'queryflux:',
    '  frontends: { postgresWire: { port: 0 } }',
    '  adminApi: { enabled: false }',
    '  logLevel: info',
    'clusters: { duckdb: { engine: duckDb } }',
    'clusterGroups: { default: { members: [duckdb] } }',
    'routingFallback: default',
  ].join('\n'))
  try {
    const port = qf.ports['queryflux.frontends.postgresWire.port']
    if (port === undefined) throw new Error(`QueryFlux did not report its PostgreSQL port: ${JSON.stringify(qf.ports)}`)
    const s = await measurePostgresSelect1({ port, runs: Number(values.runs), warmup: Number(values.warmup) })
    process.stdout.write(`PostgreSQL wire → DuckDB SELECT 1 (pg, ${s.runs} runs): p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  mean ${s.mean.toFixed(3)} ms\n`)
  } finally {
    await qf.stop()
  }
}
