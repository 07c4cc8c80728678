import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { serialize } from 'pg-protocol'
import { decodeFrontendMessage, decodeStartupPacket, decodeSASLInitialResponse, decodePasswordMessage } from './frontend-messages.ts'
import type { FrontendMessage, StartupPacket } from './frontend-messages.ts'
import { FrameReader } from './frame-reader.ts'
import { FrontendCode } from './message-codes.ts'
import { isQueryFluxError } from '../../../core/errors.ts'

/** Feeds `chunks` through a FrameReader and decodes every frame, as the connection does. */
function decodeChunks (chunks: readonly Uint8Array[], startup: boolean): Array<FrontendMessage | StartupPacket> {
  const reader = new FrameReader({ maxMessageBytes: 1 << 20 })
  reader.isStartupPhase = startup
  const out: Array<FrontendMessage | StartupPacket> = []
  for (const chunk of chunks) {
    reader.push(chunk)
    for (let frame = reader.next(); frame !== undefined; frame = reader.next()) {
      out.push(frame.code === 0 ? decodeStartupPacket(frame.payload) : decodeFrontendMessage(frame.code, frame.payload))
    }
  }
  return out
}

function splits (bytes: Buffer): Array<[string, Uint8Array[]]> {
  const mid = Math.floor(bytes.length / 2)
  return [
    ['whole', [bytes]],
    ['split at the first byte', [bytes.subarray(0, 1), bytes.subarray(1)]],
    ['split in the middle', [bytes.subarray(0, mid), bytes.subarray(mid)]],
    ['split before the last byte', [bytes.subarray(0, bytes.length - 1), bytes.subarray(bytes.length - 1)]],
  ]
}

const cases: Array<{ name: string, bytes: Buffer, startup?: boolean, expected: FrontendMessage | StartupPacket }> = [
  { name: 'StartupMessage', bytes: serialize.startup({ user: 'u', database: 'd', options: '-c search_path=s' }), startup: true, expected: { type: 'StartupMessage', majorVersion: 3, minorVersion: 0, parameters: new Map([['user', 'u'], ['database', 'd'], ['options', '-c search_path=s'], ['client_encoding', 'UTF8']]) } },
  { name: 'SSLRequest', bytes: serialize.requestSsl(), startup: true, expected: { type: 'SSLRequest' } },
  { name: 'CancelRequest', bytes: serialize.cancel(1234, -5), startup: true, expected: { type: 'CancelRequest', processId: 1234, secretKey: -5 } },
  { name: 'Query', bytes: serialize.query('select \'é\''), expected: { type: 'Query', query: 'select \'é\'' } },
  { name: 'Parse', bytes: serialize.parse({ name: 'st', text: 'select $1, $2', types: [23, 0xffffffff] }), expected: { type: 'Parse', name: 'st', query: 'select $1, $2', parameterTypes: [23, 0xffffffff] } },
  {
    name: 'Bind',
    bytes: serialize.bind({ portal: 'p', statement: 'st', values: ['1', null, Buffer.from([1, 2])], binary: true }),
    expected: { type: 'Bind', portal: 'p', statement: 'st', parameterFormats: [0, 0, 1], parameters: [Buffer.from('1'), null, Buffer.from([1, 2])], resultFormats: [1] },
  },
  { name: 'Describe portal', bytes: serialize.describe({ type: 'P', name: 'p' }), expected: { type: 'Describe', target: 'portal', name: 'p' } },
  { name: 'Describe statement', bytes: serialize.describe({ type: 'S', name: '' }), expected: { type: 'Describe', target: 'statement', name: '' } },
  { name: 'Execute', bytes: serialize.execute({ portal: 'p', rows: 7 }), expected: { type: 'Execute', portal: 'p', maxRows: 7 } },
  { name: 'Close', bytes: serialize.close({ type: 'S', name: 'st' }), expected: { type: 'Close', target: 'statement', name: 'st' } },
  { name: 'Sync', bytes: serialize.sync(), expected: { type: 'Sync' } },
  { name: 'Flush', bytes: serialize.flush(), expected: { type: 'Flush' } },
  { name: 'Terminate', bytes: serialize.end(), expected: { type: 'Terminate' } },
  { name: 'CopyFail', bytes: serialize.copyFail('stop'), expected: { type: 'CopyFail', message: 'stop' } },
]

