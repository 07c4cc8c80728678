/**
 * The unmodified Trino CLI (io.trino:trino-cli executable jar, installed by
 * scripts/setup/trino-clients.sh) against the Trino HTTP frontend over embedded DuckDB. The
 * CLI decodes every column with Trino's typed JSON decoders, so these tests also prove the
 * value encoding (doubles as floats, decimals as strings, …) is what a coordinator sends.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DUCKDB_WITH_TABLES, startTrinoFrontend, waitFor } from '../../integration/trino-http/start-frontend.ts'
import type { RunningTrinoFrontend } from '../../integration/trino-http/start-frontend.ts'

const ENV_FILE = join(process.env.QUERYFLUX_CACHE ?? join(homedir(), '.cache', 'queryflux'), 'trino-clients.env')

function cliSettings (): { jar: string, java: string } {
  let text: string
  try {
    text = readFileSync(ENV_FILE, 'utf8')
  } catch {
    throw new Error(`${ENV_FILE} is missing: run scripts/setup/trino-clients.sh to install the Trino CLI`)
  }
  const get = (key: string): string => new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1] ?? ''
  return { jar: get('TRINO_CLI_JAR'), java: get('TRINO_CLI_JAVA') }
}

const { jar, java } = cliSettings()
let trino: RunningTrinoFrontend

before(async () => { trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES }) })
after(async () => { await trino[Symbol.asyncDispose]() })

const cliArgs = (sql: string, extra: string[] = []): string[] => ['-jar', jar, '--server', trino.url, '--user', 'cli-test', '--output-format', 'CSV', ...extra, '--execute', sql]

/** Drops the JVM's and JLine's start-up warnings from stderr. */
const withoutWarnings = (text: string): string => text.split('\n').filter((l) => !/^WARNING|org\.jline|^\s*$/.test(l)).join('\n')

async function cli (sql: string, extra: string[] = []): Promise<{ code: number, stdout: string, stderr: string }> {
  return await new Promise((resolve) => {
    execFile(java, cliArgs(sql, extra), { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : (typeof error.code === 'number' ? error.code : -1), stdout, stderr: withoutWarnings(stderr) })
    })
  })
}

test('SELECT 42', async () => {
  const { code, stdout } = await cli('SELECT 42')
  assert.equal(code, 0)
  assert.equal(stdout, '"42"\n')
})

test('every type decodes in the CLI and prints as Trino values print', async () => {
  const { code, stdout, stderr } = await cli(`SELECT true, CAST(9007199254740993 AS BIGINT), CAST(1.5 AS REAL), CAST(2 AS DOUBLE), CAST('NaN' AS DOUBLE),
    CAST('123.45' AS DECIMAL(10,2)), 'x', from_hex('00ff'), DATE '2020-01-02', TIME '01:02:03.456', TIMESTAMP '2020-01-02 03:04:05.123456',
    TIMESTAMP '2020-01-02 03:04:05.123 UTC', INTERVAL '2' DAY, JSON '{"a":1}', UUID '12345678-1234-1234-1234-1234567890ab',
    ARRAY[1, 2], MAP(ARRAY['a'], ARRAY[1]), CAST(ROW(1, 'a') AS ROW(x INTEGER, y VARCHAR)), CAST(NULL AS BIGINT)`)
  assert.equal(code, 0, stderr)
  assert.equal(stdout, [
    '"true"', '"9007199254740993"', '"1.5"', '"2.0"', '"NaN"', '"123.45"', '"x"', '"00 ff"', '"2020-01-02"', '"01:02:03.456000"',
    '"2020-01-02 03:04:05.123456"', '"2020-01-02 03:04:05.123000 UTC"', '"2 00:00:00.000"', '"{""a"":1}"',
    '"12345678-1234-1234-1234-1234567890ab"', '"[1, 2]"', '"{a=1}"', '"{x=1, y=a}"', '""',
  ].join(',') + '\n')
})

test('a 100,000-row result: every row printed once', async () => {
  const { code, stdout } = await cli('SELECT i FROM range(100000) t(i)')
  assert.equal(code, 0)
  const values = stdout.trim().split('\n').map((line) => Number(line.replaceAll('"', '')))
  assert.equal(values.length, 100_000)
  assert.equal(values.reduce((a, b) => a + b, 0), (99_999 * 100_000) / 2)
})

test('a failing query: exit code 1 and the engine message', async () => {
  const { code, stderr } = await cli('SELECT * FROM no_such_table')
  assert.equal(code, 1)
  assert.match(stderr, /^Query \d{8}_\d{6}_\d{5}_[a-z0-9]{5} failed: .*no_such_table/m)
})

test('Ctrl-C (SIGINT) cancels the running query: DELETE reaches QueryFlux and the slot is freed', async () => {
  const child = spawn(java, cliArgs('SELECT count(*) FROM range(100000000000) a'), { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  try {
    // A JVM start on a busy machine can take a while.
    await waitFor('query running', () => trino.qf.service.list().some((q) => q.state === 'RUNNING' && q.user === 'cli-test'), 120_000)
    const { queryId } = trino.qf.service.list().find((q) => q.state === 'RUNNING' && q.user === 'cli-test')!
    child.kill('SIGINT')
    await waitFor('slot freed', () => trino.load().running === 0)
    assert.equal(trino.qf.service.list().find((q) => q.queryId === queryId)?.error?.code, 'CANCELLED')
    assert.equal(await exited, 130)
    assert.match(output, /Query aborted by user/)
  } finally {
    child.kill('SIGKILL')
  }
})

test('SHOW CATALOGS / SCHEMAS / TABLES and DESCRIBE', async () => {
  const { code, stdout } = await cli('SHOW CATALOGS; SHOW SCHEMAS FROM memory; SHOW TABLES FROM memory.sales; DESCRIBE memory.main.orders')
  assert.equal(code, 0)
  assert.equal(stdout, ['"memory"', '"main"', '"sales"', '"invoices"', '"id","bigint","",""', '"price","decimal(10,2)","",""'].join('\n') + '\n')
})

test('USE and SET SESSION carry over to the next statements of the CLI session', async () => {
  const { code, stdout, stderr } = await cli(`USE memory.sales; SHOW TABLES; SET SESSION query_max_run_time = '5m'; SHOW SESSION`)
  assert.equal(code, 0, stderr)
  assert.equal(stdout, ['"invoices"', '"query_max_run_time","5m","","varchar","set by the client (X-Trino-Session)"'].join('\n') + '\n')
  // The CLI prints update types on stderr.
  assert.equal(stderr, 'USE\nSET SESSION')
})

test('DML prints the update type and count', async () => {
  const { code, stderr } = await cli('CREATE TABLE memory.main.cli_t (a INTEGER); INSERT INTO memory.main.cli_t VALUES (1), (2)')
  assert.equal(code, 0)
  assert.equal(stderr, 'CREATE TABLE\nINSERT: 2 rows')
})
