/** The chain's decisions and traces: order, first match wins, fallback, no match, failing routers, config errors. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { ConfigSchema } from '../config/schema.ts'
import type { ConfigInput } from '../config/schema.ts'
import type { QueryFluxError } from '../core/errors.ts'
import type { QueryRequest, SessionContext } from '../core/query-request.ts'
import type { Router } from './router.ts'
import { RouterChain } from './router-chain.ts'

function request (sql: string, session: Partial<SessionContext> = {}): QueryRequest {
  return { sql, session: { user: 'alice', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {}, ...session } }
}

const hasPyodide = ((): boolean => { try { import.meta.resolve('pyodide'); return true } catch { return false } })()

const GROUPS = { etl: { members: ['d'] }, adhoc: { members: ['d'] }, bi: { members: ['d'] }, vip: { members: ['d'] } }

function chain (input: Partial<ConfigInput>): RouterChain {
  return RouterChain.fromConfig(ConfigSchema.parse({ clusters: { d: { engine: 'duckDb' } }, clusterGroups: GROUPS, ...input }))
}

const routers: ConfigInput['routers'] = [
  { type: 'header', headerName: 'X-Tenant', headerValueToGroup: { acme: 'etl' } },
  { type: 'queryRegex', rules: [{ regex: '^\\s*select .* from reports\\.', targetGroup: 'bi' }] },
  { type: 'user', userGroups: { staff: { members: [], targetGroup: 'vip' } } },
  { type: 'compound', conditions: [{ protocol: 'postgresWire' }, { userGroup: 'staff' }], targetGroup: 'adhoc' },
]

describe('RouterChain.route', () => {
  const withFallback = chain({ routers, routingFallback: 'adhoc', auth: { users: [{ username: 'sam', password: 'x', groups: ['staff'] }] } })

  test('routers are consulted in order and the first match decides; later ones are not consulted', async () => {
    const { group, trace } = await withFallback.route(request('SELECT * FROM reports.daily', { headers: { 'x-tenant': 'acme' } }))
    assert.equal(group, 'etl')
    assert.equal(trace.decidedBy, 'routers[0] (header)')
    assert.equal(trace.reason, "value 'acme' maps to group 'etl'")
    assert.equal(trace.steps.length, 1)
    assert.deepEqual({ ...trace.steps[0], elapsedMs: 0 }, { index: 0, type: 'header', saw: 'header x-tenant=acme', matched: true, group: 'etl', reason: "value 'acme' maps to group 'etl'", elapsedMs: 0 })
  })

  test('each step records what its router saw and why it did not match', async () => {
    const { group, trace } = await withFallback.route(request('select * from reports.daily'))
    assert.equal(group, 'bi')
    assert.deepEqual(trace.steps.map((s) => [s.index, s.type, s.matched, s.saw]), [
      [0, 'header', false, 'header x-tenant absent'],
      [1, 'queryRegex', true, 'sql "select * from reports.daily"'],
    ])
    assert.ok(trace.steps.every((s) => s.elapsedMs >= 0))
  })

  test('auth users groups feed user routers and userGroup conditions', async () => {
    assert.equal((await withFallback.route(request('select 1', { user: 'sam' }))).group, 'vip')
  })

  test('no match goes to routingFallback with every router in the trace', async () => {
    const { group, trace } = await withFallback.route(request('select 1', { user: 'zoe' }))
    assert.equal(group, 'adhoc')
    assert.equal(trace.decidedBy, 'routingFallback')
    assert.equal(trace.reason, "no router matched; routingFallback is 'adhoc'")
    assert.deepEqual(trace.steps.map((s) => s.matched), [false, false, false, false])
    assert.equal(trace.steps[3]!.saw, 'all(protocol=trinoHttp ✗)')
  })

  test('no routers at all: the fallback decides', async () => {
    const { group, trace } = await chain({ routingFallback: 'etl' }).route(request('select 1'))
    assert.equal(group, 'etl')
    assert.deepEqual(trace.steps, [])
    assert.match(trace.reason, /no routers configured/)
  })

  test('no match and no fallback is ROUTING_NO_MATCH carrying the trace', async () => {
    const error = await chain({ routers }).route(request('select 1')).then(() => undefined, (e: QueryFluxError) => e)
    assert.equal(error?.code, 'ROUTING_NO_MATCH')
    const trace = error?.details.trace as { steps: unknown[], decidedBy: string }
    assert.equal(trace.steps.length, 4)
    assert.equal(trace.decidedBy, 'none')
  })
})

describe('routers that fail or misbehave', () => {
  const throwing: Router = { type: 'broken', evaluate: () => { throw new Error('boom') } }
  const rejecting: Router = { type: 'async', evaluate: async () => await Promise.reject(new Error('script raised ValueError')) }
  const typo: Router = { type: 'typo', evaluate: async () => ({ matched: true, group: 'nope', saw: 'x', reason: 'returned nope' }) }
  const empty: Router = { type: 'empty', evaluate: () => ({ matched: true, saw: 'x', reason: 'said yes' }) }
  const good: Router = { type: 'good', evaluate: async () => ({ matched: true, group: 'etl', saw: 'y', reason: 'fine' }) }

  test('are recorded as not matched with the reason, and routing goes on', async () => {
    const { group, trace } = await new RouterChain([throwing, rejecting, typo, empty, good], undefined, { groups: new Set(['etl']) }).route(request('select 1'))
    assert.equal(group, 'etl')
    assert.equal(trace.decidedBy, 'routers[4] (good)')
    assert.deepEqual(trace.steps.map((s) => [s.matched, s.reason]), [
      [false, 'router failed: boom'],
      [false, 'router failed: script raised ValueError'],
      [false, "chose group 'nope', which is not a configured cluster group"],
      [false, 'said yes; but it named no group'],
      [true, 'fine'],
    ])
    assert.equal(trace.steps[2]!.group, undefined)
  })
})

describe('RouterChain.fromConfig', () => {
  const invalid = (input: Partial<ConfigInput>, message: RegExp): void => {
    assert.throws(() => chain(input), (e: QueryFluxError) => e.code === 'CONFIG_INVALID' && message.test(e.message), String(message))
  }
  test('a router naming an undefined group is a config error naming the router', () => {
    invalid({ routers: [routers[0]!, { type: 'clientTags', tagToGroup: { a: 'etl', b: 'ghost' } }] }, /^routers\[1\] \(clientTags\) sends queries to cluster group 'ghost', which is not defined/)
  })
  test('a bad regex names the router index', () => {
    invalid({ routers: [routers[0]!, routers[1]!, { type: 'queryRegex', rules: [{ regex: '*', targetGroup: 'etl' }] }] }, /^routers\[2\] \(queryRegex\) rules\[0\]: invalid regex/)
  })
  test('a pythonScript router without the pyodide package is a config error naming the router', { skip: hasPyodide && 'pyodide is installed' }, () => {
    invalid({ routers: [routers[0]!, { type: 'pythonScript', script: 'def route(q, c): return None' }] }, /^routers\[1\] \(pythonScript\): .*'pyodide' npm package, which is not installed/)
  })
  test('an undefined routingFallback is a config error', () => {
    invalid({ routingFallback: 'ghost' }, /^routingFallback names cluster group 'ghost'/)
  })
})
