import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { parseDocument } from 'yaml'
import { expandEnv, substituteEnv } from './env-substitution.ts'

describe('expandEnv', () => {
  const env = { HOST: 'db', EMPTY: '', PORT: '5432' }

  test('${NAME} and ${NAME:-default}', () => {
    assert.deepEqual(expandEnv('postgres://${HOST}:${PORT}/x', env), { value: 'postgres://db:5432/x', missing: [], malformed: [] })
    assert.equal(expandEnv('${NOPE:-fallback}', env).value, 'fallback')
    assert.equal(expandEnv('${EMPTY:-fallback}', env).value, 'fallback', ':- also replaces an empty value, as in sh')
    assert.equal(expandEnv('${EMPTY}', env).value, '')
    assert.equal(expandEnv('${NOPE:-}', env).value, '')
  })

  test('$${ is a literal ${, and a lone $ stays', () => {
    assert.equal(expandEnv('$${HOST} costs $5', env).value, '${HOST} costs $5')
  })

  test('unset variables and malformed references are reported, not guessed', () => {
    assert.deepEqual(expandEnv('${A}${B:-b}${C}', env).missing, ['A', 'C'])
    assert.deepEqual(expandEnv('${1X}', env).malformed, ['${1X}'])
    assert.deepEqual(expandEnv('${HOST', env).malformed, ['${HOST'])
  })

  test('a substituted value is not substituted again', () => {
    assert.equal(expandEnv('${X}', { X: '${HOST}', HOST: 'db' }).value, '${HOST}')
  })
})

describe('substituteEnv', () => {
  test('walks values of mappings and lists, never keys; reports the path of what is unset', () => {
    const document = parseDocument('a:\n  ${KEY}: ${V}\n  list: [x, "${MISSING}"]\n  n: ${N:-3}\n  q: "${N:-3}"\n')
    const issues = substituteEnv(document, { V: 'v' })
    assert.deepEqual(document.toJS(), { a: { '${KEY}': 'v', list: ['x', '${MISSING}'], n: 3, q: '3' } })
    assert.deepEqual(issues.map((i) => i.path), [['a', 'list', 1]])
    assert.match(issues[0]?.message ?? '', /environment variable MISSING is not set/)
  })
})
