/** The compound condition language: each leaf, nesting, short-circuit traces, compile errors. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { RoutingCondition } from '../../config/schema.ts'
import type { QueryRequest, SessionContext } from '../../core/query-request.ts'
import { compileCondition } from './conditions.ts'
import { CompoundRouter } from './compound.ts'
import { UserDirectory } from './user-directory.ts'

const directory = new UserDirectory([['bob', 'analysts']])

function request (sql: string, session: Partial<SessionContext> = {}): QueryRequest {
  return { sql, session: { user: 'alice', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {}, ...session } }
}

function check (condition: RoutingCondition, req: QueryRequest): { held: boolean, saw: string } {
  return compileCondition(condition, 'c', directory)(req)
}

describe('leaves', () => {
  test('protocol', () => {
    assert.deepEqual(check({ protocol: 'trinoHttp' }, request('x')), { held: true, saw: 'protocol=trinoHttp ✓' })
    assert.deepEqual(check({ protocol: 'mysqlWire' }, request('x')), { held: false, saw: 'protocol=trinoHttp ✗' })
  })
  test('header: presence, exact value, regex; names are case-insensitive', () => {
    const req = request('x', { headers: { 'x-tenant': 'acme-eu' } })
    assert.equal(check({ header: 'X-Tenant' }, req).held, true)
    assert.equal(check({ header: 'x-tenant', value: 'acme-eu' }, req).held, true)
    assert.equal(check({ header: 'x-tenant', value: 'acme' }, req).held, false)
    assert.equal(check({ header: 'x-tenant', regex: '^acme-' }, req).held, true)
    assert.equal(check({ header: 'x-tenant', value: 'acme-eu', regex: 'us$' }, req).held, false)
    assert.deepEqual(check({ header: 'x-other' }, req), { held: false, saw: 'header x-other absent ✗' })
  })
  test('queryRegex is case-insensitive', () => {
    assert.equal(check({ queryRegex: '^select' }, request('SELECT 1')).held, true)
    assert.equal(check({ queryRegex: '^insert' }, request('SELECT 1')).held, false)
  })
  test('clientTag, user and userGroup', () => {
    assert.equal(check({ clientTag: 'etl' }, request('x', { clientTags: ['a', 'etl'] })).held, true)
    assert.equal(check({ user: 'alice' }, request('x')).held, true)
    assert.deepEqual(check({ userGroup: 'analysts' }, request('x', { user: 'bob' })), { held: true, saw: 'user bob in analysts ✓' })
    assert.equal(check({ userGroup: 'analysts' }, request('x')).held, false)
  })
})

describe('nesting', () => {
  const tree: RoutingCondition = {
    all: [
      { protocol: 'trinoHttp' },
      { any: [{ header: 'x-tenant', value: 'acme' }, { not: { userGroup: 'analysts' } }] },
    ],
  }
  test('all/any/not combine and render what was evaluated', () => {
    assert.deepEqual(check(tree, request('x')), {
      held: true,
      saw: 'all(protocol=trinoHttp ✓, any(header x-tenant absent ✗, not(user alice in analysts ✗)))',
    })
    assert.deepEqual(check(tree, request('x', { user: 'bob' })), {
      held: false,
      saw: 'all(protocol=trinoHttp ✓, any(header x-tenant absent ✗, not(user bob in analysts ✓)))',
    })
  })
  test('evaluation stops at the first failing `all` part and the first holding `any` part', () => {
    assert.deepEqual(check(tree, request('x', { protocol: 'postgresWire' })), { held: false, saw: 'all(protocol=postgresWire ✗)' })
    assert.deepEqual(check({ any: [{ user: 'alice' }, { user: 'zed' }] }, request('x')), { held: true, saw: 'any(user alice ✓)' })
  })
  test('a bad regex deep in the tree names its path', () => {
    assert.throws(() => compileCondition({ all: [{ user: 'a' }, { not: { header: 'h', regex: '[' } }] }, 'routers[1] (compound).conditions[0]', directory),
      (e: { code: string, message: string }) => e.code === 'CONFIG_INVALID' && e.message.startsWith('routers[1] (compound).conditions[0].all[1].not.regex: invalid regex'))
  })
})

describe('compound router', () => {
  test('any of its conditions, then its target group', () => {
    const router = new CompoundRouter({ combinator: 'any', conditions: [{ clientTag: 'etl' }, { queryRegex: '^insert' }], targetGroup: 'etl' }, 'routers[0] (compound)', directory)
    assert.deepEqual(router.evaluate(request('insert into t values (1)')),
      { matched: true, group: 'etl', saw: 'any(clientTag etl ✗, sql /^insert/i ✓)', reason: "conditions held; group 'etl'" })
    assert.deepEqual(router.evaluate(request('select 1')),
      { matched: false, saw: 'any(clientTag etl ✗, sql /^insert/i ✗)', reason: 'conditions did not hold' })
  })
  test('a bad regex names the router index and condition', () => {
    assert.throws(() => new CompoundRouter({ combinator: 'all', conditions: [{ user: 'x' }, { queryRegex: '(' }], targetGroup: 'g' }, 'routers[4] (compound)', directory),
      (e: { message: string }) => e.message.startsWith('routers[4] (compound).conditions[1].queryRegex: invalid regex'))
  })
})
