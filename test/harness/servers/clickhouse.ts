/**
 * A real ClickHouse server (Debian's clickhouse-server 18.16, installed by
 * scripts/setup/clickhouse.sh) started as a plain process with a config written into `dir`
 * (every path, the log and the users file inside it), HTTP and native ports free ones.
 *
 * Test user: `qf` (password `qf`); database `qf` is created. The `default` user has no password.
 * Env: QF_TEST_CLICKHOUSE_URL (http://127.0.0.1:PORT), QF_TEST_CLICKHOUSE_HTTP_PORT,
 * QF_TEST_CLICKHOUSE_USER, QF_TEST_CLICKHOUSE_PASSWORD, QF_TEST_CLICKHOUSE_DATABASE.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort, waitUntil } from './postgres.ts'
import type { RestartableServer } from './postgres.ts'

export async function startClickhouse (options: { dir: string }): Promise<RestartableServer> {
  const dir = resolve(options.dir)
  for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) mkdirSync(join(dir, sub), { recursive: true })
  const httpPort = await freePort()
  const tcpPort = await freePort()
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
  let child: ChildProcess | undefined
  const launch = async (): Promise<void> => {
    const out = openSync(join(dir, 'log', 'stdout.log'), 'a')
    child = spawn('clickhouse-server', [`--config-file=${config}`], { stdio: ['ignore', out, out], cwd: dir })
    closeSync(out)
    child.unref()
    await waitUntil(async () => await ping(base), 60_000, `ClickHouse on port ${httpPort} (log: ${dir}/log)`, child)
  }
  await launch()
  const created = await fetch(`${base}/?user=qf&password=qf`, { method: 'POST', body: 'CREATE DATABASE IF NOT EXISTS qf' })
  if (!created.ok) throw new Error(`ClickHouse: CREATE DATABASE failed: ${await created.text()}`)
  // ClickHouse 18.x waits several seconds for idle HTTP sessions on SIGTERM; the data of a test
  // run is thrown away, so a short grace period is enough. `halt` kills outright (a crash is
  // the outage health tests want to see).
  const stopProcess = async (graceMs: number): Promise<void> => {
    const proc = child
    child = undefined
    if (proc === undefined || proc.exitCode !== null) return
    const exited = new Promise<void>((resolveExit) => proc.once('exit', () => resolveExit()))
    proc.kill(graceMs === 0 ? 'SIGKILL' : 'SIGTERM')
    const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
    await exited
    clearTimeout(timer)
  }
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
    async stop () {
      await stopProcess(2000)
      rmSync(dir, { recursive: true, force: true })
    },
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
  if (process.env.QF_TEST_CLICKHOUSE_URL !== undefined) {
    return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('QF_TEST_CLICKHOUSE_') && e[1] !== undefined))
  }
  ensured ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-clickhouse-'))
    const server = await startClickhouse({ dir })
    process.once('exit', () => {
      const pid = server.pid()
      if (pid !== undefined) { try { process.kill(pid, 'SIGKILL') } catch { /* already gone */ } }
      try { rmSync(dir, { recursive: true, force: true }) } catch { /* best effort */ }
    })
    return server.env
  })()
  return await ensured
}
