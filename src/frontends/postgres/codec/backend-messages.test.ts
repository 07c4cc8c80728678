import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { Parser } from 'pg-protocol/dist/parser.js'
import type { BackendMessage } from 'pg-protocol/dist/messages.js'
import * as m from './backend-messages.ts'
import { Writer } from './writer.ts'
import { TransactionStatus } from './message-codes.ts'

/** Parses our bytes with node-postgres's own client-side parser, fed in the given chunks. */
function parseWithPg (chunks: readonly Buffer[]): BackendMessage[] {
  const parser = new Parser()
  const out: BackendMessage[] = []
  for (const chunk of chunks) parser.parse(chunk, (msg) => out.push(msg))
  return out
}

function encode (write: (w: Writer) => void): Buffer {
  const w = new Writer(8)
  write(w)
  return w.take()
}

// Plain objects, so deepEqual does not compare class prototypes.
function plain (value: unknown): unknown {
  return JSON.parse(JSON.stringify(value))
}

describe('backend message encoders, read back by pg-protocol', () => {
  test('startup sequence', () => {
    const bytes = encode((w) => {
      m.authenticationOk(w)
      m.parameterStatus(w, 'server_version', '15.0')
      m.backendKeyData(w, 42, -7)
      m.readyForQuery(w, TransactionStatus.Idle)
    })
    const msgs = parseWithPg([bytes]) as unknown as Array<Record<string, unknown>>
    assert.deepEqual(msgs.map((x) => x.name), ['authenticationOk', 'parameterStatus', 'backendKeyData', 'readyForQuery'])
    assert.equal(msgs[1]!.parameterValue, '15.0')
    assert.equal(msgs[2]!.secretKey, -7)
    assert.equal(msgs[3]!.status, 'I')
  })

  test('auth requests', () => {
    const bytes = encode((w) => {
      m.authenticationMD5Password(w, Buffer.from([1, 2, 3, 4]))
      m.authenticationSASL(w, ['SCRAM-SHA-256'])
      m.authenticationSASLContinue(w, 'r=abc,s=def,i=4096')
      m.authenticationSASLFinal(w, 'v=xyz')
      m.authenticationCleartextPassword(w)
    })
    const msgs = parseWithPg([bytes]) as unknown as Array<Record<string, unknown>>
    assert.deepEqual(msgs.map((x) => x.name), ['authenticationMD5Password', 'authenticationSASL', 'authenticationSASLContinue', 'authenticationSASLFinal', 'authenticationCleartextPassword'])
    assert.deepEqual(msgs[1]!.mechanisms, ['SCRAM-SHA-256'])
    assert.equal(msgs[2]!.data, 'r=abc,s=def,i=4096')
  })

  test('a result: RowDescription, DataRows, CommandComplete, split into 1-byte chunks', () => {
    const bytes = encode((w) => {
      m.rowDescription(w, [
        { name: 'id', tableOid: 0, columnAttributeNumber: 0, dataTypeOid: 23, dataTypeSize: 4, typeModifier: -1, format: 0 },
        { name: 'naïve', tableOid: 0, columnAttributeNumber: 0, dataTypeOid: 25, dataTypeSize: -1, typeModifier: -1, format: 0 },
      ])
      for (const [id, text] of [['1', 'a'], ['2', null]] as const) {
        m.startDataRow(w, 2)
        w.lengthPrefixedString(id)
        if (text === null) w.int32(-1)
        else w.lengthPrefixedString(text)
        w.end()
      }
      m.commandComplete(w, 'SELECT 2')
    })
    const chunks = [...bytes].map((b) => Buffer.from([b]))
    const msgs = parseWithPg(chunks) as unknown as Array<Record<string, unknown>>
    assert.deepEqual(msgs.map((x) => x.name), ['rowDescription', 'dataRow', 'dataRow', 'commandComplete'])
    assert.deepEqual(plain((msgs[0]!.fields as unknown[]).map((f) => (f as { name: string }).name)), ['id', 'naïve'])
    assert.deepEqual(msgs[1]!.fields, ['1', 'a'])
    assert.deepEqual(msgs[2]!.fields, ['2', null])
    assert.equal(msgs[3]!.text, 'SELECT 2')
  })

  test('extended protocol replies', () => {
    const bytes = encode((w) => {
      m.parseComplete(w)
      m.parameterDescription(w, [23, 0xffffffff])
      m.noData(w)
      m.bindComplete(w)
      m.portalSuspended(w)
      m.closeComplete(w)
      m.emptyQueryResponse(w)
    })
    const msgs = parseWithPg([bytes]) as unknown as Array<Record<string, unknown>>
    assert.deepEqual(msgs.map((x) => x.name), ['parseComplete', 'parameterDescription', 'noData', 'bindComplete', 'portalSuspended', 'closeComplete', 'emptyQuery'])
    assert.deepEqual(msgs[1]!.dataTypeIDs, [23, 0xffffffff])
  })

  test('ErrorResponse and NoticeResponse fields', () => {
    const bytes = encode((w) => {
      m.errorResponse(w, { severity: 'ERROR', code: '42P01', message: 'table "x" does not exist', detail: 'd', hint: 'h', position: 15, where: 'w' })
      m.noticeResponse(w, { severity: 'NOTICE', code: '00000', message: 'hello' })
    })
    const msgs = parseWithPg([bytes]) as unknown as Array<Record<string, unknown>>
    assert.equal(msgs[0]!.name, 'error')
    assert.equal(msgs[0]!.code, '42P01')
    assert.equal(msgs[0]!.message, 'table "x" does not exist')
    assert.equal(msgs[0]!.position, '15')
    assert.equal(msgs[0]!.hint, 'h')
    assert.equal(msgs[1]!.name, 'notice')
    assert.equal(msgs[1]!.message, 'hello')
  })

  test('COPY out', () => {
    const bytes = encode((w) => {
      m.copyOutResponse(w, 2)
      m.copyData(w, '1\ta\n')
      m.copyDone(w)
      m.commandComplete(w, 'COPY 1')
    })
    const msgs = parseWithPg([bytes]) as unknown as Array<Record<string, unknown>>
    assert.deepEqual(msgs.map((x) => x.name), ['copyOutResponse', 'copyData', 'copyDone', 'commandComplete'])
    assert.equal((msgs[1]!.chunk as Buffer).toString(), '1\ta\n')
  })

  test('NegotiateProtocolVersion layout', () => {
    const bytes = encode((w) => m.negotiateProtocolVersion(w, 0, ['_pq_.foo']))
    assert.equal(bytes[0], 0x76)
    assert.equal(bytes.readInt32BE(1), bytes.length - 1)
    assert.equal(bytes.readInt32BE(5), 196608)
    assert.equal(bytes.readInt32BE(9), 1)
    assert.equal(bytes.subarray(13).toString(), '_pq_.foo\0')
  })

  test('writer grows past its initial size and hands over large buffers', () => {
    const w = new Writer(8)
    const text = 'x'.repeat(100_000)
    m.commandComplete(w, text)
    const out = w.take()
    assert.equal(out.length, 100_000 + 6)
    assert.equal(w.length, 0)
    m.commandComplete(w, 'OK')
    assert.equal(w.take().subarray(5).toString(), 'OK\0')
  })
})
