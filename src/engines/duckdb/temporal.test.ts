import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  formatDate, formatOffset, formatTime, formatTimestamp, formatTimestampTz, parseDate, parseTime, parseTimestamp,
  parseTimestampTz, resolveZone, UTC_ZONE,
} from './temporal.ts'
import type { TimestampUnit } from './temporal.ts'

test('formats known dates, with astronomical years and infinities', () => {
  assert.equal(formatDate(0), '1970-01-01')
  assert.equal(formatDate(19_782), '2024-02-29')
  assert.equal(formatDate(-719_528), '0000-01-01')
  assert.equal(formatDate(-719_529), '-0001-12-31')
  assert.equal(formatDate(2_932_897), '10000-01-01')
  assert.equal(formatDate(2 ** 31 - 1), 'infinity')
  assert.equal(formatDate(-(2 ** 31 - 1)), '-infinity')
})

test('date text and day counts round-trip', () => {
  fc.assert(fc.property(fc.integer({ min: -2_147_483_646, max: 2_147_483_646 }), (days) => parseDate(formatDate(days)) === days))
  assert.throws(() => parseDate('2024-1-1'), { code: 'BAD_REQUEST' })
})

test('timestamps of every unit round-trip through their text', () => {
  const units: TimestampUnit[] = [1, 1_000, 1_000_000, 1_000_000_000]
  for (const unit of units) {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), (ticks) => parseTimestamp(formatTimestamp(ticks, unit), unit) === ticks))
  }
  assert.equal(formatTimestamp(-1n, 1_000_000), '1969-12-31 23:59:59.999999')
  assert.equal(formatTimestamp(1_500n, 1_000), '1970-01-01 00:00:01.500')
  assert.equal(formatTimestamp(0n, 1), '1970-01-01 00:00:00')
  assert.equal(formatTimestamp(2n ** 63n - 1n, 1_000_000_000), 'infinity')
})

test('times keep their fraction digits; 24:00:00 stays', () => {
  assert.equal(formatTime(0), '00:00:00.000000')
  assert.equal(formatTime(86_400_000_000), '24:00:00.000000')
  assert.equal(formatTime(45_296_000_007), '12:34:56.000007')
  fc.assert(fc.property(fc.integer({ min: 0, max: 86_399_999_999 }), (micros) => parseTime(formatTime(micros)) === BigInt(micros)))
})

test('offsets render as ±HH:MM, with seconds only when there are some', () => {
  assert.equal(formatOffset(0), '+00:00')
  assert.equal(formatOffset(19_800), '+05:30')
  assert.equal(formatOffset(-57_599), '-15:59:59')
})

test('zones: UTC names, offsets, IANA ids, and unknown names refused', () => {
  for (const name of [undefined, '', 'UTC', 'Z', 'Etc/UTC', 'GMT', '+00:00']) assert.equal(resolveZone(name), UTC_ZONE)
  assert.deepEqual([resolveZone('+05:30').label, resolveZone('+05:30').duckDbName], ['+05:30', undefined])
  assert.deepEqual([resolveZone('-03:00').label, resolveZone('-03:00').duckDbName], ['-03:00', 'Etc/GMT+3'])
  assert.equal(resolveZone('UTC+2').label, '+02:00')
  assert.throws(() => resolveZone('Mars/Olympus'), { code: 'BAD_REQUEST' })
  assert.throws(() => resolveZone('+25:00'), { code: 'BAD_REQUEST' })
})

test('zoned timestamps render in Trino form across DST changes', () => {
  const berlin = resolveZone('Europe/Berlin')
  const at = (iso: string): bigint => BigInt(Date.parse(iso)) * 1000n
  assert.equal(formatTimestampTz(at('2024-03-31T00:59:59.999Z'), berlin), '2024-03-31 01:59:59.999000 Europe/Berlin')
  assert.equal(formatTimestampTz(at('2024-03-31T01:00:00Z'), berlin), '2024-03-31 03:00:00.000000 Europe/Berlin')
  assert.equal(formatTimestampTz(at('2024-10-27T00:30:00Z'), berlin), '2024-10-27 02:30:00.000000 Europe/Berlin')
  assert.equal(formatTimestampTz(at('2024-10-27T01:30:00Z'), berlin), '2024-10-27 02:30:00.000000 Europe/Berlin')
  assert.equal(formatTimestampTz(at('2024-01-02T03:04:05.123Z'), UTC_ZONE), '2024-01-02 03:04:05.123000 UTC')
  assert.equal(formatTimestampTz(at('2024-01-02T03:04:05Z'), resolveZone('-03:30')), '2024-01-01 23:34:05.000000 -03:30')
})

test('zoned timestamp text parses back to the same instant', () => {
  for (const name of ['UTC', 'Europe/Berlin', 'America/Sao_Paulo', '+05:45']) {
    const zone = resolveZone(name)
    fc.assert(fc.property(fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }), (ms) => {
      const micros = BigInt(ms) * 1000n
      const text = formatTimestampTz(micros, zone)
      // In the repeated hour of a DST end the text is ambiguous; either instant is a faithful reading.
      const back = parseTimestampTz(text)
      return back === micros || formatTimestampTz(back, zone) === text
    }))
  }
  assert.equal(parseTimestampTz('2024-01-02 03:04:05.5 +01:00'), BigInt(Date.parse('2024-01-02T02:04:05.5Z')) * 1000n)
  assert.equal(parseTimestampTz('2024-01-02T03:04:05Z'), BigInt(Date.parse('2024-01-02T03:04:05Z')) * 1000n)
})
