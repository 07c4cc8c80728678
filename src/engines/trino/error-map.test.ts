import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mapTrinoError, mapTrinoHttpStatus } from './error-map.ts'

describe('Trino error map', () => {
  test('maps errorName to kind, keeps the name as engineCode and the location as position', () => {
    const error = mapTrinoError({ message: "line 1:15: Table 'memory.default.x' does not exist", errorCode: 46, errorName: 'TABLE_NOT_FOUND', errorType: 'USER_ERROR', errorLocation: { lineNumber: 1, columnNumber: 15 } }, "Trino cluster 't'")
    assert.equal(error.code, 'ENGINE_ERROR')
    assert.equal(error.details.engineErrorKind, 'undefinedTable')
    assert.equal(error.details.engineCode, 'TABLE_NOT_FOUND')
    assert.deepEqual(error.details.position, { line: 1, column: 15 })
    assert.match(error.message, /^Trino cluster 't': line 1:15: Table/)
  })

  test('maps the standard names the brief lists, and the special outcomes', () => {
    const kinds: Record<string, string> = {
      SYNTAX_ERROR: 'syntax', COLUMN_NOT_FOUND: 'undefinedColumn', FUNCTION_NOT_FOUND: 'undefinedFunction', SCHEMA_NOT_FOUND: 'undefinedSchema',
      DIVISION_BY_ZERO: 'divisionByZero', NUMERIC_VALUE_OUT_OF_RANGE: 'numericOverflow', INVALID_CAST_ARGUMENT: 'invalidValue',
      TABLE_ALREADY_EXISTS: 'duplicateObject', TYPE_MISMATCH: 'typeMismatch', PERMISSION_DENIED: 'permissionDenied', GENERIC_USER_ERROR: 'other',
    }
    for (const [errorName, kind] of Object.entries(kinds)) assert.equal(mapTrinoError({ errorName, message: 'm' }, 'w').details.engineErrorKind, kind, errorName)
    assert.equal(mapTrinoError({ errorName: 'EXCEEDED_LOCAL_MEMORY_LIMIT', errorType: 'INSUFFICIENT_RESOURCES' }, 'w').details.engineErrorKind, 'insufficientResources')
    assert.equal(mapTrinoError({ errorName: 'USER_CANCELED' }, 'w').code, 'CANCELLED')
    assert.equal(mapTrinoError({ errorName: 'EXCEEDED_TIME_LIMIT' }, 'w').code, 'QUERY_TIMEOUT')
    assert.equal(mapTrinoError({ errorName: 'SERVER_STARTING_UP' }, 'w').code, 'ENGINE_UNAVAILABLE')
  })

  test('maps HTTP statuses: auth and server failures make the cluster unavailable', () => {
    assert.equal(mapTrinoHttpStatus(401, 'Unauthorized', 'w').code, 'ENGINE_UNAVAILABLE')
    assert.match(mapTrinoHttpStatus(401, '', 'w').message, /auth/)
    assert.equal(mapTrinoHttpStatus(503, '', 'w').code, 'ENGINE_UNAVAILABLE')
    assert.equal(mapTrinoHttpStatus(400, 'bad', 'w').code, 'ENGINE_ERROR')
  })
})
