import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseSessionStatement } from './session-statements.ts'
import type { StatementHost } from './session-statements.ts'
import { SessionState } from './session-state.ts'

function host (): StatementHost & { discarded: number } {
  const state = new SessionState({ user: 'u', database: 'db', parameters: new Map() })
  return {
    state,
    processId: 7,
    discarded: 0,
    defaultSchema: async () => 'main',
    discardAll () { this.discarded++ },
    deallocate: (name) => name === 'known',
    endTransaction: () => {},
  }
}

async function run (sql: string, h = host()): Promise<Awaited<ReturnType<NonNullable<ReturnType<typeof parseSessionStatement>>['run']>>> {
  const statement = parseSessionStatement(sql, h)
  assert.ok(statement !== undefined, `${sql} is a session statement`)
  return await statement.run()
}

describe('session statements', () => {
  test('SET forms store the value and report reported settings', async () => {
    const h = host()
    assert.deepEqual((await run("set time zone 'Europe/Berlin'", h)).parameterStatus, [{ name: 'TimeZone', value: 'Europe/Berlin' }])
    await run('SET SESSION search_path TO "$user", analytics', h)
    assert.equal(h.state.get('search_path'), '"$user", analytics')
    assert.equal(h.state.context().schema, 'analytics')
    await run('set local statement_timeout = 5000', h)
    assert.equal(h.state.context().properties.statement_timeout, '5000')
    await run("set queryflux.dialect = 'Trino'", h)
    assert.equal(h.state.context().sourceDialect, 'trino')
    assert.deepEqual((await run('reset all', h)).parameterStatus, [{ name: 'TimeZone', value: 'UTC' }])
    assert.equal(h.state.context().sourceDialect, undefined)
  })

  test('SHOW answers settings; SHOW of anything else is the engine\'s', async () => {
    assert.deepEqual((await run('show DateStyle')).rows, [['ISO, MDY']])
    assert.equal(parseSessionStatement('show tables', host()), undefined)
    assert.equal(parseSessionStatement('show create table t', host()), undefined)
  })

  test('transaction statements move the status and warn as PostgreSQL does', async () => {
    const h = host()
    assert.equal((await run('begin', h)).notices[0]?.code, '00000')
    assert.equal(h.state.transaction, 'inTransaction')
    assert.equal((await run('begin', h)).notices[0]?.code, '25001')
    h.state.transaction = 'failed'
    assert.equal((await run('commit', h)).tag, 'ROLLBACK')
    assert.equal((await run('commit', h)).notices[0]?.code, '25P01')
    await assert.rejects(run('savepoint s', h), /can only be used in transaction blocks/)
    assert.equal(parseSessionStatement('start something', h), undefined)
  })

  test('session function selects are answered locally only when nothing else is selected', async () => {
    const outcome = await run('select version(), current_schema() as s, pg_catalog.current_database(), current_user')
    assert.match(String(outcome.rows[0]![0]), /^PostgreSQL 15\.0/)
    assert.deepEqual(outcome.rows[0]!.slice(1), ['main', 'db', 'u'])
    assert.equal(parseSessionStatement('select version(), 1', host()), undefined)
    assert.equal(parseSessionStatement('select user_id from t', host()), undefined)
    await assert.rejects(run("select current_setting('nope.nothing')"), /unrecognized configuration parameter/)
  })

  test('DISCARD ALL and DEALLOCATE', async () => {
    const h = host()
    await run('discard all', h)
    assert.equal(h.discarded, 1)
    assert.equal((await run('deallocate prepare known', h)).tag, 'DEALLOCATE')
    await assert.rejects(run('deallocate other', h), /does not exist/)
  })
})
