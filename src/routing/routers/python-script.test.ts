/**
 * pythonScript routers.
 *
 * `pyodide` is not installed in this repository yet (it is an optional dependency, tens of MB),
 * so the tests that run real Python skip themselves when it does not resolve. The host's call
 * machinery (one call at a time, time limit, interrupt, terminate-and-restart, load failures)
 * is tested on real worker threads whose Python interpreter is replaced by a small stand-in
 * script that speaks the same messages: it is a test double for Pyodide only, which cannot run
 * here, and no router logic is replaced.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import type { QueryFluxError } from '../../core/errors.ts'
import type { QueryRequest } from '../../core/query-request.ts'
import { PythonHost } from './python-host.ts'
import type { SpawnWorker } from './python-host.ts'
import { PythonScriptRouter, scriptContext } from './python-script.ts'

const hasPyodide = ((): boolean => { try { import.meta.resolve('pyodide'); return true } catch { return false } })()

const request = (sql: string, user = 'alice'): QueryRequest => ({ sql, session: { user, protocol: 'trinoHttp', headers: { 'x-tenant': 'acme' }, clientTags: ['etl'], properties: {}, catalog: 'hive' } })
/** A request the script's tenant rule does not catch, so the query text decides. */
const withoutHeaders = (sql: string): QueryRequest => ({ ...request(sql), session: { ...request(sql).session, headers: {} } })

/** Stand-in interpreter: answers the query text as the group, 'none' as None; 'spin' loops until interrupted; 'stuck' ignores interrupts. */
const STAND_IN = `
const { parentPort, workerData } = require('node:worker_threads')
const flag = new Int32Array(workerData.interrupt)
if (workerData.source.includes('BROKEN')) {
  parentPort.postMessage({ type: 'initFailed', message: 'SyntaxError: invalid syntax (<routing script>, line 1)' })
} else {
  parentPort.on('message', ({ id, input }) => {
    const { query, ctx } = JSON.parse(input)
    if (query === 'spin') { while (Atomics.load(flag, 0) === 0) {} parentPort.postMessage({ type: 'result', id, output: JSON.stringify({ error: 'KeyboardInterrupt: ' }) }); return }
    if (query === 'stuck') { for (;;) {} }
    if (query === 'ctx') { parentPort.postMessage({ type: 'result', id, output: JSON.stringify({ group: ctx.user + '/' + ctx.headers['x-tenant'] }) }); return }
    parentPort.postMessage({ type: 'result', id, output: JSON.stringify({ group: query === 'none' ? null : query }) })
  })
  parentPort.postMessage({ type: 'ready' })
}
`

function standIn (): { spawn: SpawnWorker, spawned: () => number } {
  let count = 0
  return { spawn: (workerData) => { count++; return new Worker(STAND_IN, { eval: true, workerData }) }, spawned: () => count }
}

const call = (query: string): string => JSON.stringify({ query, ctx: scriptContext(request(query)) })

describe('PythonScriptRouter config', () => {
  test('without pyodide installed, building the router is a CONFIG_INVALID naming the router and the package', { skip: hasPyodide && 'pyodide is installed' }, () => {
    assert.throws(() => new PythonScriptRouter({ script: 'def route(q, c): return None', timeoutMs: 50 }, 'routers[2] (pythonScript)'),
      (e: QueryFluxError) => e.code === 'CONFIG_INVALID' && e.message.startsWith("routers[2] (pythonScript): pythonScript routers run Python on the 'pyodide' npm package, which is not installed"))
  })
  test('exactly one of script and scriptFile; an unreadable file is named', () => {
    const where = 'routers[0] (pythonScript)'
    assert.throws(() => new PythonScriptRouter({ timeoutMs: 50 }, where), /set exactly one of script/)
    assert.throws(() => new PythonScriptRouter({ script: 'x', scriptFile: '/x.py', timeoutMs: 50 }, where), /set exactly one of script/)
    assert.throws(() => new PythonScriptRouter({ scriptFile: '/nonexistent/route.py', timeoutMs: 50 }, where), (e: QueryFluxError) => e.code === 'CONFIG_INVALID' && /cannot read scriptFile '\/nonexistent\/route.py'/.test(e.message))
  })
  test('the script sees the SQL and the session as ctx', () => {
    assert.deepEqual(scriptContext(request('select 1')), { user: 'alice', protocol: 'trinoHttp', headers: { 'x-tenant': 'acme' }, clientTags: ['etl'], properties: {}, catalog: 'hive' })
  })
})

