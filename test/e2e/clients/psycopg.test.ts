/**
 * psycopg 3 (PyPI, installed by scripts/setup/pg-clients.sh) against the PostgreSQL frontend:
 * every supported type as a parameter and a result in text and in binary, json/jsonb,
 * server-side prepared statements, SQLSTATEs, cancel, a named (server-side) cursor, COPY TO
 * STDOUT, and ParameterStatus after SET.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { startFrontend } from '../../integration/postgres-wire/frontend.ts'

const SCRIPT = join(import.meta.dirname, 'python', 'psycopg_client.py')

test('psycopg: text and binary types, prepared statements, SQLSTATEs, cancel, cursors, COPY', { timeout: 300_000 }, async (t) => {
  const fe = await startFrontend(t, { auth: { users: [{ username: 'alice', password: 's3cret', groups: [] }] } })
  const child = spawn(process.env.PYTHON ?? 'python3', [SCRIPT, `host=127.0.0.1 port=${fe.port} user=alice password=s3cret dbname=qf`], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  assert.doesNotMatch(output, /No module named 'psycopg'/, 'psycopg is missing: run scripts/setup/pg-clients.sh')
  const failed = output.split('\n').filter((line) => !line.startsWith('PASS') && line.trim() !== '')
  assert.deepEqual(failed, [], output)
  assert.equal(code, 0)
  for (const name of ['text round trips', 'binary round trips', 'prepared statement reuse', 'error sqlstate', 'cancel', 'server-side cursor', 'copy to stdout']) {
    assert.ok(output.includes(`PASS ${name}\n`), `check '${name}' ran and passed`)
  }
})
