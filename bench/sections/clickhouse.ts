/**
 * Section `clickhouse`: a real ClickHouse (Debian's 18.16), once directly over its HTTP interface
 * with a minimal fetch client (TabSeparated) and once through QueryFlux (→ `clickHouse` engine):
 * `SELECT 1` over the Trino HTTP frontend (HTTP on both paths) and the PostgreSQL-wire frontend,
 * the large result over the PostgreSQL-wire frontend. Translation: Trino/PostgreSQL → ClickHouse.
 */
import { startQueryFluxProcess } from '../lib/queryflux-process.ts'
import { runTrinoQuery } from '../lib/trino-http-client.ts'
import { connectPg } from '../lib/pg-client.ts'
import { runClickHouse } from '../lib/clickhouse-http.ts'
import { startServer } from '../lib/servers.ts'
import { frontendPorts, latencyPair, singleClusterConfig, timedStream } from '../lib/section.ts'
import type { BenchSettings, SectionReport } from '../lib/section.ts'

export async function runClickHouseSection (settings: BenchSettings, report: SectionReport): Promise<void> {
  settings.log('clickhouse: starting ClickHouse')
  const server = await startServer('clickhouse', settings.tempDir)
  if ('skipped' in server) {
    report.notes.push(`clickhouse section skipped: ${server.skipped}`)
    return
  }
  try {
    const env = server.env
    const target = { url: env.QF_TEST_CLICKHOUSE_URL!, user: env.QF_TEST_CLICKHOUSE_USER!, password: env.QF_TEST_CLICKHOUSE_PASSWORD! }
    const qf = await startQueryFluxProcess(singleClusterConfig('clickhouse', {
      engine: 'clickHouse', endpoint: target.url, auth: { type: 'basic', username: target.user, password: target.password }, poolSize: 4,
    }))
    const proxied = await connectPg({ host: '127.0.0.1', port: frontendPorts(qf).postgresWire, user: 'bench', database: 'default' })
    try {
      settings.log('clickhouse: SELECT 1')
      const trinoBase = `http://127.0.0.1:${frontendPorts(qf).trinoHttp}`
      const direct = async (): Promise<unknown> => await runClickHouse(target, 'SELECT 1')
      report.latency.push(await latencyPair('Trino HTTP → ClickHouse vs ClickHouse HTTP direct', settings.engineRuns, direct, async () => await runTrinoQuery(trinoBase, 'SELECT 1')))
      report.latency.push(await latencyPair('PostgreSQL wire → ClickHouse vs ClickHouse HTTP direct', settings.engineRuns, direct, async () => await proxied.run('SELECT 1')))
      const rows = settings.engineRows
      const sql = `SELECT number AS i, number * 2 AS doubled, concat('row-', toString(number)) AS label FROM system.numbers LIMIT ${rows}`
      settings.log(`clickhouse: ${rows} rows`)
      report.throughput.push(await timedStream(`ClickHouse direct (HTTP, TSV), ${rows} rows × 3 columns`, rows, async () => await runClickHouse(target, sql), undefined, settings.streamRepeat))
      report.throughput.push(await timedStream(`PostgreSQL wire → ClickHouse, ${rows} rows × 3 columns`, rows, async () => await proxied.stream(sql), qf, settings.streamRepeat))
    } finally {
      await proxied.close().catch(() => {})
      await qf.stop()
    }
  } finally {
    await server.stop()
  }
}
