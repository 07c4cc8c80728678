/** Passive failure tracking: closed → open after K engine failures → half-open after the cool-down → closed or open again. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CircuitBreaker } from './circuit-breaker.ts'

function breaker (failureThreshold = 3, coolDownMs = 1000): { breaker: CircuitBreaker, advance: (ms: number) => void } {
  let now = 0
  return { breaker: new CircuitBreaker({ failureThreshold, coolDownMs, now: () => now }), advance: (ms) => { now += ms } }
}

test('opens after K consecutive engine failures, not before', () => {
  const { breaker: b } = breaker(3)
  assert.equal(b.record('engineFailure'), undefined)
  assert.equal(b.record('engineFailure'), undefined)
  assert.equal(b.state, 'closed')
  assert.equal(b.record('engineFailure'), 'opened')
  assert.equal(b.state, 'open')
  assert.equal(b.canAdmit(), false)
})

test('a success or a query error in between resets the count; a cancel does not', () => {
  const { breaker: b } = breaker(2)
  b.record('engineFailure')
  b.record('success')
  b.record('engineFailure')
  b.record('queryError')
  b.record('engineFailure')
  assert.equal(b.state, 'closed')
  b.record('cancelled')
  assert.equal(b.record('engineFailure'), 'opened')
})

test('after the cool-down one trial query at a time; its answer closes the circuit', () => {
  const { breaker: b, advance } = breaker(1, 1000)
  b.record('engineFailure')
  advance(999)
  assert.equal(b.state, 'open')
  assert.equal(b.remainingOpenMs, 1)
  advance(1)
  assert.equal(b.state, 'halfOpen')
  assert.equal(b.canAdmit(), true)
  b.admitted()
  assert.equal(b.canAdmit(), false, 'only one trial in flight')
  assert.equal(b.record('queryError'), 'closed')
  assert.equal(b.state, 'closed')
  assert.equal(b.canAdmit(), true)
})

test('a failed trial opens the circuit for a new cool-down', () => {
  const { breaker: b, advance } = breaker(2, 1000)
  b.record('engineFailure')
  b.record('engineFailure')
  advance(1000)
  b.admitted()
  assert.equal(b.record('engineFailure'), 'opened')
  assert.equal(b.state, 'open')
  advance(999)
  assert.equal(b.state, 'open')
  advance(1)
  assert.equal(b.state, 'halfOpen')
})

test('a cancelled trial lets the next query try', () => {
  const { breaker: b, advance } = breaker(1, 10)
  b.record('engineFailure')
  advance(10)
  b.admitted()
  assert.equal(b.canAdmit(), false)
  assert.equal(b.record('cancelled'), undefined)
  assert.equal(b.canAdmit(), true)
  assert.equal(b.state, 'halfOpen')
})
