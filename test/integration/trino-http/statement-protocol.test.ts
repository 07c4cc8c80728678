/**
 * The Trino client protocol as the frontend serves it over real HTTP and a real DuckDB:
 * QUEUED first answer, nextUri paging with token replay, multi-page results within
 * targetPageBytes, pulling only when asked, URIs, and the info endpoints.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { get, post, run, startTrinoFrontend, waitFor } from './start-frontend.ts'

test('SELECT 42: QUEUED with a nextUri first, then columns, data and FINISHED', async () => {
  await using trino = await startTrinoFrontend()
  const first = await post(trino.url, 'SELECT 42 AS answer')
  assert.equal(first.status, 200)
  assert.match(first.json.id as string, /^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/)
  assert.equal(first.json.stats.state, 'QUEUED')
  assert.equal(first.json.infoUri, `${trino.url}/v1/query/${first.json.id}`)
  assert.match(first.json.nextUri as string, new RegExp(`^${trino.url}/v1/statement/queued/${first.json.id}/[a-z0-9]+/1$`))
  assert.equal(first.json.data, undefined)
  const { rows, last, pages } = await run(trino.url, 'SELECT 42 AS answer')
  assert.deepEqual(rows, [[42]])
  assert.equal(last.json.stats.state, 'FINISHED')
  assert.equal(last.json.nextUri, undefined)
  const withColumns = pages.find((p) => p.json.columns !== undefined)!
  assert.deepEqual(withColumns.json.columns, [{ name: 'answer', type: 'integer', typeSignature: { rawType: 'integer', arguments: [] } }])
  for (const page of pages) {
    assert.equal(typeof page.json.id, 'string')
    assert.equal(typeof page.json.infoUri, 'string')
    assert.equal(typeof page.json.stats.state, 'string')
  }
})

test('a repeated GET of the same token returns the same page; other tokens are gone', async () => {
  await using trino = await startTrinoFrontend({ targetPageBytes: 1024 })
  const first = await post(trino.url, 'SELECT i FROM range(1000) t(i)')
  let page = await get(first.json.nextUri as string)
  while (page.json.data === undefined && page.json.nextUri !== undefined) page = await get(page.json.nextUri as string)
  const uri = page.json.nextUri as string
  const next = await get(uri)
  const again = await get(uri)
  assert.equal(again.text, next.text)
  const token = Number(uri.slice(uri.lastIndexOf('/') + 1))
  assert.equal((await get(uri.replace(/\/\d+$/, `/${token + 5}`))).status, 410)
  assert.equal((await get(uri.replace(/\/[^/]+\/\d+$/, `/wrongslug/${token}`))).status, 404)
})

test('a large result arrives in many pages within targetPageBytes, every row exactly once', async () => {
  const targetPageBytes = 64 * 1024
  await using trino = await startTrinoFrontend({ targetPageBytes })
  const { rows, pages, last } = await run(trino.url, 'SELECT i, i * 2 AS j FROM range(100000) t(i)')
  assert.equal(last.json.stats.state, 'FINISHED')
  assert.equal(rows.length, 100_000)
  const sum = rows.reduce((acc, row) => acc + (row[0] as number), 0)
  assert.equal(sum, (99_999 * 100_000) / 2)
  const dataPages = pages.filter((p) => p.json.data !== undefined)
  assert.ok(dataPages.length >= 10, `expected many pages, got ${dataPages.length}`)
  for (const page of dataPages) assert.ok(JSON.stringify(page.json.data).length <= targetPageBytes + 64, 'a page stays within targetPageBytes plus one row')
  assert.equal(last.json.stats.processedRows, 100_000)
})

test('the engine is pulled only while the client asks for pages', async () => {
  await using trino = await startTrinoFrontend({ targetPageBytes: 16 * 1024 })
  const first = await post(trino.url, 'SELECT i FROM range(100000000) t(i)')
  let page = await get(first.json.nextUri as string)
  while (page.json.data === undefined) page = await get(page.json.nextUri as string)
  const execution = trino.qf.service.get(first.json.id as string)!
  const pulled = execution.info().rows
  // Let any in-flight work settle, then check nothing more was read while nobody polled.
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(execution.info().rows, pulled)
  assert.ok(pulled < 100_000, `read ahead at most about one batch beyond the page, read ${pulled}`)
  await fetch(page.json.nextUri as string, { method: 'DELETE' })
  await waitFor('slot freed', () => trino.load().running === 0)
})

test('URIs use externalAddress when configured', async () => {
  await using trino = await startTrinoFrontend({ externalAddress: 'https://trino.example.com:8443/' })
  const first = await post(trino.url, 'SELECT 1')
  assert.match(first.json.nextUri as string, /^https:\/\/trino\.example\.com:8443\/v1\/statement\/queued\//)
  assert.match(first.json.infoUri as string, /^https:\/\/trino\.example\.com:8443\/v1\/query\//)
})

test('/v1/info, /v1/info/state and /v1/query/{id}', async () => {
  await using trino = await startTrinoFrontend()
  const info = await (await fetch(`${trino.url}/v1/info`)).json() as Record<string, unknown>
  assert.deepEqual({ ...info, uptime: undefined }, { nodeVersion: { version: '476-queryflux' }, environment: 'queryflux', coordinator: true, starting: false, uptime: undefined })
  assert.match(info.uptime as string, /^\d+\.\d{2}s$/)
  assert.equal(await (await fetch(`${trino.url}/v1/info/state`)).json(), 'ACTIVE')
  const { last } = await run(trino.url, 'SELECT 1')
  const query = await (await fetch(last.json.infoUri as string)).json() as Record<string, unknown>
  assert.equal(query.queryId, last.json.id)
  assert.equal(query.state, 'FINISHED')
  assert.equal(query.query, 'SELECT 1')
  assert.equal((await fetch(`${trino.url}/v1/query/20200101_000000_00000_zzzzz`)).status, 404)
})

test('DML reports updateType and updateCount with a rows column, DDL its updateType', async () => {
  await using trino = await startTrinoFrontend()
  const created = await run(trino.url, 'CREATE TABLE t (a INTEGER)')
  assert.equal(created.last.json.updateType, 'CREATE TABLE')
  assert.equal(created.last.json.error, undefined)
  assert.deepEqual(created.last.json.columns, [], 'present and empty, as Trino sends it (JDBC requires columns)')
  const inserted = await run(trino.url, 'INSERT INTO t VALUES (1), (2), (3)')
  assert.equal(inserted.last.json.updateType, 'INSERT')
  assert.equal(inserted.last.json.updateCount, 3)
  assert.deepEqual(inserted.rows, [[3]])
  assert.deepEqual(inserted.last.json.columns.map((c: { name: string }) => c.name), ['rows'])
})

test('a client that drops the connection mid-poll loses no rows: the same token answers the page', async () => {
  await using trino = await startTrinoFrontend({ targetPageBytes: 4096 })
  const first = await post(trino.url, 'SELECT i FROM range(3000) t(i)')
  const uri = new URL(first.json.nextUri as string)
  // Ask for token 1 on a raw socket and hang up, unread, once the server is producing that page.
  const socket = connect(Number(uri.port), uri.hostname, () => socket.write(`GET ${uri.pathname} HTTP/1.1\r\nHost: ${uri.host}\r\n\r\n`))
  socket.on('error', () => {})
  await waitFor('page 1 produced', () => (trino.qf.service.list().find((q) => q.queryId === first.json.id)?.rows ?? 0) > 0)
  socket.destroy()
  const rows: unknown[] = []
  let page = await get(uri.href)
  rows.push(...((page.json.data as unknown[] | undefined) ?? []))
  while (page.json.nextUri !== undefined) {
    page = await get(page.json.nextUri as string)
    rows.push(...((page.json.data as unknown[] | undefined) ?? []))
  }
  assert.deepEqual(rows.map((r) => (r as number[])[0]), Array.from({ length: 3000 }, (_, i) => i))
})
