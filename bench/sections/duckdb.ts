/**
 * Sections `trino-http` and `postgres-wire`: QueryFlux's frontends in front of its embedded DuckDB,
 * against the same DuckDB called in-process (what the adapter itself does, minus everything the
 * proxy adds: protocol, routing, admission, translation, encoding, the socket).
 */
import { DuckDBInstance } from '@duckdb/node-api'
import type { DuckDBConnection } from '@duckdb/node-api'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startQueryFluxProcess } from '../lib/queryflux-process.ts'
import { runTrinoQuery } from '../lib/trino-http-client.ts'
import { connectPg } from '../lib/pg-client.ts'
import { measure } from '../lib/stats.ts'
import type { LatencySummary } from '../lib/stats.ts'
import { frontendPorts, latencyPair, singleClusterConfig, timedStream, warmupFor } from '../lib/section.ts'
import type { BenchSettings, SectionReport } from '../lib/section.ts'

export async function runDuckDbSections (settings: BenchSettings, report: SectionReport, which: { trinoHttp: boolean, postgresWire: boolean }): Promise<void> {
  const duck = await DuckDBInstance.create(':memory:')
  const direct = await duck.connect()
  const qf = await startQueryFluxProcess(singleClusterConfig('duckdb', { engine: 'duckDb', poolSize: 4 }))
  try {
    const ports = frontendPorts(qf)
    const selectOneDirect = async (): Promise<void> => { await (await direct.run('SELECT 1')).getRows() }
    if (which.trinoHttp) {
      settings.log('trino-http: SELECT 1')
      const base = `http://127.0.0.1:${ports.trinoHttp}`
      report.latency.push(await latencyPair('Trino HTTP → DuckDB vs DuckDB in-process', settings.runs, selectOneDirect, async () => await runTrinoQuery(base, 'SELECT 1')))
      const rows = settings.rows
      const sql = `SELECT i, i * 2 AS doubled, 'row-' || i::VARCHAR AS label FROM range(${rows}) t(i)`
      settings.log(`trino-http: ${rows} rows, direct`)
      report.throughput.push(await timedStream(`DuckDB in-process, ${rows} rows × 3 columns`, rows, async () => await streamDuckDb(direct, sql)))
      settings.log(`trino-http: ${rows} rows, via QueryFlux`)
      report.throughput.push(await timedStream(`Trino HTTP → DuckDB, ${rows} rows × 3 columns`, rows, async () => await runTrinoQuery(base, sql), qf))
    }
    if (which.postgresWire) {
      settings.log('postgres-wire: SELECT 1')
      const target = { host: '127.0.0.1', port: ports.postgresWire, user: 'bench', database: 'bench' }
      const external = await measureWithSharedModule(ports.postgresWire, settings.runs)
      if (external !== undefined) {
        // Another engineer's measurement (bench/postgres-wire.ts) runs its own loop, so the direct
        // path is measured right after it rather than interleaved.
        report.latency.push({ path: 'PostgreSQL wire → DuckDB vs DuckDB in-process', direct: await measure(settings.runs, warmupFor(settings.runs), selectOneDirect), proxied: external })
        report.notes.push('postgres-wire SELECT 1 measured by bench/postgres-wire.ts measurePostgresSelect1')
      } else {
        const pg = await connectPg(target)
        try {
          report.latency.push(await latencyPair('PostgreSQL wire → DuckDB vs DuckDB in-process', settings.runs, selectOneDirect, async () => await pg.run('SELECT 1')))
        } finally {
          await pg.close()
        }
      }
      const rows = settings.engineRows
      const sql = `SELECT i, i * 2 AS doubled, 'row-' || i::text AS label FROM generate_series(1, ${rows}) AS t(i)`
      settings.log(`postgres-wire: ${rows} rows`)
      const pg = await connectPg(target)
      try {
        report.throughput.push(await timedStream(`PostgreSQL wire → DuckDB, ${rows} rows × 3 columns`, rows, async () => await pg.stream(sql), qf, settings.streamRepeat))
      } finally {
        await pg.close()
      }
    }
  } finally {
    await qf.stop()
    direct.closeSync()
    duck.closeSync()
  }
}

/** Reads the whole result chunk by chunk, converting values to JS as any in-process consumer must. */
async function streamDuckDb (connection: DuckDBConnection, sql: string): Promise<{ rows: number }> {
  const result = await connection.stream(sql)
  let rows = 0
  for (;;) {
    const chunk = await result.fetchChunk()
    if (chunk === null || chunk.rowCount === 0) return { rows }
    rows += chunk.getRows().length
  }
}

type MeasurePostgresSelect1 = (options: { port: number, runs: number, warmup: number }) => Promise<LatencySummary>

/** Uses bench/postgres-wire.ts's `measurePostgresSelect1` when that module exists and exports it. */
async function measureWithSharedModule (port: number, runs: number): Promise<LatencySummary | undefined> {
  const file = resolve(import.meta.dirname, '../postgres-wire.ts')
  if (!existsSync(file)) return undefined
  const mod = await import(file) as { measurePostgresSelect1?: MeasurePostgresSelect1 }
  if (typeof mod.measurePostgresSelect1 !== 'function') return undefined
  return await mod.measurePostgresSelect1({ port, runs, warmup: warmupFor(runs) })
}
