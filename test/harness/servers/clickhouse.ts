/**
 * A real ClickHouse server (Debian's clickhouse-server 18.16, installed by
 * scripts/setup/clickhouse.sh) started as a plain process with a config written into `dir`
 * (every path, the log and the users file inside it), HTTP and native ports free ones.
 *
 * Test user: `qf` (password `qf`); database `qf` is created. The `default` user has no password.
 * Env: QF_TEST_CLICKHOUSE_URL (http://127.0.0.1:PORT), QF_TEST_CLICKHOUSE_HTTP_PORT,
 * QF_TEST_CLICKHOUSE_USER, QF_TEST_CLICKHOUSE_PASSWORD, QF_TEST_CLICKHOUSE_DATABASE.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync, openSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort, pickEnv, removeDir, spawnServer, stopServerProcess, stopWithProcess, waitForServer } from './postgres.ts'
import type { RestartableServer } from './postgres.ts'

const SETUP = 'scripts/setup/clickhouse.sh'

export async function startClickhouse (options: { dir: string }): Promise<RestartableServer> {
  const dir = resolve(options.dir)
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) mkdirSync(join(dir, sub), { recursive: true })
  let httpPort: number
  let tcpPort: number
  try {
    httpPort = await freePort()
    tcpPort = await freePort()
  } catch (error) {
    removeDir(dir)
    throw error
  }
  const config = join(dir, 'config.xml')
  writeFileSync(config, `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/err.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <max_concurrent_queries>100</max_concurrent_queries>
  <uncompressed_cache_size>67108864</uncompressed_cache_size>
  <mark_cache_size>67108864</mark_cache_size>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
</yandex>
`)
  const user = (name: string, password: string): string =>
    `<${name}><password>${password}</password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></${name}>`
  writeFileSync(join(dir, 'users.xml'), `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>1000000000</max_memory_usage></default></profiles>
  <users>${user('default', '')}${user('qf', 'qf')}</users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`)
  const base = `http://127.0.0.1:${httpPort}`
  const logFiles = ['server.log', 'err.log', 'stdout.log'].map((name) => join(dir, 'log', name))
  let child: ChildProcess | undefined
  const launch = async (): Promise<void> => {
    const out = openSync(join(dir, 'log', 'stdout.log'), 'a')
    child = spawnServer('clickhouse-server', [`--config-file=${config}`], { stdio: ['ignore', out, out], cwd: dir })
    closeSync(out)
    await waitForServer({ child, what: `ClickHouse on port ${httpPort}`, logFiles, setup: SETUP }, async () => await ping(base), 60_000)
  }
  try {
    await launch()
    const created = await fetch(`${base}/?user=qf&password=qf`, { method: 'POST', body: 'CREATE DATABASE IF NOT EXISTS qf' })
    if (!created.ok) throw new Error(`ClickHouse: CREATE DATABASE failed: ${await created.text()}`)
  } catch (error) {
    // The error carries the log's last lines; nothing of a server that never ran is kept.
    if (child !== undefined) await stopServerProcess(child, 'SIGKILL', 0)
    removeDir(dir)
    throw error
  }
  // ClickHouse 18.x waits several seconds for idle HTTP sessions on SIGTERM; the data of a test
  // run is thrown away, so a short grace period is enough. `halt` kills outright (a crash is
  // the outage health tests want to see).
  const stopProcess = async (graceMs: number): Promise<void> => {
    const proc = child
    child = undefined
    if (proc !== undefined) await stopServerProcess(proc, graceMs === 0 ? 'SIGKILL' : 'SIGTERM', graceMs)
  }
  let stopping: Promise<void> | undefined
  return {
    name: 'clickhouse',
    env: {
      QF_TEST_CLICKHOUSE_URL: base,
      QF_TEST_CLICKHOUSE_HTTP_PORT: String(httpPort),
      QF_TEST_CLICKHOUSE_USER: 'qf',
      QF_TEST_CLICKHOUSE_PASSWORD: 'qf',
      QF_TEST_CLICKHOUSE_DATABASE: 'qf',
    },
    halt: async () => await stopProcess(0),
    restart: launch,
    pid: () => child?.pid,
    stop: async () => await (stopping ??= stopProcess(2000).finally(() => removeDir(dir))),
  }
}

async function ping (base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/ping`, { signal: AbortSignal.timeout(2000) })
    return response.ok && (await response.text()).startsWith('Ok.')
  } catch {
    return false
  }
}

let ensured: Promise<Record<string, string>> | undefined

/** The run-wide server's settings when the test command started one, else a server of this process. */
export async function ensureClickhouse (): Promise<Record<string, string>> {
  const fromEnv = pickEnv('QF_TEST_CLICKHOUSE_')
  if (fromEnv !== undefined) return fromEnv
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-clickhouse-'))
    const server = await startClickhouse({ dir })
    stopWithProcess(server, dir, 'SIGKILL')
    return server.env
  })()
  return await ensured
}
