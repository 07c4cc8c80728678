import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { convertLegacyForm, toSourcePath } from './legacy.ts'

describe('convertLegacyForm', () => {
  test('moves inline clusters to the top level and lists them as members', () => {
    const input = {
      clusters: { pg: { engine: 'postgres', endpoint: 'postgres://pg/x' } },
      clusterGroups: {
        trino: { engine: 'trino', maxRunningQueries: 5, clusters: [{ name: 't1', endpoint: 'http://t1' }, { name: 't2', engine: 'trino', endpoint: 'http://t2' }] },
        pg: { members: ['pg'] },
      },
    }
    const { data, issues, convertedGroups } = convertLegacyForm(input)
    assert.deepEqual(issues, [])
    assert.deepEqual(convertedGroups, ['trino'])
    assert.deepEqual(data, {
      clusters: {
        pg: { engine: 'postgres', endpoint: 'postgres://pg/x' },
        t1: { engine: 'trino', endpoint: 'http://t1' },
        t2: { engine: 'trino', endpoint: 'http://t2' },
      },
      clusterGroups: { trino: { maxRunningQueries: 5, members: ['t1', 't2'] }, pg: { members: ['pg'] } },
    })
    assert.equal(input.clusterGroups.trino.clusters.length, 2, 'the input is not changed')
  })

  test('leaves the current form alone', () => {
    const input = { clusterGroups: { a: { members: ['x'] } } }
    assert.equal(convertLegacyForm(input).data, input)
  })

  test('reports nameless and duplicate inline clusters', () => {
    const { issues } = convertLegacyForm({
      clusters: { t1: { engine: 'trino', endpoint: 'x' } },
      clusterGroups: { g: { engine: 'trino', clusters: [{ endpoint: 'a' }, { name: 't1', endpoint: 'b' }, 'oops'] } },
    })
    assert.deepEqual(issues.map((i) => i.path), [['clusterGroups', 'g', 'clusters', 0], ['clusterGroups', 'g', 'clusters', 1, 'name'], ['clusterGroups', 'g', 'clusters', 2]])
    assert.match(issues[1]?.message ?? '', /cluster 't1' is already defined at clusters\.t1/)
  })

  test('toSourcePath maps converted paths back to what was written', () => {
    const { aliases } = convertLegacyForm({ clusterGroups: { g: { engine: 'trino', clusters: [{ name: 't1', endpoint: 'x' }] } } })
    assert.deepEqual(toSourcePath(['clusters', 't1', 'poolSize'], aliases), ['clusterGroups', 'g', 'clusters', 0, 'poolSize'])
    assert.deepEqual(toSourcePath(['clusters', 't1', 'engine'], aliases), ['clusterGroups', 'g', 'engine'])
    assert.deepEqual(toSourcePath(['clusterGroups', 'g', 'members', 0], aliases), ['clusterGroups', 'g', 'clusters'])
    assert.deepEqual(toSourcePath(['routers', 0], aliases), ['routers', 0])
  })
})
