import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { formatDouble, formatReal } from './java-number.ts'

test('doubles are written as Java Double.toString writes them', () => {
  const cases: Array<[number, string]> = [
    [1, '1.0'], [-1, '-1.0'], [0, '0.0'], [-0, '-0.0'], [100, '100.0'], [0.1, '0.1'], [0.001, '0.001'],
    [0.0001, '1.0E-4'], [9999999, '9999999.0'], [1e7, '1.0E7'], [12345678.5, '1.23456785E7'], [123456.789, '123456.789'],
    [1e21, '1.0E21'], [1.5e-10, '1.5E-10'], [Number.MAX_VALUE, '1.7976931348623157E308'], [2 ** 53 + 2, '9.007199254740994E15'],
  ]
  for (const [value, text] of cases) assert.equal(formatDouble(value), text, String(value))
})

test('NaN and infinities are JSON strings', () => {
  assert.equal(formatDouble(Number.NaN), '"NaN"')
  assert.equal(formatDouble(Number.POSITIVE_INFINITY), '"Infinity"')
  assert.equal(formatReal(Number.NEGATIVE_INFINITY), '"-Infinity"')
})

test('reals use the shortest digits of the float32, as Float.toString does', () => {
  const cases: Array<[number, string]> = [
    [Math.fround(0.1), '0.1'], [Math.fround(1.1), '1.1'], [Math.fround(3.4028235e38), '3.4028235E38'],
    [Math.fround(1e10), '1.0E10'], [16777216, '1.6777216E7'], [Math.fround(-2.5), '-2.5'],
  ]
  for (const [value, text] of cases) assert.equal(formatReal(value), text, String(value))
})

test('every finite double reads back to itself and is a JSON float token', () => {
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
    const text = formatDouble(value)
    assert.match(text, /^-?\d+\.\d+(E-?\d+)?$/)
    assert.ok(Object.is(Number(text), value) || (value === 0 && Number(text) === 0))
  }), { numRuns: 5000 })
})

test('every finite float reads back to the same float', () => {
  fc.assert(fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
    const text = formatReal(value)
    assert.match(text, /^-?\d+\.\d+(E-?\d+)?$/)
    assert.equal(Math.fround(Number(text)), Math.fround(value))
  }), { numRuns: 5000 })
})
