import { test } from 'node:test'
import assert from 'node:assert/strict'
import { errors, ErrorCode, QueryFluxError, toQueryFluxError, isQueryFluxError } from './errors.ts'

test('named constructors give stable codes and actionable messages', () => {
  const full = errors.queueFull('etl', 100)
  assert.equal(full.code, ErrorCode.QUEUE_FULL)
  assert.match(full.message, /clusterGroups\.etl\.maxQueuedQueries/)
  assert.equal(full.details.group, 'etl')
  assert.equal(errors.routingNoMatch().code, 'ROUTING_NO_MATCH')
  assert.match(errors.translationFailed('trino', 'duckdb', 'bad token').message, /onError to passthrough/)
})

test('the engine error is kept as cause and details merge without losing it', () => {
  const cause = new Error('Parser Error: syntax error at or near "SELEC"')
  const error = errors.engineError('syntax error at or near "SELEC"', cause, { engineErrorKind: 'syntax' }).withDetails({ group: 'g', cluster: 'c' })
  assert.equal(error.cause, cause)
  assert.deepEqual({ ...error.details }, { engineErrorKind: 'syntax', group: 'g', cluster: 'c' })
})

test('anything thrown becomes a QueryFluxError; coded errors pass through unchanged', () => {
  const coded = errors.cancelled()
  assert.equal(toQueryFluxError(coded), coded)
  const wrapped = toQueryFluxError(new TypeError('x is undefined'))
  assert.ok(isQueryFluxError(wrapped))
  assert.equal(wrapped.code, ErrorCode.INTERNAL_ERROR)
  assert.ok(wrapped instanceof QueryFluxError)
  assert.equal(toQueryFluxError('plain string').code, 'INTERNAL_ERROR')
})
