/**
 * Encoders for what QueryFlux sends, each appending one message to a Writer. Pure: no socket.
 * DataRow bodies are written by the type map's field encoders, between `startDataRow` and
 * `writer.end()`, so a whole batch of rows lands in one buffer.
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */
import { AuthenticationCode, BackendCode, ErrorField } from './message-codes.ts'
import type { TransactionStatus } from './message-codes.ts'
import type { Writer } from './writer.ts'

export function authenticationOk (w: Writer): void {
  w.start(BackendCode.Authentication).int32(AuthenticationCode.Ok).end()
}

export function authenticationCleartextPassword (w: Writer): void {
  w.start(BackendCode.Authentication).int32(AuthenticationCode.CleartextPassword).end()
}

export function authenticationMD5Password (w: Writer, salt: Uint8Array): void {
  w.start(BackendCode.Authentication).int32(AuthenticationCode.MD5Password).bytes(salt).end()
}

export function authenticationSASL (w: Writer, mechanisms: readonly string[]): void {
  w.start(BackendCode.Authentication).int32(AuthenticationCode.SASL)
  for (const mechanism of mechanisms) w.cstring(mechanism)
  w.int8(0).end()
}

export function authenticationSASLContinue (w: Writer, data: string): void {
  w.start(BackendCode.Authentication).int32(AuthenticationCode.SASLContinue).string(data).end()
}

export function authenticationSASLFinal (w: Writer, data: string): void {
  w.start(BackendCode.Authentication).int32(AuthenticationCode.SASLFinal).string(data).end()
}

export function backendKeyData (w: Writer, processId: number, secretKey: number): void {
  w.start(BackendCode.BackendKeyData).int32(processId).int32(secretKey).end()
}

export function parameterStatus (w: Writer, name: string, value: string): void {
  w.start(BackendCode.ParameterStatus).cstring(name).cstring(value).end()
}

export function negotiateProtocolVersion (w: Writer, newestMinorVersion: number, unrecognizedOptions: readonly string[]): void {
  w.start(BackendCode.NegotiateProtocolVersion).int32((3 << 16) | newestMinorVersion).int32(unrecognizedOptions.length)
  for (const option of unrecognizedOptions) w.cstring(option)
  w.end()
}

export function readyForQuery (w: Writer, status: TransactionStatus): void {
  w.start(BackendCode.ReadyForQuery).int8(status).end()
}

/** One column of a RowDescription. */
export interface FieldDescription {
  readonly name: string
  /** OID of the source table, 0 when not a plain table column. */
  readonly tableOid: number
  /** Column number in that table, 0 otherwise. */
  readonly columnAttributeNumber: number
  readonly dataTypeOid: number
  /** pg_type.typlen: negative for variable width. */
  readonly dataTypeSize: number
  readonly typeModifier: number
  /** 0 text, 1 binary. */
  readonly format: number
}

export function rowDescription (w: Writer, fields: readonly FieldDescription[]): void {
  w.start(BackendCode.RowDescription).int16(fields.length)
  for (const field of fields) {
    w.cstring(field.name)
      .uint32(field.tableOid)
      .int16(field.columnAttributeNumber)
      .uint32(field.dataTypeOid)
      .int16(field.dataTypeSize)
      .int32(field.typeModifier)
      .int16(field.format)
  }
  w.end()
}

/** Starts a DataRow; the caller writes `columnCount` length-prefixed fields, then `w.end()`. */
export function startDataRow (w: Writer, columnCount: number): void {
  w.start(BackendCode.DataRow).int16(columnCount)
}

export function commandComplete (w: Writer, tag: string): void {
  w.start(BackendCode.CommandComplete).cstring(tag).end()
}

export function emptyQueryResponse (w: Writer): void {
  w.start(BackendCode.EmptyQueryResponse).end()
}

export function parseComplete (w: Writer): void {
  w.start(BackendCode.ParseComplete).end()
}

export function bindComplete (w: Writer): void {
  w.start(BackendCode.BindComplete).end()
}

export function closeComplete (w: Writer): void {
  w.start(BackendCode.CloseComplete).end()
}

export function noData (w: Writer): void {
  w.start(BackendCode.NoData).end()
}

export function portalSuspended (w: Writer): void {
  w.start(BackendCode.PortalSuspended).end()
}

export function parameterDescription (w: Writer, typeOids: readonly number[]): void {
  w.start(BackendCode.ParameterDescription).int16(typeOids.length)
  for (const oid of typeOids) w.uint32(oid)
  w.end()
}

/** The fields of an ErrorResponse or NoticeResponse. */
export interface NoticeFields {
  /** ERROR, FATAL, PANIC; or WARNING, NOTICE, DEBUG, INFO, LOG for notices. */
  readonly severity: string
  readonly code: string
  readonly message: string
  readonly detail?: string
  readonly hint?: string
  /** 1-based character position in the query string. */
  readonly position?: number
  readonly where?: string
}

export function errorResponse (w: Writer, fields: NoticeFields): void {
  noticeBody(w.start(BackendCode.ErrorResponse), fields)
}

export function noticeResponse (w: Writer, fields: NoticeFields): void {
  noticeBody(w.start(BackendCode.NoticeResponse), fields)
}

function noticeBody (w: Writer, fields: NoticeFields): void {
  w.int8(ErrorField.Severity).cstring(fields.severity)
  w.int8(ErrorField.SeverityNonLocalized).cstring(fields.severity)
  w.int8(ErrorField.Code).cstring(fields.code)
  w.int8(ErrorField.Message).cstring(fields.message)
  if (fields.detail !== undefined) w.int8(ErrorField.Detail).cstring(fields.detail)
  if (fields.hint !== undefined) w.int8(ErrorField.Hint).cstring(fields.hint)
  if (fields.position !== undefined) w.int8(ErrorField.Position).cstring(String(fields.position))
  if (fields.where !== undefined) w.int8(ErrorField.Where).cstring(fields.where)
  w.int8(0).end()
}

/** CopyOutResponse; QueryFlux sends text-format COPY only. */
export function copyOutResponse (w: Writer, columnCount: number): void {
  w.start(BackendCode.CopyOutResponse).int8(0).int16(columnCount)
  for (let i = 0; i < columnCount; i++) w.int16(0)
  w.end()
}

export function copyData (w: Writer, text: string): void {
  w.start(BackendCode.CopyData).string(text).end()
}

export function copyDone (w: Writer): void {
  w.start(BackendCode.CopyDone).end()
}
