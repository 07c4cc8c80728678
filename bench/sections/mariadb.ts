/**
 * Section `mariadb`: a real MariaDB, once directly with mysql2 and once through QueryFlux
 * (→ `mysql` engine) over its PostgreSQL-wire frontend with `pg` (PostgreSQL → MySQL
 * translation, cached) and, for `SELECT 1`, over its Trino HTTP frontend. QueryFlux has no
 * MySQL-wire frontend yet, so the client library differs between the two paths.
 * The large result comes from MariaDB's Sequence engine (`seq_1_to_N`, built in since 10.1).
 */
import { startQueryFluxProcess } from '../lib/queryflux-process.ts'
import { runTrinoQuery } from '../lib/trino-http-client.ts'
import { connectPg } from '../lib/pg-client.ts'
import { connectMysql } from '../lib/mysql-client.ts'
import { startServer } from '../lib/servers.ts'
import { frontendPorts, latencyPair, singleClusterConfig, timedStream } from '../lib/section.ts'
import type { BenchSettings, SectionReport } from '../lib/section.ts'

export async function runMariadbSection (settings: BenchSettings, report: SectionReport): Promise<void> {
  settings.log('mariadb: starting MariaDB')
  const server = await startServer('mariadb', settings.tempDir)
  if ('skipped' in server) {
    report.notes.push(`mariadb section skipped: ${server.skipped}`)
    return
  }
  try {
    const url = server.env.QF_TEST_MARIADB_URL!
    const qf = await startQueryFluxProcess(singleClusterConfig('mariadb', { engine: 'mysql', endpoint: url, poolSize: 4 }))
    const direct = await connectMysql(url)
    const proxied = await connectPg({ host: '127.0.0.1', port: frontendPorts(qf).postgresWire, user: 'bench', database: 'qf' })
    try {
      settings.log('mariadb: SELECT 1')
      report.latency.push(await latencyPair('PostgreSQL wire → MariaDB vs mysql2 direct', settings.engineRuns, async () => await direct.run('SELECT 1'), async () => await proxied.run('SELECT 1')))
      const trinoBase = `http://127.0.0.1:${frontendPorts(qf).trinoHttp}`
      report.latency.push(await latencyPair('Trino HTTP → MariaDB vs mysql2 direct', settings.engineRuns, async () => await direct.run('SELECT 1'), async () => await runTrinoQuery(trinoBase, 'SELECT 1')))
      const rows = settings.engineRows
      const table = `seq_1_to_${rows}`
      settings.log(`mariadb: ${rows} rows`)
      report.throughput.push(await timedStream(`MariaDB direct (mysql2), ${rows} rows × 3 columns`, rows,
        async () => await direct.stream(`SELECT seq AS i, seq * 2 AS doubled, CONCAT('row-', seq) AS label FROM ${table}`), undefined, settings.streamRepeat))
      report.throughput.push(await timedStream(`PostgreSQL wire → MariaDB, ${rows} rows × 3 columns`, rows,
        async () => await proxied.stream(`SELECT seq AS i, seq * 2 AS doubled, 'row-' || seq AS label FROM ${table}`), qf, settings.streamRepeat))
    } finally {
      await Promise.allSettled([direct.close(), proxied.close()])
      await qf.stop()
    }
  } finally {
    await server.stop()
  }
}
