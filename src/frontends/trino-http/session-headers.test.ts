import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { parseRequestSession, sessionUpdateHeaders } from './session-headers.ts'

test('X-Trino-* headers become the session', () => {
  const { prefix, session, preparedStatements, transactionId } = parseRequestSession({
    'x-trino-user': 'alice',
    'x-trino-source': 'trino-cli',
    'x-trino-catalog': 'memory',
    'x-trino-schema': 'main',
    'x-trino-time-zone': 'Europe/Berlin',
    'x-trino-client-tags': 'etl, nightly,,',
    'x-trino-session': 'a=1, b=x%20y+z,queryflux.dialect=duckdb',
    'x-trino-prepared-statement': 'st_1=SELECT+%3F%2C+%27a%2Cb%27,other=SELECT+1',
    'x-trino-transaction-id': 'NONE',
    authorization: 'Basic YWxpY2U6c2VjcmV0',
  }, '127.0.0.1')
  assert.equal(prefix, 'Trino')
  assert.equal(session.user, 'alice')
  assert.equal(session.source, 'trino-cli')
  assert.equal(session.catalog, 'memory')
  assert.equal(session.schema, 'main')
  assert.equal(session.timeZone, 'Europe/Berlin')
  assert.deepEqual(session.clientTags, ['etl', 'nightly'])
  assert.deepEqual(session.properties, { a: '1', b: 'x y z', 'queryflux.dialect': 'duckdb' })
  assert.equal(session.sourceDialect, 'duckdb')
  assert.equal(session.protocol, 'trinoHttp')
  assert.equal(session.headers.authorization, undefined, 'credentials stay out of the session')
  assert.equal(preparedStatements.get('st_1'), `SELECT ?, 'a,b'`)
  assert.equal(transactionId, undefined)
})

test('legacy X-Presto-* headers work and answers use the same prefix', () => {
  const { prefix, session } = parseRequestSession({ 'x-presto-user': 'bob', 'x-presto-schema': 's' }, undefined)
  assert.equal(prefix, 'Presto')
  assert.equal(session.user, 'bob')
  assert.deepEqual(Object.keys(sessionUpdateHeaders(prefix, { schema: 's2' })), ['X-Presto-Set-Schema'])
})

test('a missing user falls back to the Basic auth user, then to anonymous', () => {
  assert.equal(parseRequestSession({ authorization: 'Basic Ym9iOg==' }, undefined).session.user, 'bob')
  assert.equal(parseRequestSession({}, undefined).session.user, 'anonymous')
})

test('malformed session headers and unknown dialects are BAD_REQUEST', () => {
  assert.throws(() => parseRequestSession({ 'x-trino-session': 'novalue' }, undefined), /malformed X-Trino-Session/)
  assert.throws(() => parseRequestSession({ 'x-trino-session': 'a=%E0%A4%A' }, undefined), /URL encoding/)
  assert.throws(() => parseRequestSession({ 'x-trino-session': 'queryflux.dialect=cobol' }, undefined), /queryflux.dialect/)
})

test('a session update becomes X-Trino-Set-* headers with URL-encoded values', () => {
  const headers = sessionUpdateHeaders('Trino', {
    catalog: 'memory',
    schema: 'main',
    setProperties: { a: 'x y,z' },
    resetProperties: ['b'],
    addedPreparedStatements: { st: 'SELECT ?, \'a,b\'' },
    deallocatedPreparedStatements: ['old'],
    endedTransaction: true,
  })
  assert.deepEqual(headers, {
    'X-Trino-Set-Catalog': 'memory',
    'X-Trino-Set-Schema': 'main',
    'X-Trino-Set-Session': ['a=x%20y%2Cz'],
    'X-Trino-Clear-Session': ['b'],
    'X-Trino-Added-Prepare': ['st=SELECT%20%3F%2C%20\'a%2Cb\''],
    'X-Trino-Deallocated-Prepare': ['old'],
    'X-Trino-Clear-Transaction-Id': 'true',
  })
  assert.match(String(sessionUpdateHeaders('Trino', { startedTransaction: true })['X-Trino-Started-Transaction-Id']), /^[0-9a-f-]{36}$/)
})

test('any header value parses or fails with BAD_REQUEST (property)', () => {
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', '=', ',', '%', '2', 'G', '+', ' ', 'é') }), fc.string(), (session, prepared) => {
    try {
      parseRequestSession({ 'x-trino-session': session, 'x-trino-prepared-statement': prepared, 'x-trino-client-tags': prepared }, undefined)
    } catch (error) {
      assert.equal((error as { code?: string }).code, 'BAD_REQUEST', (error as Error).message)
    }
  }), { numRuns: 3000 })
})
