/**
 * Decoders for what a client sends: the startup-phase packets and the typed messages.
 * Pure: bytes in, plain objects out; every malformed body is a PROTOCOL_VIOLATION.
 * Message and field names follow the specification.
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
import { errors } from '../../../core/errors.ts'
import { FrontendCode, StartupCode, TargetKind } from './message-codes.ts'
import { MessageReader } from './reader.ts'

export type StartupPacket =
  | { readonly type: 'SSLRequest' }
  | { readonly type: 'GSSENCRequest' }
  | { readonly type: 'CancelRequest', readonly processId: number, readonly secretKey: number }
  | {
    readonly type: 'StartupMessage'
    readonly majorVersion: number
    readonly minorVersion: number
    /** Startup parameters in the order sent (user, database, options, application_name, `_pq_.*`, GUCs). */
    readonly parameters: ReadonlyMap<string, string>
  }

export function decodeStartupPacket (payload: Uint8Array): StartupPacket {
  const reader = new MessageReader(payload, 'startup')
  const code = reader.int32()
  switch (code) {
    case StartupCode.SSLRequest: reader.end(); return { type: 'SSLRequest' }
    case StartupCode.GSSENCRequest: reader.end(); return { type: 'GSSENCRequest' }
    case StartupCode.CancelRequest: {
      const processId = reader.int32()
      const secretKey = reader.int32()
      reader.end()
      return { type: 'CancelRequest', processId, secretKey }
    }
  }
  const majorVersion = code >>> 16
  const minorVersion = code & 0xffff
  if (majorVersion !== 3) {
    throw errors.protocolViolation(`unsupported frontend protocol ${majorVersion}.${minorVersion}: QueryFlux speaks protocol 3.0`)
  }
  const parameters = new Map<string, string>()
  for (;;) {
    const name = reader.cstring()
    if (name === '') break
    parameters.set(name, reader.cstring())
  }
  reader.end()
  return { type: 'StartupMessage', majorVersion, minorVersion, parameters }
}

export type DescribeTarget = 'statement' | 'portal'

export type FrontendMessage =
  | { readonly type: 'Query', readonly query: string }
  | { readonly type: 'Parse', readonly name: string, readonly query: string, readonly parameterTypes: readonly number[] }
  | {
    readonly type: 'Bind'
    readonly portal: string
    readonly statement: string
    /** Empty: all text; one entry: applies to all; else one per parameter. */
    readonly parameterFormats: readonly number[]
    /** Parameter values as sent (null for SQL NULL), copied out of the frame. */
    readonly parameters: ReadonlyArray<Uint8Array | null>
    readonly resultFormats: readonly number[]
  }
  | { readonly type: 'Describe', readonly target: DescribeTarget, readonly name: string }
  | { readonly type: 'Execute', readonly portal: string, readonly maxRows: number }
  | { readonly type: 'Close', readonly target: DescribeTarget, readonly name: string }
  | { readonly type: 'Sync' }
  | { readonly type: 'Flush' }
  | { readonly type: 'Terminate' }
  /** PasswordMessage, SASLInitialResponse or SASLResponse: which one depends on the auth step. */
  | { readonly type: 'Password', readonly data: Uint8Array }
  | { readonly type: 'CopyData', readonly data: Uint8Array }
  | { readonly type: 'CopyDone' }
  | { readonly type: 'CopyFail', readonly message: string }
  | { readonly type: 'FunctionCall' }

export type FrontendMessageType = FrontendMessage['type']

