import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { serialize } from 'pg-protocol'
import { RawClient, startFrontend } from './frontend.ts'

function startup (user = 'tester'): Buffer {
  return serialize.startup({ user, database: 'qf' })
}

describe('simple query protocol', () => {
  test('runs several statements in one string, each with its own result and tag', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    const results = await client.query('create table multi(id integer, name varchar); insert into multi values (1, \'a\'), (2, \'b\'); select * from multi order by id') as unknown as Array<{ command: string, rowCount: number, rows: unknown[] }>
    assert.deepEqual(results.map((r) => r.command), ['CREATE', 'INSERT', 'SELECT'])
    assert.equal(results[1]!.rowCount, 2)
    assert.deepEqual(results[2]!.rows, [{ id: 1, name: 'a' }, { id: 2, name: 'b' }])
  })

  test('an empty query gets EmptyQueryResponse and ReadyForQuery', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startup())
    await client.until('readyForQuery')
    client.send(serialize.query('  ;  -- nothing'))
    const messages = await client.until('readyForQuery')
    assert.deepEqual(messages.map((m) => m.name), ['emptyQuery', 'readyForQuery'])
  })

  test('an error stops the rest of the string; the session goes on', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startup())
    await client.until('readyForQuery')
    client.send(serialize.query('select 1 as a; select * from no_such_table; select 2 as b'))
    const messages = await client.until('readyForQuery')
    assert.deepEqual(messages.map((m) => m.name), ['rowDescription', 'dataRow', 'commandComplete', 'error', 'readyForQuery'])
    assert.equal(messages[3]!.code, '42P01')
    client.send(serialize.query('select 3 as c'))
    const next = await client.until('readyForQuery')
    assert.deepEqual(next.map((m) => m.name), ['rowDescription', 'dataRow', 'commandComplete', 'readyForQuery'])
  })

  test('engine errors carry the closest SQLSTATE', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await client.query('create table errs(id integer)')
    const cases: Array<[string, string]> = [
      ['selec 1', '42601'],
      ['select * from missing_table', '42P01'],
      ['select missing_column from errs', '42703'],
    ]
    for (const [sql, code] of cases) {
      await assert.rejects(client.query(sql), (e: Error & { code?: string, severity?: string }) => e.code === code && e.severity === 'ERROR', sql)
    }
  })

  test('SET, SHOW, RESET and current_setting are answered by QueryFlux; reported settings send ParameterStatus', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startup())
    await client.until('readyForQuery')
    client.send(serialize.query("set timezone to 'America/New_York'; show timezone; select current_setting('TimeZone') as tz, current_database() as db, version() as v"))
    const messages = await client.until('readyForQuery')
    const status = messages.find((m) => m.name === 'parameterStatus')
    assert.equal(status?.parameterName, 'TimeZone')
    assert.equal(status?.parameterValue, 'America/New_York')
    const rows = messages.filter((m) => m.name === 'dataRow').map((m) => m.fields)
    assert.deepEqual(rows[0], ['America/New_York'])
    assert.equal((rows[1] as string[])[0], 'America/New_York')
    assert.equal((rows[1] as string[])[1], 'qf')
    assert.match((rows[1] as string[])[2]!, /^PostgreSQL 15\.0 \(QueryFlux/)
    client.send(serialize.query('reset timezone; show timezone'))
    const after = await client.until('readyForQuery')
    assert.deepEqual(after.filter((m) => m.name === 'dataRow').map((m) => m.fields), [['UTC']])
  })

  test('an invalid setting value is 22023 and an unknown one in current_setting is 42704', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await assert.rejects(client.query("set timezone = 'Mars/Olympus'"), (e: Error & { code?: string }) => e.code === '22023')
    await assert.rejects(client.query("select current_setting('no.such_setting_here')"), (e: Error & { code?: string }) => e.code === '42704')
    assert.deepEqual((await client.query("select current_setting('no.such_setting_here', true) as v")).rows, [{ v: null }])
  })

  test('SET queryflux.dialect switches the session source dialect', async (t) => {
    const { connect, qf } = await startFrontend(t)
    const client = await connect()
    await client.query("set queryflux.dialect = 'trino'")
    await client.query('select 1 as x')
    const info = qf.service.list().find((q) => q.sql === 'select 1 as x')
    assert.equal(info?.sourceDialect, 'trino')
    await assert.rejects(client.query("set queryflux.dialect = 'cobol'"), (e: Error & { code?: string }) => e.code === '22023')
  })

  test('queryflux.frontends.postgresWire.dialect sets the source dialect for every session', async (t) => {
    const { connect, qf } = await startFrontend(t, { config: { dialect: 'trino' } })
    const client = await connect()
    await client.query('select 2 as configured_dialect')
    assert.equal(qf.service.list().find((q) => q.sql.includes('configured_dialect'))?.sourceDialect, 'trino')
  })

  test('transactions are emulated: status T, a notice, failed state E until ROLLBACK', async (t) => {
    const { port } = await startFrontend(t)
    const client = await RawClient.connect(port)
    t.after(() => client.end())
    client.send(startup())
    await client.until('readyForQuery')
    client.send(serialize.query('begin'))
    const begin = await client.until('readyForQuery')
    assert.ok(begin.some((m) => m.name === 'notice'))
    assert.equal(begin.at(-1)!.status, 'T')
    client.send(serialize.query('select * from missing_table'))
    assert.equal((await client.until('readyForQuery')).at(-1)!.status, 'E')
    client.send(serialize.query('select 1'))
    const aborted = await client.until('readyForQuery')
    assert.equal(aborted.find((m) => m.name === 'error')?.code, '25P02')
    client.send(serialize.query('rollback'))
    const rollback = await client.until('readyForQuery')
    assert.equal(rollback.find((m) => m.name === 'commandComplete')?.text, 'ROLLBACK')
    assert.equal(rollback.at(-1)!.status, 'I')
  })

  test('DISCARD ALL resets settings and prepared statements', async (t) => {
    const { connect } = await startFrontend(t)
    const client = await connect()
    await client.query({ name: 'kept', text: 'select 1 as x' })
    await client.query("set application_name = 'changed'")
    await client.query('discard all')
    assert.deepEqual((await client.query('show application_name')).rows, [{ application_name: '' }])
    await assert.rejects(client.query('deallocate kept'), (e: Error & { code?: string }) => e.code === '26000')
  })
})
