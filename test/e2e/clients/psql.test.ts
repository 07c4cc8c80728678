/**
 * psql 15 (Debian postgresql-client) and pgbench against the PostgreSQL frontend: SCRAM over
 * TLS with sslmode=require, queries, \dt / \d / \l / \dn over the pg_catalog emulation, Ctrl-C
 * cancelling a long query, \copy to stdout, FETCH_COUNT cursors, and a pgbench load.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeCertificate, startFrontend, waitRunning } from '../../integration/postgres-wire/frontend.ts'
import type { RunningFrontend } from '../../integration/postgres-wire/frontend.ts'

const PSQL = process.env.PSQL ?? '/usr/bin/psql'
const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench'
const auth = { users: [{ username: 'alice', password: 's3cret', groups: [] }] }

interface Run { code: number | null, stdout: string, stderr: string }

function connString (fe: RunningFrontend, sslmode: string): string {
  return `host=127.0.0.1 port=${fe.port} user=alice dbname=qf sslmode=${sslmode}`
}

/** Runs psql with `args`; `onSpawn` may signal the process (Ctrl-C). */
async function psql (fe: RunningFrontend, args: string[], sslmode = 'require', onSpawn?: (pid: number) => void): Promise<Run> {
  const child = spawn(PSQL, ['-X', '-v', 'ON_ERROR_STOP=1', '-d', connString(fe, sslmode), ...args], {
    env: { ...process.env, PGPASSWORD: 's3cret', PGCONNECT_TIMEOUT: '20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  onSpawn?.(child.pid!)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, stdout, stderr }
}

async function start (t: Parameters<typeof startFrontend>[0]): Promise<RunningFrontend> {
  assert.ok(existsSync(PSQL), `${PSQL} is missing: run scripts/setup/pg-clients.sh`)
  const tls = makeCertificate(t)
  return await startFrontend(t, { auth, config: { tls } })
}

describe('psql', () => {
  test('connects with SCRAM over TLS (sslmode=require) and runs queries', async (t) => {
    const fe = await start(t)
    const info = await psql(fe, ['-c', '\\conninfo'])
    assert.equal(info.code, 0, info.stderr)
    assert.match(info.stdout, /SSL connection \(protocol: TLSv1\.[23]/)
    const result = await psql(fe, ['-A', '-t', '-c', "select 40 + 2 as answer, 'ok' as word"])
    assert.equal(result.code, 0, result.stderr)
    assert.equal(result.stdout.trim(), '42|ok')
    const wrong = spawn(PSQL, ['-X', '-d', connString(fe, 'require'), '-c', 'select 1'], { env: { ...process.env, PGPASSWORD: 'nope' } })
    let stderr = ''
    wrong.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
    assert.equal(await new Promise((resolve) => wrong.once('exit', resolve)), 2)
    assert.match(stderr, /password authentication failed for user "alice"/)
  })

  test('\\dt, \\d t, \\dn and \\l list what DuckDB holds', async (t) => {
    const fe = await start(t)
    const create = await psql(fe, ['-c', 'create table t(id integer not null, name varchar, price decimal(10,2))', '-c', 'create view v as select id from t'])
    assert.equal(create.code, 0, create.stderr)
    const dt = await psql(fe, ['-c', '\\dt'])
    assert.equal(dt.code, 0, dt.stderr)
    assert.match(dt.stdout, /main\s+\|\s+t\s+\|\s+table\s+\|/)
    const d = await psql(fe, ['-c', '\\d t'])
    assert.equal(d.code, 0, d.stderr)
    assert.match(d.stdout, /Table "main\.t"/)
    assert.match(d.stdout, /id\s+\|\s+integer\s+\|\s+\|\s+not null/)
    assert.match(d.stdout, /name\s+\|\s+text/)
    assert.match(d.stdout, /price\s+\|\s+numeric\(10,2\)/)
    const dv = await psql(fe, ['-c', '\\dv'])
    assert.match(dv.stdout, /main\s+\|\s+v\s+\|\s+view/)
    const dn = await psql(fe, ['-c', '\\dn'])
    assert.match(dn.stdout, /main\s+\|/)
    const l = await psql(fe, ['-c', '\\l'])
    assert.equal(l.code, 0, l.stderr)
    assert.match(l.stdout, /qf\s+\|/)
  })

  test('Ctrl-C cancels a long query', async (t) => {
    const fe = await start(t)
    const run = await psql(fe, ['-c', 'select count(*) from range(100000000000) as r(i) where i % 7 = 3'], 'require', (pid) => {
      void (async () => {
        await waitRunning(fe, 'range(100000000000)')
        process.kill(pid, 'SIGINT')
      })()
    })
    assert.notEqual(run.code, 0)
    assert.match(run.stderr, /canceling statement due to user request/)
  })

  test('\\copy (query) to stdout with csv header', async (t) => {
    const fe = await start(t)
    const run = await psql(fe, ['-c', "\\copy (select 1 as a, 'x,y' as b union all select 2, null order by a) to stdout with csv header"])
    assert.equal(run.code, 0, run.stderr)
    assert.equal(run.stdout, 'a,b\n1,"x,y"\n2,\n')
    const text = await psql(fe, ['-c', "copy (select 1 as a, E'tab\\there' as b) to stdout"])
    assert.equal(text.stdout, '1\ttab\\there\n')
  })

  test('FETCH_COUNT reads the result through a cursor', async (t) => {
    const fe = await start(t)
    const run = await psql(fe, ['-A', '-t', '-v', 'FETCH_COUNT=7', '-c', 'select i from generate_series(1, 50) as g(i)'])
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(run.stdout.trim().split('\n').map(Number), Array.from({ length: 50 }, (_v, i) => i + 1))
  })

  test('an engine error exits non-zero with its SQLSTATE', async (t) => {
    const fe = await start(t)
    const run = await psql(fe, ['-v', 'VERBOSITY=verbose', '-c', 'select * from missing_table'])
    assert.equal(run.code, 1)
    assert.match(run.stderr, /ERROR:\s+42P01:/)
  })
})

describe('pgbench', () => {
  for (const mode of ['simple', 'extended', 'prepared'] as const) {
    test(`a select-only load in ${mode} protocol mode runs without errors`, async (t) => {
      assert.ok(existsSync(PGBENCH), `${PGBENCH} is missing: run scripts/setup/pg-clients.sh`)
      const fe = await start(t)
      const setup = await psql(fe, ['-c', 'create table accounts as select i as aid, i * 10 as abalance from generate_series(1, 1000) as g(i)'])
      assert.equal(setup.code, 0, setup.stderr)
      const dir = mkdtempSync(join(tmpdir(), 'qf-pgbench-'))
      t.after(() => rmSync(dir, { recursive: true, force: true }))
      const script = join(dir, 'select.sql')
      // pgbench -S's statement, against a table QueryFlux can create (pgbench -i needs COPY FROM).
      writeFileSync(script, '\\set aid random(1, 1000)\nSELECT abalance FROM accounts WHERE aid = :aid;\n')
      // Asynchronous: QueryFlux runs in this process and must keep serving while pgbench runs.
      const child = spawn(PGBENCH, ['-n', '-c', '4', '-j', '2', '-t', '100', '-M', mode, '-f', script, '-h', '127.0.0.1', '-p', String(fe.port), '-U', 'alice', 'qf'], {
        env: { ...process.env, PGPASSWORD: 's3cret', PGSSLMODE: 'require' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
      child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
      assert.equal(await new Promise((resolve) => child.once('exit', resolve)), 0, output)
      assert.match(output, /number of transactions actually processed: 400\/400/)
      assert.match(output, /number of failed transactions: 0 /)
    })
  }
})