export function decodeFrontendMessage (code: number, payload: Uint8Array): FrontendMessage {
  switch (code) {
    case FrontendCode.Query: {
      const reader = new MessageReader(payload, 'Query')
      const query = reader.cstring()
      reader.end()
      return { type: 'Query', query }
    }
    case FrontendCode.Parse: return decodeParse(payload)
    case FrontendCode.Bind: return decodeBind(payload)
    case FrontendCode.Describe:
    case FrontendCode.Close: {
      const what = code === FrontendCode.Describe ? 'Describe' : 'Close'
      const reader = new MessageReader(payload, what)
      const target = decodeTarget(reader.int8(), what)
      const name = reader.cstring()
      reader.end()
      return { type: what, target, name }
    }
    case FrontendCode.Execute: {
      const reader = new MessageReader(payload, 'Execute')
      const portal = reader.cstring()
      const maxRows = reader.int32()
      reader.end()
      // PostgreSQL treats a negative row limit like zero: no limit.
      return { type: 'Execute', portal, maxRows: maxRows < 0 ? 0 : maxRows }
    }
    case FrontendCode.Sync: return empty(payload, 'Sync')
    case FrontendCode.Flush: return empty(payload, 'Flush')
    case FrontendCode.Terminate: return empty(payload, 'Terminate')
    case FrontendCode.CopyDone: return empty(payload, 'CopyDone')
    case FrontendCode.Password: return { type: 'Password', data: new Uint8Array(payload) }
    case FrontendCode.CopyData: return { type: 'CopyData', data: new Uint8Array(payload) }
    case FrontendCode.CopyFail: {
      const reader = new MessageReader(payload, 'CopyFail')
      const message = reader.cstring()
      reader.end()
      return { type: 'CopyFail', message }
    }
    case FrontendCode.FunctionCall: return { type: 'FunctionCall' }
    default:
      throw errors.protocolViolation(`invalid frontend message type ${code >= 0x20 && code < 0x7f ? `'${String.fromCharCode(code)}'` : code}`)
  }
}

function decodeParse (payload: Uint8Array): FrontendMessage {
  const reader = new MessageReader(payload, 'Parse')
  const name = reader.cstring()
  const query = reader.cstring()
  const count = reader.count(4)
  const parameterTypes: number[] = []
  // OIDs are unsigned; read as int32 and reinterpret.
  for (let i = 0; i < count; i++) parameterTypes.push(reader.int32() >>> 0)
  reader.end()
  return { type: 'Parse', name, query, parameterTypes }
}

function decodeBind (payload: Uint8Array): FrontendMessage {
  const reader = new MessageReader(payload, 'Bind')
  const portal = reader.cstring()
  const statement = reader.cstring()
  const formatCount = reader.count(2)
  const parameterFormats: number[] = []
  for (let i = 0; i < formatCount; i++) parameterFormats.push(decodeFormat(reader.int16()))
  const parameterCount = reader.count(4)
  const parameters: Array<Uint8Array | null> = []
  for (let i = 0; i < parameterCount; i++) {
    const length = reader.int32()
    if (length === -1) parameters.push(null)
    else if (length < -1) throw errors.protocolViolation(`Bind message: invalid length ${length} for parameter $${i + 1}`)
    else parameters.push(reader.bytes(length))
  }
  if (formatCount > 1 && formatCount !== parameterCount) {
    throw errors.protocolViolation(`Bind message has ${formatCount} parameter formats but ${parameterCount} parameters`)
  }
  const resultCount = reader.count(2)
  const resultFormats: number[] = []
  for (let i = 0; i < resultCount; i++) resultFormats.push(decodeFormat(reader.int16()))
  reader.end()
  return { type: 'Bind', portal, statement, parameterFormats, parameters, resultFormats }
}

function decodeFormat (value: number): number {
  if (value !== 0 && value !== 1) throw errors.protocolViolation(`Bind message: invalid format code ${value} (0 = text, 1 = binary)`)
  return value
}

function decodeTarget (value: number, what: string): DescribeTarget {
  if (value === TargetKind.Statement) return 'statement'
  if (value === TargetKind.Portal) return 'portal'
  throw errors.protocolViolation(`${what} message: invalid target '${String.fromCharCode(value)}' (expected 'S' or 'P')`)
}

function empty<T extends 'Sync' | 'Flush' | 'Terminate' | 'CopyDone'> (payload: Uint8Array, type: T): { readonly type: T } {
  if (payload.byteLength !== 0) throw errors.protocolViolation(`${type} message must have an empty body, got ${payload.byteLength} bytes`)
  return { type }
}

/** The parts of a SASLInitialResponse. */
export function decodeSASLInitialResponse (data: Uint8Array): { mechanism: string, response: Uint8Array } {
  const reader = new MessageReader(data, 'SASLInitialResponse')
  const mechanism = reader.cstring()
  const length = reader.int32()
  const response = length === -1 ? new Uint8Array(0) : reader.bytes(length)
  reader.end()
  return { mechanism, response }
}

/** The password of a PasswordMessage. */
export function decodePasswordMessage (data: Uint8Array): string {
  const reader = new MessageReader(data, 'PasswordMessage')
  const password = reader.cstring()
  reader.end()
  return password
}
