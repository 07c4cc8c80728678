import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { QueryFluxError } from '../core/errors.ts'
import { configError, describeValue, didYouMean, formatConfigError, formatIssue, formatPath, levenshtein, unknownKeyFix } from './issues.ts'

describe('issues', () => {
  test('levenshtein counts insertions, deletions and substitutions', () => {
    assert.equal(levenshtein('', ''), 0)
    assert.equal(levenshtein('abc', ''), 3)
    assert.equal(levenshtein('kitten', 'sitting'), 3)
    assert.equal(levenshtein('strategi', 'strategy'), 1)
  })

  test('didYouMean: case and snake_case first, then the nearest within a third of the length', () => {
    assert.equal(didYouMean('duckdb', ['duckDb', 'trino']), 'duckDb')
    assert.equal(didYouMean('max_running_queries', ['maxRunningQueries', 'maxQueuedQueries']), 'maxRunningQueries')
    assert.equal(didYouMean('maxRunningQuerys', ['maxRunningQueries', 'maxQueuedQueries']), 'maxRunningQueries')
    assert.equal(didYouMean('colour', ['onError', 'cacheSize']), undefined)
    assert.equal(didYouMean('c', ['a', 'b']), undefined, 'one-letter names are not all alike')
  })

  test('unknownKeyFix: explicit renames win, and they apply only where the key meant that', () => {
    assert.equal(unknownKeyFix('maxConcurrency', ['clusterGroups', 'etl'], ['maxRunningQueries']), "it was renamed to 'maxRunningQueries'")
    assert.match(unknownKeyFix('engine', ['clusterGroups', 'etl'], ['members']), /set 'engine' on each cluster/)
    assert.equal(unknownKeyFix('combine', ['translation'], ['onError']), 'remove it; allowed keys here: onError')
  })

  test('formatPath quotes keys that would read ambiguously', () => {
    assert.equal(formatPath(['clusterGroups', 'trino-default', 'members', 0]), 'clusterGroups.trino-default.members[0]')
    assert.equal(formatPath(['clusters', 'a.b', 'engine']), 'clusters["a.b"].engine')
    assert.equal(formatPath([]), '')
  })

  test('formatIssue: path (file:line): message', () => {
    assert.equal(formatIssue({ path: ['a', 'b'], line: 3, message: 'x; y' }, 'f.yaml'), 'a.b (f.yaml:3): x; y')
    assert.equal(formatIssue({ path: [], line: 1, message: 'x' }, 'f.yaml'), 'f.yaml:1: x')
    assert.equal(formatIssue({ path: ['a'], message: 'x' }), 'a: x')
    assert.equal(formatIssue({ path: [], message: 'x' }), 'top level: x')
  })

  test('describeValue never echoes secrets', () => {
    assert.equal(describeValue('ten', 'port'), 'string "ten"')
    assert.equal(describeValue('hunter2', 'password'), 'a string (not shown: secret)')
    assert.equal(describeValue('postgres://u:hunter2@db/x', 'url'), 'string "postgres://u:***@db/x"')
    assert.equal(describeValue([1]), 'a list')
    assert.equal(describeValue(null), 'an empty value (null)')
  })

  test('configError sorts by line and keeps structured issues; formatConfigError adds a header', () => {
    const error = configError([
      { path: ['b'], line: 9, message: 'second' },
      { path: ['a'], line: 2, message: 'first' },
    ], 'f.yaml')
    assert.ok(error instanceof QueryFluxError)
    assert.equal(error.code, 'CONFIG_INVALID')
    assert.equal(error.message, 'a (f.yaml:2): first\nb (f.yaml:9): second')
    assert.deepEqual(error.details.issues, [
      { path: 'a', key: undefined, line: 2, message: 'first' },
      { path: 'b', key: undefined, line: 9, message: 'second' },
    ])
    assert.equal(formatConfigError(error), 'invalid configuration in f.yaml (2 problems):\n  - a (f.yaml:2): first\n  - b (f.yaml:9): second')
    assert.equal(formatConfigError(new Error('boom')), 'boom')
  })
})
