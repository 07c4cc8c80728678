import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { serialize } from 'pg-protocol'
import { FrameReader } from './frame-reader.ts'
import type { Frame } from './frame-reader.ts'
import { isQueryFluxError } from '../../../core/errors.ts'

const MAX = 1024 * 1024

function readAll (reader: FrameReader, chunks: readonly Uint8Array[]): Array<{ code: number, payload: number[] }> {
  const out: Array<{ code: number, payload: number[] }> = []
  for (const chunk of chunks) {
    reader.push(chunk)
    for (let frame: Frame | undefined; (frame = reader.next()) !== undefined;) {
      out.push({ code: frame.code, payload: [...frame.payload] })
      // The first frame of a stream is the startup packet; the rest are typed.
      reader.isStartupPhase = false
    }
  }
  return out
}

function split (bytes: Uint8Array, at: number): Uint8Array[] {
  return [bytes.subarray(0, at), bytes.subarray(at)]
}

const startup = serialize.startup({ user: 'alice', database: 'db' })
const query = serialize.query('select 1')
const parse = serialize.parse({ name: 's1', text: 'select $1::int', types: [23] })
const bind = serialize.bind({ statement: 's1', values: ['42', null] })
const stream = Buffer.concat([startup, query, parse, bind, serialize.describe({ type: 'P' }), serialize.execute({ rows: 10 }), serialize.sync()])
const expected = readAll(new FrameReader({ maxMessageBytes: MAX }), [stream])

describe('FrameReader', () => {
  test('reads a startup packet then typed messages from one chunk', () => {
    assert.equal(expected.length, 7)
    assert.deepEqual(expected.map((f) => f.code), [0, 0x51, 0x50, 0x42, 0x44, 0x45, 0x53])
    assert.equal(Buffer.from(expected[1]!.payload).toString(), 'select 1\0')
  })

  for (const [name, message] of [['startup', startup], ['query', query], ['parse', parse], ['bind', bind]] as const) {
    const isStartup = name === 'startup'
    for (const at of [1, Math.floor(message.length / 2), message.length - 1]) {
      test(`${name} message split at byte ${at} reads the same as whole`, () => {
        const reader = new FrameReader({ maxMessageBytes: MAX })
        reader.isStartupPhase = isStartup
        const whole = new FrameReader({ maxMessageBytes: MAX })
        whole.isStartupPhase = isStartup
        const a = readAll(reader, split(message, at))
        const b = readAll(whole, [message])
        assert.equal(b.length, 1)
        assert.deepEqual(a, b)
      })
    }
  }

  test('two messages split across three chunks', () => {
    const two = Buffer.concat([query, parse])
    const reader = new FrameReader({ maxMessageBytes: MAX })
    reader.isStartupPhase = false
    const frames = readAll(reader, [two.subarray(0, 3), two.subarray(3, query.length + 2), two.subarray(query.length + 2)])
    assert.deepEqual(frames.map((f) => f.code), [0x51, 0x50])
    assert.equal(reader.bufferedBytes, 0)
  })

  test('a length header split across chunks is handled', () => {
    const reader = new FrameReader({ maxMessageBytes: MAX })
    reader.isStartupPhase = false
    assert.deepEqual(readAll(reader, [query.subarray(0, 2), query.subarray(2, 4), query.subarray(4)]).length, 1)
  })

  test('rejects an oversized message from its header, before the body arrives', () => {
    const reader = new FrameReader({ maxMessageBytes: 100 })
    reader.isStartupPhase = false
    const header = Buffer.from([0x51, 0, 0, 0x10, 0])
    reader.push(header)
    assert.throws(() => reader.next(), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION' && /maxMessageBytes/.test(e.message))
  })

  test('caps short message types at 10000 bytes whatever maxMessageBytes says', () => {
    const reader = new FrameReader({ maxMessageBytes: MAX })
    reader.isStartupPhase = false
    reader.push(Buffer.from([0x53, 0, 1, 0, 0]))
    assert.throws(() => reader.next(), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION')
  })

  test('rejects a length below 4', () => {
    const reader = new FrameReader({ maxMessageBytes: MAX })
    reader.push(Buffer.from([0, 0, 0, 3]))
    assert.throws(() => reader.next(), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION')
  })

  test('rejects a startup packet over 10000 bytes', () => {
    const reader = new FrameReader({ maxMessageBytes: MAX })
    reader.push(Buffer.from([0, 1, 0, 0]))
    assert.throws(() => reader.next(), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION')
  })

  test('property: any chunking of a valid stream yields the same frames', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 20 }), (cuts) => {
      const points = [...new Set(cuts)].sort((a, b) => a - b)
      const chunks: Uint8Array[] = []
      let last = 0
      for (const p of points) { chunks.push(stream.subarray(last, p)); last = p }
      chunks.push(stream.subarray(last))
      assert.deepEqual(readAll(new FrameReader({ maxMessageBytes: MAX }), chunks), expected)
    }), { numRuns: 500 })
  })

  test('property: arbitrary bytes only ever raise PROTOCOL_VIOLATION and never grow the buffer past the cap', () => {
    const cap = 4096
    fc.assert(fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 30 }), fc.boolean(), (chunks, startupPhase) => {
      const reader = new FrameReader({ maxMessageBytes: cap })
      reader.isStartupPhase = startupPhase
      let largestChunk = 0
      try {
        for (const chunk of chunks) {
          largestChunk = Math.max(largestChunk, chunk.length)
          reader.push(chunk)
          while (reader.next() !== undefined) { /* drain */ }
          assert.ok(reader.capacity <= Math.max(cap, 10_000) + 5 + largestChunk, `capacity ${reader.capacity}`)
        }
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error
        assert.ok(isQueryFluxError(error) && error.code === 'PROTOCOL_VIOLATION', String(error))
      }
    }), { numRuns: 2000, interruptAfterTimeLimit: 10_000 })
  })
})
