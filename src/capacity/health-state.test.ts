/** Health hysteresis: N failures to go unhealthy, M successes to come back. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { HealthState } from './health-state.ts'

test('starts healthy and unchecked', () => {
  const h = new HealthState()
  assert.equal(h.isHealthy, true)
  assert.equal(h.detail, 'not checked yet')
  assert.equal(h.checkedAt, undefined)
})

test('turns unhealthy only after N consecutive failures', () => {
  const h = new HealthState({ unhealthyThreshold: 3, healthyThreshold: 2 })
  assert.equal(h.record(false, 'refused', 1), false)
  assert.equal(h.record(false, 'refused', 2), false)
  assert.equal(h.record(true, 'v1', 3), false, 'a success resets the streak')
  assert.equal(h.record(false, 'refused', 4), false)
  assert.equal(h.record(false, 'refused', 5), false)
  assert.equal(h.record(false, 'timed out', 6), true)
  assert.equal(h.isHealthy, false)
  assert.equal(h.detail, 'timed out')
  assert.equal(h.checkedAt, 6)
})

test('comes back only after M consecutive successes', () => {
  const h = new HealthState({ unhealthyThreshold: 1, healthyThreshold: 2 })
  assert.equal(h.record(false, 'down', 1), true)
  assert.equal(h.record(true, 'v1', 2), false)
  assert.equal(h.record(false, 'down', 3), false, 'a failure resets the streak')
  assert.equal(h.record(true, 'v1', 4), false)
  assert.equal(h.record(true, 'v1', 5), true)
  assert.equal(h.isHealthy, true)
})
