/** Each selection strategy's distribution over candidates. */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import type { Candidate, SelectionStrategy } from './selection-strategy.ts'
import { RoundRobinStrategy } from './round-robin.ts'
import { LeastLoadedStrategy } from './least-loaded.ts'
import { FailoverStrategy } from './failover.ts'
import { WeightedStrategy } from './weighted.ts'

const candidate = (name: string, index: number, extra: Partial<Candidate> = {}): Candidate =>
  ({ name, index, running: 0, limit: 10, weight: 1, priority: 0, ...extra })

function picks (strategy: SelectionStrategy, candidates: readonly Candidate[], n: number): string[] {
  return Array.from({ length: n }, () => strategy.pick(candidates).name)
}

function counts (names: readonly string[]): Record<string, number> {
  const result: Record<string, number> = {}
  for (const n of names) result[n] = (result[n] ?? 0) + 1
  return result
}

describe('roundRobin', () => {
  test('takes members in turn', () => {
    const all = [candidate('a', 0), candidate('b', 1), candidate('c', 2)]
    assert.deepEqual(picks(new RoundRobinStrategy(3), all, 7), ['a', 'b', 'c', 'a', 'b', 'c', 'a'])
    assert.deepEqual(counts(picks(new RoundRobinStrategy(3), all, 300)), { a: 100, b: 100, c: 100 })
  })
  test('skips a member that cannot take the query and keeps the turn order', () => {
    const strategy = new RoundRobinStrategy(3)
    assert.equal(strategy.pick([candidate('a', 0), candidate('b', 1), candidate('c', 2)]).name, 'a')
    assert.equal(strategy.pick([candidate('a', 0), candidate('c', 2)]).name, 'c')
    assert.equal(strategy.pick([candidate('a', 0), candidate('b', 1), candidate('c', 2)]).name, 'a')
    assert.equal(strategy.pick([candidate('a', 0), candidate('b', 1), candidate('c', 2)]).name, 'b')
  })
})

describe('leastLoaded', () => {
  test('picks the lowest share of its limit in use', () => {
    const strategy = new LeastLoadedStrategy(3)
    assert.equal(strategy.pick([candidate('a', 0, { running: 3 }), candidate('b', 1, { running: 1 }), candidate('c', 2, { running: 2 })]).name, 'b')
    // 5 of 40 is less loaded than 2 of 10.
    assert.equal(strategy.pick([candidate('small', 0, { running: 2, limit: 10 }), candidate('big', 1, { running: 5, limit: 40 })]).name, 'big')
  })
  test('spreads ties in turn instead of piling onto the first member', () => {
    const idle = [candidate('a', 0), candidate('b', 1), candidate('c', 2)]
    assert.deepEqual(picks(new LeastLoadedStrategy(3), idle, 6), ['a', 'b', 'c', 'a', 'b', 'c'])
  })
  test('keeps load even when each pick adds a running query', () => {
    const strategy = new LeastLoadedStrategy(3)
    const running = [0, 0, 0]
    for (let i = 0; i < 30; i++) {
      const chosen = strategy.pick(running.map((r, index) => candidate(String(index), index, { running: r })))
      running[chosen.index]!++
    }
    assert.deepEqual(running, [10, 10, 10])
  })
})

describe('failover', () => {
  test('the lowest priority number wins; equal priorities in member order', () => {
    const strategy = new FailoverStrategy()
    const all = [candidate('backup', 0, { priority: 10 }), candidate('primary', 1, { priority: 1 }), candidate('primary2', 2, { priority: 1 })]
    assert.deepEqual(counts(picks(strategy, all, 20)), { primary: 20 })
    assert.equal(strategy.pick([all[0]!, all[2]!]).name, 'primary2')
    assert.equal(strategy.pick([all[0]!]).name, 'backup')
  })
})

describe('weighted', () => {
  test('smooth weighted round robin gives the nginx sequence for 5:1:1', () => {
    const all = [candidate('a', 0, { weight: 5 }), candidate('b', 1, { weight: 1 }), candidate('c', 2, { weight: 1 })]
    assert.deepEqual(picks(new WeightedStrategy(), all, 7).join(''), 'aabacaa')
  })
  test('over many picks the shares follow the weights exactly', () => {
    const all = [candidate('a', 0, { weight: 3 }), candidate('b', 1, { weight: 2 }), candidate('c', 2, { weight: 1 })]
    assert.deepEqual(counts(picks(new WeightedStrategy(), all, 600)), { a: 300, b: 200, c: 100 })
  })
  test('a member sitting a round out does not take the others\' share', () => {
    const strategy = new WeightedStrategy()
    const a = candidate('a', 0, { weight: 1 })
    const b = candidate('b', 1, { weight: 1 })
    const result = [...picks(strategy, [a], 4), ...picks(strategy, [a, b], 10)]
    assert.deepEqual(counts(result.slice(4)), { a: 5, b: 5 })
  })
})
