/**
 * Malformed input gets a 4xx answer and never takes the process down: unknown paths, wrong
 * methods, empty and oversized bodies, malformed headers and raw garbage on the socket.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { run, startTrinoFrontend } from './start-frontend.ts'
import { MAX_STATEMENT_BYTES } from '../../../src/frontends/trino-http/routes.ts'

test('unknown paths are 404 with a plain message, wrong methods 405', async () => {
  await using trino = await startTrinoFrontend()
  const missing = await fetch(`${trino.url}/v2/whatever`)
  assert.equal(missing.status, 404)
  assert.match(await missing.text(), /Not found: GET \/v2\/whatever/)
  assert.equal((await fetch(`${trino.url}/v1/statement`)).status, 405)
  assert.equal((await fetch(`${trino.url}/v1/statement/executing/20200101_000000_00001_abcde/y1/1`)).status, 404)
})

test('an empty statement is 400, a huge one 413', async () => {
  await using trino = await startTrinoFrontend()
  const empty = await fetch(`${trino.url}/v1/statement`, { method: 'POST', body: '  ' })
  assert.equal(empty.status, 400)
  assert.match(await empty.text(), /empty/)
  const huge = await fetch(`${trino.url}/v1/statement`, { method: 'POST', body: `SELECT '${'x'.repeat(MAX_STATEMENT_BYTES)}'` })
  assert.equal(huge.status, 413)
  assert.deepEqual((await run(trino.url, 'SELECT 1')).rows, [[1]])
})

test('malformed session headers are 400 with the header named', async () => {
  await using trino = await startTrinoFrontend()
  const response = await fetch(`${trino.url}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-Session': 'no_equals_sign' } })
  assert.equal(response.status, 400)
  assert.match(await response.text(), /X-Trino-Session/)
})

test('a malformed statement the frontend recognises fails as a query, not as HTTP', async () => {
  await using trino = await startTrinoFrontend()
  const { last } = await run(trino.url, `EXECUTE IMMEDIATE 'SELECT ?' USING DATE 'yesterday'`)
  assert.equal(last.status, 200)
  assert.equal(last.json.stats.state, 'FAILED')
  assert.equal(last.json.error.errorType, 'USER_ERROR')
})

test('garbage on the socket gets 400 and the server keeps serving', async () => {
  await using trino = await startTrinoFrontend()
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect(trino.port, '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'))
    let text = ''
    socket.on('data', (chunk) => { text += chunk.toString() })
    socket.on('end', () => resolve(text))
    socket.on('error', reject)
  })
  assert.match(reply, /^HTTP\/1\.1 400/)
  const aborted = connect(trino.port, '127.0.0.1', () => { aborted.write('POST /v1/statement HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nSELE'); aborted.destroy() })
  assert.deepEqual((await run(trino.url, 'SELECT 1')).rows, [[1]])
})
