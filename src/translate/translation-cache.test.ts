import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { errors } from '../core/errors.ts'
import { cacheKey, TranslationCache } from './translation-cache.ts'

const value = (sql: string) => ({ sql, rewrites: [] })

describe('TranslationCache', () => {
  test('counts a miss, then a hit for the same (from, to, sql)', () => {
    const cache = new TranslationCache(10)
    const key = cacheKey('SELECT 1', 'trino', 'duckdb')
    assert.equal(cache.lookup(key).kind, 'miss')
    cache.store(key, value('SELECT 1'))
    assert.deepEqual(cache.lookup(key), { kind: 'hit', value: value('SELECT 1') })
    assert.equal(cache.stats().hits, 1)
    assert.equal(cache.stats().misses, 1)
  })

  test('keys differ by dialect pair as well as by text', () => {
    assert.notEqual(cacheKey('SELECT 1', 'trino', 'duckdb'), cacheKey('SELECT 1', 'mysql', 'duckdb'))
    assert.notEqual(cacheKey('SELECT 1', 'trino', 'duckdb'), cacheKey('SELECT 1', 'trino', 'postgres'))
  })

  test('evicts the least recently used entry past its capacity', () => {
    const cache = new TranslationCache(2)
    cache.store('a', value('a'))
    cache.store('b', value('b'))
    assert.equal(cache.lookup('a').kind, 'hit') // a is now younger than b
    cache.store('c', value('c'))
    assert.equal(cache.lookup('b').kind, 'miss')
    assert.equal(cache.lookup('a').kind, 'hit')
    assert.equal(cache.lookup('c').kind, 'hit')
    assert.equal(cache.stats().evictions, 1)
    assert.equal(cache.stats().size, 2)
  })

  test('keeps failures apart, so bad statements cannot evict good ones', () => {
    const cache = new TranslationCache(10)
    cache.store('good', value('good'))
    for (let i = 0; i < 50; i++) cache.storeFailure(`bad${i}`, errors.translationFailed('trino', 'duckdb', 'nope'))
    assert.equal(cache.lookup('good').kind, 'hit')
    assert.equal(cache.stats().failureSize, 1)
    const failure = cache.lookup('bad49')
    assert.equal(failure.kind, 'failure')
    assert.equal(cache.stats().failureHits, 1)
  })

  test('capacity 0 caches nothing', () => {
    const cache = new TranslationCache(0)
    cache.store('a', value('a'))
    cache.storeFailure('b', errors.translationFailed('trino', 'duckdb', 'nope'))
    assert.equal(cache.lookup('a').kind, 'miss')
    assert.equal(cache.lookup('b').kind, 'miss')
  })
})
