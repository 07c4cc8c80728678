import { test } from 'node:test'
import assert from 'node:assert/strict'
import { errors, ErrorCode } from '../../core/errors.ts'
import { TRINO_ERRORS, toTrinoError, trinoErrorCodeOf } from './error-map.ts'

test('every code maps to a Trino StandardErrorCode with its number and type', () => {
  for (const code of Object.values(ErrorCode)) assert.ok(TRINO_ERRORS[code].errorName.length > 0, code)
  assert.deepEqual(TRINO_ERRORS.QUEUE_FULL, { errorName: 'QUERY_QUEUE_FULL', errorCode: 131074, errorType: 'INSUFFICIENT_RESOURCES' })
  assert.deepEqual(TRINO_ERRORS.CANCELLED, { errorName: 'USER_CANCELED', errorCode: 3, errorType: 'USER_ERROR' })
  assert.deepEqual(TRINO_ERRORS.ENGINE_UNAVAILABLE, { errorName: 'NO_NODES_AVAILABLE', errorCode: 65541, errorType: 'INTERNAL_ERROR' })
  assert.deepEqual(TRINO_ERRORS.SHUTTING_DOWN, { errorName: 'SERVER_SHUTTING_DOWN', errorCode: 65545, errorType: 'INTERNAL_ERROR' })
})

test('engine errors are refined by their kind, and a Trino engine keeps its own name', () => {
  assert.deepEqual(trinoErrorCodeOf(errors.engineError('x', undefined, { engineErrorKind: 'syntax' })), { errorName: 'SYNTAX_ERROR', errorCode: 1, errorType: 'USER_ERROR' })
  assert.equal(trinoErrorCodeOf(errors.engineError('x', undefined, { engineErrorKind: 'undefinedTable' })).errorCode, 46)
  assert.equal(trinoErrorCodeOf(errors.engineError('x', undefined, { engineErrorKind: 'divisionByZero' })).errorName, 'DIVISION_BY_ZERO')
  assert.equal(trinoErrorCodeOf(errors.engineError('x')).errorName, 'GENERIC_USER_ERROR')
  assert.deepEqual(trinoErrorCodeOf(errors.engineError('x', undefined, { engine: 'trino', engineCode: 'EXCEEDED_LOCAL_MEMORY_LIMIT', engineErrorKind: 'other' })), { errorName: 'EXCEEDED_LOCAL_MEMORY_LIMIT', errorCode: 131079, errorType: 'INSUFFICIENT_RESOURCES' })
})

test('the error object carries the message, location and failure info', () => {
  const cause = new Error('Parser Error: syntax error at or near "SELEC"')
  const error = toTrinoError(errors.engineError('syntax error at or near "SELEC"', cause, { engineErrorKind: 'syntax', position: { line: 1, column: 1 } }))
  assert.equal(error.message, 'syntax error at or near "SELEC"')
  assert.equal(error.errorName, 'SYNTAX_ERROR')
  assert.deepEqual(error.errorLocation, { lineNumber: 1, columnNumber: 1 })
  assert.equal(error.failureInfo.message, error.message)
  assert.equal(error.failureInfo.cause?.message, cause.message)
  assert.deepEqual(error.failureInfo.errorLocation, { lineNumber: 1, columnNumber: 1 })
})
