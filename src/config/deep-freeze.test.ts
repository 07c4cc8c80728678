import { test } from 'node:test'
import assert from 'node:assert/strict'
import { deepFreeze } from './deep-freeze.ts'

test('deepFreeze freezes nested objects and arrays, and survives cycles', () => {
  const value: { a: { b: number[] }, self?: unknown } = { a: { b: [1, 2] } }
  value.self = value
  assert.equal(deepFreeze(value), value)
  assert.ok(Object.isFrozen(value) && Object.isFrozen(value.a) && Object.isFrozen(value.a.b))
  assert.throws(() => { value.a.b.push(3) }, TypeError)
  assert.throws(() => { (value.a as { c?: number }).c = 1 }, TypeError)
})