function normalise (value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => v instanceof Map ? Object.fromEntries(v) : v instanceof Uint8Array ? [...v] : isBufferJson(v) ? v.data : v))
}

function isBufferJson (v: unknown): v is { data: number[] } {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer'
}

describe('frontend message decoders', () => {
  for (const c of cases) {
    for (const [how, chunks] of splits(c.bytes)) {
      test(`decodes ${c.name} ${how}`, () => {
        const decoded = decodeChunks(chunks, c.startup === true)
        assert.equal(decoded.length, 1)
        assert.deepEqual(normalise(decoded[0]), normalise(c.expected))
      })
    }
  }

  test('decodes two messages split across chunks', () => {
    const two = Buffer.concat([serialize.parse({ text: 'select 1' }), serialize.sync()])
    const decoded = decodeChunks([two.subarray(0, 10), two.subarray(10, two.length - 2), two.subarray(two.length - 2)], false)
    assert.deepEqual(decoded.map((m) => m.type), ['Parse', 'Sync'])
  })

  test('decodes SASLInitialResponse and PasswordMessage bodies', () => {
    const sasl = serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', 'n,,n=,r=abc')
    const decoded = decodeChunks([sasl], false)[0]
    assert.ok(decoded?.type === 'Password')
    assert.deepEqual({ ...decodeSASLInitialResponse(decoded.data), response: Buffer.from(decodeSASLInitialResponse(decoded.data).response).toString() }, { mechanism: 'SCRAM-SHA-256', response: 'n,,n=,r=abc' })
    const password = decodeChunks([serialize.password('secret')], false)[0]
    assert.ok(password?.type === 'Password')
    assert.equal(decodePasswordMessage(password.data), 'secret')
  })

  test('rejects protocol 2', () => {
    const v2 = Buffer.from([0, 0, 0, 8, 0, 2, 0, 0])
    assert.throws(() => decodeChunks([v2], true), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION' && /unsupported frontend protocol 2\.0/.test(e.message))
  })

  test('rejects an unknown message type', () => {
    assert.throws(() => decodeFrontendMessage(0x7a, new Uint8Array(0)), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION')
  })

  test('rejects a Bind whose parameter length runs past the end', () => {
    const bad = Buffer.from([0, 0, 0, 0, 0, 1, 0, 0, 0, 9, 1])
    assert.throws(() => decodeFrontendMessage(FrontendCode.Bind, bad), (e: unknown) => isQueryFluxError(e) && e.code === 'PROTOCOL_VIOLATION')
  })

  test('property: any body for any message type decodes or raises PROTOCOL_VIOLATION, nothing else', () => {
    const codes = [...Object.values(FrontendCode), 0x00, 0x7a]
    fc.assert(fc.property(fc.constantFrom(...codes), fc.uint8Array({ maxLength: 200 }), (code, body) => {
      try {
        decodeFrontendMessage(code, body)
      } catch (error) {
        assert.ok(isQueryFluxError(error) && error.code === 'PROTOCOL_VIOLATION', String(error))
      }
    }), { numRuns: 5000, interruptAfterTimeLimit: 10_000 })
  })

  test('property: any startup body decodes or raises PROTOCOL_VIOLATION, nothing else', () => {
    const prefix = fc.constantFrom([0, 3, 0, 0], [4, 0xd2, 0x16, 0x2f], [4, 0xd2, 0x16, 0x2e], [4, 0xd2, 0x16, 0x30], [0, 2, 0, 0])
    fc.assert(fc.property(prefix, fc.uint8Array({ maxLength: 100 }), (head, body) => {
      try {
        decodeStartupPacket(Uint8Array.from([...head, ...body]))
      } catch (error) {
        assert.ok(isQueryFluxError(error) && error.code === 'PROTOCOL_VIOLATION', String(error))
      }
    }), { numRuns: 3000, interruptAfterTimeLimit: 10_000 })
  })
})