describe('PythonHost call machinery (stand-in interpreter)', () => {
  test('answers calls in order and maps them to verdicts', async () => {
    const { spawn } = standIn()
    const router = new PythonScriptRouter({ script: 'ok', timeoutMs: 5000 }, 'routers[0] (pythonScript)', { isAvailable: () => true, spawn })
    try {
      await router.warmUp()
      const verdicts = await Promise.all(['etl', 'none', 'ctx'].map(async (sql) => await router.evaluate(request(sql))))
      assert.deepEqual(verdicts, [
        { matched: true, group: 'etl', saw: "route(query, ctx) → 'etl'", reason: "the script chose group 'etl'" },
        { matched: false, saw: 'route(query, ctx) → None', reason: 'the script returned None' },
        { matched: true, group: 'alice/acme', saw: "route(query, ctx) → 'alice/acme'", reason: "the script chose group 'alice/acme'" },
      ])
    } finally {
      await router.close()
    }
  })

  test('a call past its time limit is answered at once and interrupted; the same worker serves the next', async () => {
    const { spawn, spawned } = standIn()
    const host = new PythonHost('ok', 30, 'routers[0] (pythonScript)', spawn)
    try {
      assert.deepEqual(await host.call(call('spin')), { error: 'the script exceeded its time limit of 30 ms' })
      assert.deepEqual(await host.call(call('etl')), { group: 'etl' })
      assert.equal(spawned(), 1)
    } finally {
      await host.close()
    }
  })

  test('a script that ignores the interrupt has its thread terminated and replaced', async () => {
    const { spawn, spawned } = standIn()
    const host = new PythonHost('ok', 20, 'routers[0] (pythonScript)', spawn)
    try {
      const [stuck, next] = await Promise.all([host.call(call('stuck')), host.call(call('etl'))])
      assert.deepEqual(stuck, { error: 'the script exceeded its time limit of 20 ms' })
      assert.deepEqual(next, { group: 'etl' })
      assert.equal(spawned(), 2)
    } finally {
      await host.close()
    }
  })

  test('a script that does not load fails warmUp with CONFIG_INVALID and every call, without restarting', async () => {
    const { spawn, spawned } = standIn()
    const router = new PythonScriptRouter({ script: 'BROKEN', timeoutMs: 50 }, 'routers[1] (pythonScript)', { isAvailable: () => true, spawn })
    try {
      await assert.rejects(router.warmUp(), (e: QueryFluxError) => e.code === 'CONFIG_INVALID' && e.message === 'routers[1] (pythonScript): the script did not load: SyntaxError: invalid syntax (<routing script>, line 1)')
      const verdict = await router.evaluate(request('etl'))
      assert.equal(verdict.matched, false)
      assert.match(verdict.reason, /^script failed: the script did not load: SyntaxError/)
      await router.evaluate(request('etl'))
      assert.equal(spawned(), 1)
    } finally {
      await router.close()
    }
  })

  test('the real worker loads in a thread and reports a missing pyodide as a load failure', { skip: hasPyodide && 'pyodide is installed' }, async () => {
    const host = new PythonHost('def route(q, c): return None', 50, 'routers[0] (pythonScript)')
    try {
      await assert.rejects(host.warmUp(), (e: QueryFluxError) => e.code === 'CONFIG_INVALID' && /^routers\[0\] \(pythonScript\): the script did not load: .*pyodide/.test(e.message))
      assert.match((await host.call(call('etl')) as { error: string }).error, /the script did not load/)
    } finally {
      await host.close()
    }
  })

  test('a worker that cannot be spawned is a load failure, not a crash', async () => {
    const host = new PythonHost('ok', 50, 'r', () => { throw new Error('no threads') })
    await assert.rejects(host.warmUp(), /the script's worker did not start: no threads/)
    assert.deepEqual(await host.call(call('etl')), { error: "the script's worker did not start: no threads" })
  })

  test('after close, calls are answered without a worker', async () => {
    const { spawn } = standIn()
    const host = new PythonHost('ok', 50, 'r', spawn)
    await host.close()
    assert.deepEqual(await host.call(call('etl')), { error: 'the router is closed' })
  })
})

describe('PythonScriptRouter on real Pyodide', { skip: !hasPyodide && 'pyodide is not installed (optional dependency)' }, () => {
  const where = 'routers[0] (pythonScript)'
  const script = [
    'import re',
    'def route(query, ctx):',
    "    if ctx['headers'].get('x-tenant') == 'acme': return 'etl'",
    "    if re.match(r'\\s*insert', query, re.I): return 'etl'",
    "    if query == 'loop':",
    '        while True: pass',
    "    if query == 'raise': raise ValueError('bad input')",
    "    if query == 'js':",
    '        import js',
    "    if query == 'os':",
    '        import os',
    "    if query == 'int': return 7",
    '    return None',
  ].join('\n')

  test('routes, returns None, reports exceptions and wrong types, and blocks the JS bridge and other imports', async () => {
    const router = new PythonScriptRouter({ script, timeoutMs: 200 }, where)
    try {
      await router.warmUp()
      assert.equal((await router.evaluate({ ...request('select 1'), session: { ...request('x').session, headers: { 'x-tenant': 'acme' } } })).group, 'etl')
      assert.equal((await router.evaluate(request('INSERT INTO t VALUES (1)', 'bob'))).group, 'etl')
      assert.equal((await router.evaluate({ ...request('select 1'), session: { ...request('x').session, headers: {} } })).reason, 'the script returned None')
      assert.match((await router.evaluate(withoutHeaders('raise'))).reason, /ValueError: bad input/)
      assert.match((await router.evaluate(withoutHeaders('int'))).reason, /returned int/)
      assert.match((await router.evaluate(withoutHeaders('js'))).reason, /ImportError|ModuleNotFoundError/)
      assert.match((await router.evaluate(withoutHeaders('os'))).reason, /'os' is not allowed/)
      assert.match((await router.evaluate(withoutHeaders('loop'))).reason, /exceeded its time limit of 200 ms/)
      assert.equal((await router.evaluate(request('INSERT INTO t VALUES (2)'))).group, 'etl', 'works after an interrupted call')
    } finally {
      await router.close()
    }
  })

  test('a syntax error fails warmUp with CONFIG_INVALID', async () => {
    const router = new PythonScriptRouter({ script: 'def route(query, ctx)\n  return None', timeoutMs: 50 }, where)
    try {
      await assert.rejects(router.warmUp(), (e: QueryFluxError) => e.code === 'CONFIG_INVALID' && /SyntaxError/.test(e.message))
    } finally {
      await router.close()
    }
  })
})
