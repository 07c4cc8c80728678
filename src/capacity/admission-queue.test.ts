/** The bounded FIFO of waiters: order, bound, wait limit, cancellation, and no leaked entries. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { errors } from '../core/errors.ts'
import type { QueryFluxError } from '../core/errors.ts'
import { AdmissionQueue } from './admission-queue.ts'

const LONG = 60_000

function waitOn (queue: AdmissionQueue<number, string>, payload: number, signal = new AbortController().signal, timeoutMs = LONG): Promise<string> {
  return queue.wait(payload, {
    signal,
    timeoutMs,
    onTimeout: (ms) => errors.queueTimeout('g', ms),
    onFull: () => errors.queueFull('g', queue.maxLength),
  })
}

const settle = async <T>(p: Promise<T>): Promise<T | QueryFluxError> => await p.catch((e: QueryFluxError) => e)

describe('AdmissionQueue', () => {
  test('grants waiters in arrival order', async () => {
    const queue = new AdmissionQueue<number, string>({ maxLength: 10 })
    const waits = [1, 2, 3].map((n) => waitOn(queue, n))
    assert.equal(queue.length, 3)
    const order: number[] = []
    assert.equal(queue.offer((n) => { order.push(n); return order.length <= 2 ? { grant: `slot-${n}` } : 'stop' }), 2)
    assert.deepEqual(order, [1, 2, 3])
    assert.deepEqual(await Promise.all(waits.slice(0, 2)), ['slot-1', 'slot-2'])
    assert.equal(queue.length, 1)
    queue.offer((n) => ({ grant: `slot-${n}` }))
    assert.equal(await waits[2], 'slot-3')
    assert.equal(queue.length, 0)
    assert.equal(queue.footprint, 0)
  })

  test('skip leaves a waiter queued in its place; reject removes it', async () => {
    const queue = new AdmissionQueue<number, string>({ maxLength: 10 })
    const [a, b, c] = [1, 2, 3].map((n) => waitOn(queue, n))
    queue.offer((n) => (n === 1 ? 'skip' : n === 2 ? { reject: errors.engineUnavailable('x', 'down') } : { grant: 'c' }))
    assert.equal(await c, 'c')
    assert.equal((await settle(b!) as QueryFluxError).code, 'ENGINE_UNAVAILABLE')
    assert.equal(queue.length, 1)
    queue.offer(() => ({ grant: 'a' }))
    assert.equal(await a, 'a')
  })

  test('is bounded: a wait on a full queue rejects with QUEUE_FULL and a zero-length queue takes nobody', async () => {
    const queue = new AdmissionQueue<number, string>({ maxLength: 2 })
    const held = [waitOn(queue, 1), waitOn(queue, 2)]
    assert.equal(queue.isFull, true)
    assert.equal((await settle(waitOn(queue, 3)) as QueryFluxError).code, 'QUEUE_FULL')
    assert.equal(queue.length, 2)
    queue.rejectAll(errors.shuttingDown())
    for (const p of held) assert.equal((await settle(p) as QueryFluxError).code, 'SHUTTING_DOWN')
    const none = new AdmissionQueue<number, string>({ maxLength: 0 })
    assert.equal((await settle(waitOn(none, 1)) as QueryFluxError).code, 'QUEUE_FULL')
  })

  test('a waiter past its wait limit rejects with QUEUE_TIMEOUT and has left the queue', async () => {
    const queue = new AdmissionQueue<number, string>({ maxLength: 5 })
    const stays = waitOn(queue, 1)
    const error = await settle(waitOn(queue, 2, undefined, 5)) as QueryFluxError
    assert.equal(error.code, 'QUEUE_TIMEOUT')
    assert.match(error.message, /waited \d+ ms in the queue of cluster group 'g'/)
    assert.equal(queue.length, 1)
    queue.offer(() => ({ grant: 'x' }))
    assert.equal(await stays, 'x')
  })

  test('a cancelled waiter leaves at once with the signal reason, and is never offered', async () => {
    const queue = new AdmissionQueue<number, string>({ maxLength: 5 })
    const controller = new AbortController()
    const cancelled = waitOn(queue, 1, controller.signal)
    const other = waitOn(queue, 2)
    controller.abort()
    assert.equal(queue.length, 1, 'removed synchronously')
    assert.equal((await settle(cancelled) as QueryFluxError).code, 'CANCELLED')
    const offered: number[] = []
    queue.offer((n) => { offered.push(n); return { grant: 'ok' } })
    assert.deepEqual(offered, [2])
    assert.equal(await other, 'ok')
    const reason = errors.shuttingDown()
    const custom = new AbortController()
    const p = waitOn(queue, 3, custom.signal)
    custom.abort(reason)
    assert.equal(await settle(p), reason)
    const early = new AbortController()
    early.abort()
    assert.equal((await settle(waitOn(queue, 4, early.signal)) as QueryFluxError).code, 'CANCELLED')
    assert.equal(queue.length, 0)
  })

  test('reports the oldest live waiter', () => {
    let now = 100
    const queue = new AdmissionQueue<number, string>({ maxLength: 5, now: () => now })
    assert.equal(queue.oldestEnqueuedAt, undefined)
    const first = new AbortController()
    void settle(waitOn(queue, 1, first.signal))
    now = 150
    const second = new AbortController()
    void settle(waitOn(queue, 2, second.signal))
    assert.equal(queue.oldestEnqueuedAt, 100)
    first.abort()
    assert.equal(queue.oldestEnqueuedAt, 150)
    second.abort()
  })

  test('memory stays proportional to live waiters when waiters behind a stuck head keep cancelling', async () => {
    const queue = new AdmissionQueue<number, string>({ maxLength: 100_000 })
    const head = waitOn(queue, 0)
    for (let i = 1; i <= 10_000; i++) {
      const controller = new AbortController()
      const p = settle(waitOn(queue, i, controller.signal))
      controller.abort()
      await p
    }
    assert.equal(queue.length, 1)
    assert.ok(queue.footprint <= 32, `footprint ${queue.footprint}`)
    queue.offer(() => ({ grant: 'head' }))
    assert.equal(await head, 'head')
  })
})

describe('AdmissionQueue under random operations', () => {
  type Op = { kind: 'wait' } | { kind: 'cancel', pick: number } | { kind: 'grant', count: number } | { kind: 'skipOdd' }
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.constant<Op>({ kind: 'wait' }),
    fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('grant' as const), count: fc.integer({ min: 1, max: 4 }) }),
    fc.constant<Op>({ kind: 'skipOdd' }),
  )

  test('matches a model: FIFO grants, bound respected, every waiter settled once, no leaked slots', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 200 }), fc.integer({ min: 0, max: 20 }), async (ops, maxLength) => {
      const queue = new AdmissionQueue<number, string>({ maxLength })
      const model: number[] = []
      const controllers = new Map<number, AbortController>()
      const outcomes = new Map<number, Promise<string | QueryFluxError>>()
      const granted: number[] = []
      const expected: number[] = []
      let next = 0
      for (const o of ops) {
        if (o.kind === 'wait') {
          const id = next++
          const controller = new AbortController()
          controllers.set(id, controller)
          const wasFull = model.length >= maxLength
          outcomes.set(id, settle(waitOn(queue, id, controller.signal)))
          if (!wasFull) model.push(id)
        } else if (o.kind === 'cancel') {
          if (model.length === 0) continue
          const id = model.splice(o.pick % model.length, 1)[0]!
          controllers.get(id)!.abort()
        } else if (o.kind === 'grant') {
          let left = o.count
          queue.offer((id) => { if (left === 0) return 'stop'; left--; granted.push(id); return { grant: `g${id}` } })
          expected.push(...model.splice(0, o.count))
        } else {
          queue.offer((id) => (id % 2 === 1 ? { grant: `g${id}` } : 'skip'))
          for (const id of model.filter((x) => x % 2 === 1)) { granted.push(id); expected.push(id) }
          model.splice(0, model.length, ...model.filter((x) => x % 2 === 0))
        }
        assert.equal(queue.length, model.length)
        assert.ok(queue.length <= maxLength)
        assert.ok(queue.footprint <= Math.max(2 * 16, 2 * queue.length + 16), `footprint ${queue.footprint} for ${queue.length}`)
      }
      assert.deepEqual(granted, expected)
      queue.rejectAll(errors.shuttingDown())
      assert.equal(queue.length, 0)
      assert.equal(queue.footprint, 0)
      for (const [id, outcome] of outcomes) {
        const value = await outcome
        if (granted.includes(id)) assert.equal(value, `g${id}`)
        else assert.ok(typeof value !== 'string', `waiter ${id} was never granted but resolved`)
      }
    }), { numRuns: 300 })
  })
})
