/**
 * Section `postgres`: a real PostgreSQL 15, once directly with `pg` and once through QueryFlux's
 * PostgreSQL-wire frontend (→ `postgres` engine, same dialect, no translation), plus `SELECT 1`
 * through the Trino HTTP frontend (Trino → PostgreSQL translation, cached).
 */
import { startQueryFluxProcess } from '../lib/queryflux-process.ts'
import { runTrinoQuery } from '../lib/trino-http-client.ts'
import { connectPg, pgTargetFromUrl } from '../lib/pg-client.ts'
import { startServer } from '../lib/servers.ts'
import { frontendPorts, latencyPair, singleClusterConfig, timedStream } from '../lib/section.ts'
import type { BenchSettings, SectionReport } from '../lib/section.ts'

export async function runPostgresSection (settings: BenchSettings, report: SectionReport): Promise<void> {
  settings.log('postgres: starting PostgreSQL')
  const server = await startServer('postgres', settings.tempDir)
  if ('skipped' in server) {
    report.notes.push(`postgres section skipped: ${server.skipped}`)
    return
  }
  try {
    const url = server.env.QF_TEST_POSTGRES_URL!
    const qf = await startQueryFluxProcess(singleClusterConfig('pg', { engine: 'postgres', endpoint: url, poolSize: 4 }))
    const direct = await connectPg(pgTargetFromUrl(url))
    const proxied = await connectPg({ host: '127.0.0.1', port: frontendPorts(qf).postgresWire, user: 'bench', database: 'qf' })
    try {
      settings.log('postgres: SELECT 1')
      report.latency.push(await latencyPair('PostgreSQL wire → PostgreSQL vs pg direct', settings.engineRuns, async () => await direct.run('SELECT 1'), async () => await proxied.run('SELECT 1')))
      const trinoBase = `http://127.0.0.1:${frontendPorts(qf).trinoHttp}`
      report.latency.push(await latencyPair('Trino HTTP → PostgreSQL vs pg direct', settings.engineRuns, async () => await direct.run('SELECT 1'), async () => await runTrinoQuery(trinoBase, 'SELECT 1')))
      const rows = settings.engineRows
      const sql = `SELECT i, i * 2 AS doubled, 'row-' || i::text AS label FROM generate_series(1, ${rows}) AS t(i)`
      settings.log(`postgres: ${rows} rows`)
      report.throughput.push(await timedStream(`PostgreSQL direct (pg), ${rows} rows × 3 columns`, rows, async () => await direct.stream(sql), undefined, settings.streamRepeat))
      report.throughput.push(await timedStream(`PostgreSQL wire → PostgreSQL, ${rows} rows × 3 columns`, rows, async () => await proxied.stream(sql), qf, settings.streamRepeat))
    } finally {
      await Promise.allSettled([direct.close(), proxied.close()])
      await qf.stop()
    }
  } finally {
    await server.stop()
  }
}
