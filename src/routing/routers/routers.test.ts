/** Each simple router: what it saw, whether it matched, and why. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { QueryRequest, SessionContext } from '../../core/query-request.ts'
import type { Protocol } from '../../core/protocol.ts'
import { ClientTagsRouter } from './client-tags.ts'
import { HeaderRouter } from './header.ts'
import { ProtocolRouter } from './protocol.ts'
import { QueryRegexRouter } from './query-regex.ts'
import { MAX_SQL_SCAN_CHARS } from './compile-regex.ts'
import { UserRouter } from './user.ts'
import { UserDirectory } from './user-directory.ts'

function request (sql: string, session: Partial<SessionContext> = {}): QueryRequest {
  return { sql, session: { user: 'alice', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {}, ...session } }
}

describe('protocolBased', () => {
  const router = new ProtocolRouter({ trinoHttp: 'trino', postgresWire: 'pg' })
  test('maps the protocol to its group', () => {
    assert.deepEqual(router.evaluate(request('SELECT 1', { protocol: 'postgresWire' })),
      { matched: true, group: 'pg', saw: 'protocol=postgresWire', reason: "protocol 'postgresWire' maps to group 'pg'" })
  })
  test('does not match a protocol without a group', () => {
    const verdict = router.evaluate(request('SELECT 1', { protocol: 'mysqlWire' as Protocol }))
    assert.equal(verdict.matched, false)
    assert.equal(verdict.saw, 'protocol=mysqlWire')
    assert.match(verdict.reason, /no group configured for protocol 'mysqlWire'/)
  })
})

describe('header', () => {
  const router = new HeaderRouter({ headerName: 'X-Tenant', headerValueToGroup: { acme: 'etl', Globex: 'adhoc' } })
  test('matches the header name case-insensitively and the value exactly', () => {
    assert.deepEqual(router.evaluate(request('SELECT 1', { headers: { 'x-tenant': 'acme' } })),
      { matched: true, group: 'etl', saw: 'header x-tenant=acme', reason: "value 'acme' maps to group 'etl'" })
    assert.equal(router.evaluate(request('SELECT 1', { headers: { 'x-tenant': 'globex' } })).matched, false)
  })
  test('says when the header is absent or the value unmapped', () => {
    assert.deepEqual(router.evaluate(request('SELECT 1')), { matched: false, saw: 'header x-tenant absent', reason: "the request has no 'x-tenant' header" })
    assert.match(router.evaluate(request('SELECT 1', { headers: { 'x-tenant': 'initech' } })).reason, /value 'initech' has no mapping/)
  })
})

describe('queryRegex', () => {
  const router = new QueryRegexRouter({
    rules: [
      { regex: '^\\s*insert', targetGroup: 'etl', flags: 'i' },
      { regex: 'from\\s+sales\\.', targetGroup: 'sales', flags: 'i' },
      { regex: 'FROM big', targetGroup: 'big', flags: '' },
    ],
  }, 'routers[0] (queryRegex)')
  test('the first matching rule wins and is named in the reason', () => {
    const verdict = router.evaluate(request('INSERT INTO t SELECT * FROM sales.orders'))
    assert.equal(verdict.group, 'etl')
    assert.match(verdict.reason, /^rule 0 \/\^\\s\*insert\/i matched; group 'etl'$/)
    assert.equal(router.evaluate(request('select * from SALES.orders')).group, 'sales')
  })
  test('honours the flags of each rule', () => {
    assert.equal(router.evaluate(request('select * from big')).matched, false)
    assert.equal(router.evaluate(request('select * FROM big')).group, 'big')
  })
  test('shows a shortened single line of the SQL it saw', () => {
    const verdict = router.evaluate(request(`SELECT\n  ${'x, '.repeat(100)}1`))
    assert.equal(verdict.matched, false)
    assert.ok(verdict.saw.length < 100, verdict.saw)
    assert.ok(!verdict.saw.includes('\n'))
    assert.match(verdict.reason, /none of 3 rule\(s\) matched/)
  })
  test(`looks only at the first ${MAX_SQL_SCAN_CHARS} characters`, () => {
    const tail = new QueryRegexRouter({ rules: [{ regex: 'needle', targetGroup: 'g', flags: '' }] }, 'routers[0] (queryRegex)')
    assert.equal(tail.evaluate(request(`${' '.repeat(MAX_SQL_SCAN_CHARS - 10)}needle`)).matched, true)
    assert.equal(tail.evaluate(request(`${' '.repeat(MAX_SQL_SCAN_CHARS)}needle`)).matched, false)
  })
  test('a bad regex is a CONFIG_INVALID error naming the router and rule', () => {
    assert.throws(() => new QueryRegexRouter({ rules: [{ regex: 'ok', targetGroup: 'a', flags: '' }, { regex: '(unclosed', targetGroup: 'a', flags: '' }] }, 'routers[3] (queryRegex)'),
      (e: { code: string, message: string }) => e.code === 'CONFIG_INVALID' && e.message.startsWith('routers[3] (queryRegex) rules[1]: invalid regex /(unclosed/'))
  })
  test('stateful flags are refused, since test() would depend on the previous query', () => {
    assert.throws(() => new QueryRegexRouter({ rules: [{ regex: 'a', targetGroup: 'a', flags: 'gi' }] }, 'routers[0] (queryRegex)'),
      (e: { code: string, message: string }) => e.code === 'CONFIG_INVALID' && /'g' or 'y'/.test(e.message))
  })
})

describe('clientTags', () => {
  const router = new ClientTagsRouter({ tagToGroup: { etl: 'etl', bi: 'reporting' } })
  test('the first of the client tags with a mapping wins', () => {
    assert.deepEqual(router.evaluate(request('SELECT 1', { clientTags: ['nightly', 'bi', 'etl'] })),
      { matched: true, group: 'reporting', saw: 'clientTags [nightly, bi, etl]', reason: "tag 'bi' maps to group 'reporting'" })
  })
  test('no tags, or none mapped, do not match', () => {
    assert.equal(router.evaluate(request('SELECT 1')).reason, 'the client sent no tags')
    assert.equal(router.evaluate(request('SELECT 1', { clientTags: ['x'] })).reason, 'no tag has a mapping')
  })
})

describe('user', () => {
  const directory = new UserDirectory([['carol', 'analysts'], ['dave', 'ops'], ['dave', 'analysts']])
  const router = new UserRouter({
    userToGroup: { alice: 'vip' },
    userGroups: { ops: { members: [], targetGroup: 'ops-group' }, analysts: { members: ['carol'], targetGroup: 'bi' } },
  }, directory)
  test('an exact user mapping comes first', () => {
    assert.deepEqual(router.evaluate(request('SELECT 1', { user: 'alice' })), { matched: true, group: 'vip', saw: 'user alice', reason: "user 'alice' maps to group 'vip'" })
  })
  test('then user groups in config order', () => {
    const verdict = router.evaluate(request('SELECT 1', { user: 'dave' }))
    assert.equal(verdict.group, 'ops-group')
    assert.equal(verdict.saw, 'user dave (user groups: ops, analysts)')
    assert.equal(verdict.reason, "user group 'ops' maps to group 'ops-group'")
    assert.equal(router.evaluate(request('SELECT 1', { user: 'carol' })).group, 'bi')
  })
  test('an unknown user does not match', () => {
    assert.deepEqual(router.evaluate(request('SELECT 1', { user: 'eve' })), { matched: false, saw: 'user eve', reason: "no mapping for user 'eve' or their user groups" })
  })
})

describe('UserDirectory.fromConfig', () => {
  test('joins auth users groups with every user router members list', () => {
    const directory = UserDirectory.fromConfig({
      auth: { users: [{ username: 'ann', password: 'x', groups: ['finance'] }, { username: 'bo', password: 'x', groups: [] }] },
      routers: [
        { type: 'user', userToGroup: {}, userGroups: { finance: { members: ['bo'], targetGroup: 'g' }, ops: { members: ['ann'], targetGroup: 'g' } } },
        { type: 'header', headerName: 'x', headerValueToGroup: {} },
      ],
    })
    assert.deepEqual(directory.groupsOf('ann'), ['finance', 'ops'])
    assert.deepEqual(directory.groupsOf('bo'), ['finance'])
    assert.deepEqual(directory.groupsOf('nobody'), [])
  })
})
