import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { engineErrorKindOfMessage, mapAthenaApiError, mapAthenaFailure } from './error-map.ts'

describe('Athena error map', () => {
  test('a FAILED query: kind from the message, error name as engineCode, line:column as position', () => {
    const error = mapAthenaFailure({ State: 'FAILED', StateChangeReason: "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.x' does not exist",
      AthenaError: { ErrorCategory: 2, ErrorType: 1301, Retryable: false } }, "Athena cluster 'a'")
    assert.equal(error.code, 'ENGINE_ERROR')
    assert.equal(error.details.engineErrorKind, 'undefinedTable')
    assert.equal(error.details.engineCode, 'TABLE_NOT_FOUND')
    assert.deepEqual(error.details.position, { line: 1, column: 15 })
    assert.match(error.message, /^Athena cluster 'a': TABLE_NOT_FOUND/)
  })

  test('engine v3 messages without an error name still find their kind; the ErrorType names the code', () => {
    const error = mapAthenaFailure({ StateChangeReason: "line 1:8: mismatched input 'FORM'. Expecting: <expression>", AthenaError: { ErrorCategory: 2, ErrorType: 1003 } }, 'w')
    assert.equal(error.details.engineErrorKind, 'syntax')
    assert.equal(error.details.engineCode, 'ATHENA_ERROR_TYPE_1003')
    const kinds: Record<string, string> = {
      "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved": 'undefinedColumn',
      "line 1:8: Function 'nope' not registered": 'undefinedFunction',
      'SCHEMA_NOT_FOUND: Schema nope does not exist': 'undefinedSchema',
      'DIVISION_BY_ZERO: Division by zero': 'divisionByZero',
      "INVALID_CAST_ARGUMENT: Cannot cast 'abc' to INT": 'invalidValue',
      'Query exhausted resources at this scale factor': 'insufficientResources',
      'something else': 'other',
    }
    for (const [message, kind] of Object.entries(kinds)) assert.equal(engineErrorKindOfMessage(message), kind, message)
  })

  test('a retryable system error makes the cluster unavailable', () => {
    assert.equal(mapAthenaFailure({ StateChangeReason: 'internal', AthenaError: { ErrorCategory: 1, Retryable: true } }, 'w').code, 'ENGINE_UNAVAILABLE')
  })

  test('API errors: MALFORMED_QUERY is a syntax error, throttling and credentials make the cluster unavailable', () => {
    const malformed = Object.assign(new Error('Queries of this type are not supported'), { name: 'InvalidRequestException', AthenaErrorCode: 'MALFORMED_QUERY' })
    assert.deepEqual([mapAthenaApiError(malformed, 'w').code, mapAthenaApiError(malformed, 'w').details.engineErrorKind], ['ENGINE_ERROR', 'syntax'])
    assert.equal(mapAthenaApiError(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }), 'w').code, 'ENGINE_UNAVAILABLE')
    const credentials = mapAthenaApiError(Object.assign(new Error('The security token included in the request is invalid'), { name: 'UnrecognizedClientException' }), 'w')
    assert.equal(credentials.code, 'ENGINE_UNAVAILABLE')
    assert.match(credentials.message, /AWS credentials/)
  })
})
