/**
 * pgjdbc (org.postgresql:postgresql from Maven Central, installed by scripts/setup/pg-clients.sh)
 * against the PostgreSQL frontend: every supported type as a parameter and a result (binary
 * transfer, since prepareThreshold=1 prepares server-side from the first execution), prepared
 * statement reuse, SQLSTATEs, Statement.cancel(), fetchSize through a portal, and
 * DatabaseMetaData.getTables/getColumns over the pg_catalog emulation.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFrontend, makeCertificate } from '../../integration/postgres-wire/frontend.ts'

const CACHE = process.env.QUERYFLUX_CACHE ?? join(homedir(), '.cache', 'queryflux')
const JAR = join(CACHE, 'jars', `postgresql-${process.env.PGJDBC_VERSION ?? '42.7.14'}.jar`)
const SOURCE = join(import.meta.dirname, 'java', 'PgJdbcClient.java')

async function run (args: string[]): Promise<{ code: number | null, output: string }> {
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, output }
}

test('pgjdbc: types in binary, prepared statements, SQLSTATEs, cancel, fetchSize, DatabaseMetaData', { timeout: 300_000 }, async (t) => {
  assert.ok(existsSync(JAR), `${JAR} is missing: run scripts/setup/pg-clients.sh`)
  const classes = mkdtempSync(join(tmpdir(), 'qf-pgjdbc-'))
  t.after(() => rmSync(classes, { recursive: true, force: true }))
  execFileSync('javac', ['-d', classes, '-cp', JAR, SOURCE], { stdio: 'inherit' })
  const tls = makeCertificate(t)
  const fe = await startFrontend(t, { auth: { users: [{ username: 'alice', password: 's3cret', groups: [] }] }, config: { tls } })
  const url = `jdbc:postgresql://127.0.0.1:${fe.port}/qf?sslmode=require`
  const { code, output } = await run(['-cp', `${JAR}:${classes}`, 'PgJdbcClient', url, 'alice', 's3cret'])
  const failed = output.split('\n').filter((line) => !line.startsWith('PASS') && line.trim() !== '')
  assert.deepEqual(failed, [], output)
  assert.equal(code, 0)
  for (const name of ['int2 int4 int8', 'numeric', 'bytea', 'timestamptz', 'interval', 'arrays', 'prepared statement reuse', 'error sqlstate', 'cancel', 'fetch size streams through a portal', 'DatabaseMetaData.getTables and getColumns']) {
    assert.ok(output.includes(`PASS ${name}\n`), `check '${name}' ran and passed`)
  }
})
