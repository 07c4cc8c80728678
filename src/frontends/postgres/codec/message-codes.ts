/**
 * Byte codes and constants of the PostgreSQL frontend/backend protocol, version 3.0.
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html
 */

/** Message type bytes a client sends once the startup phase is over. */
export const FrontendCode = {
  Bind: 0x42, // B
  Close: 0x43, // C
  CopyData: 0x64, // d
  CopyDone: 0x63, // c
  CopyFail: 0x66, // f
  Describe: 0x44, // D
  Execute: 0x45, // E
  Flush: 0x48, // H
  FunctionCall: 0x46, // F
  Parse: 0x50, // P
  /** PasswordMessage, SASLInitialResponse and SASLResponse share this byte. */
  Password: 0x70, // p
  Query: 0x51, // Q
  Sync: 0x53, // S
  Terminate: 0x58, // X
} as const
export type FrontendCode = (typeof FrontendCode)[keyof typeof FrontendCode]

/** Message type bytes QueryFlux sends. */
export const BackendCode = {
  Authentication: 0x52, // R
  BackendKeyData: 0x4b, // K
  BindComplete: 0x32, // 2
  CloseComplete: 0x33, // 3
  CommandComplete: 0x43, // C
  CopyData: 0x64, // d
  CopyDone: 0x63, // c
  CopyOutResponse: 0x48, // H
  DataRow: 0x44, // D
  EmptyQueryResponse: 0x49, // I
  ErrorResponse: 0x45, // E
  NegotiateProtocolVersion: 0x76, // v
  NoData: 0x6e, // n
  NoticeResponse: 0x4e, // N
  ParameterDescription: 0x74, // t
  ParameterStatus: 0x53, // S
  ParseComplete: 0x31, // 1
  PortalSuspended: 0x73, // s
  ReadyForQuery: 0x5a, // Z
  RowDescription: 0x54, // T
} as const
export type BackendCode = (typeof BackendCode)[keyof typeof BackendCode]

/**
 * The int32 that follows the length of an untyped startup-phase packet.
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-STARTUPMESSAGE
 */
export const StartupCode = {
  /** 3.0 — 3 << 16. A StartupMessage carries (major << 16) | minor. */
  ProtocolVersion3: 196_608,
  /** 1234 << 16 | 5678 */
  CancelRequest: 80_877_102,
  /** 1234 << 16 | 5679 */
  SSLRequest: 80_877_103,
  /** 1234 << 16 | 5680 */
  GSSENCRequest: 80_877_104,
} as const

/** The newest minor version of protocol 3 that QueryFlux speaks (answered in NegotiateProtocolVersion). */
export const SUPPORTED_MINOR_VERSION = 0

/** The int32 after 'R' that says which authentication step this is. */
export const AuthenticationCode = {
  Ok: 0,
  CleartextPassword: 3,
  MD5Password: 5,
  SASL: 10,
  SASLContinue: 11,
  SASLFinal: 12,
} as const
export type AuthenticationCode = (typeof AuthenticationCode)[keyof typeof AuthenticationCode]

/** ReadyForQuery's transaction status byte. */
export const TransactionStatus = {
  Idle: 0x49, // I
  InTransaction: 0x54, // T
  Failed: 0x45, // E
} as const
export type TransactionStatus = (typeof TransactionStatus)[keyof typeof TransactionStatus]

/** Describe/Close target byte. */
export const TargetKind = {
  Statement: 0x53, // S
  Portal: 0x50, // P
} as const
export type TargetKind = (typeof TargetKind)[keyof typeof TargetKind]

/**
 * Field type bytes of ErrorResponse and NoticeResponse.
 * @see https://www.postgresql.org/docs/current/protocol-error-fields.html
 */
export const ErrorField = {
  Severity: 0x53, // S (localized)
  SeverityNonLocalized: 0x56, // V
  Code: 0x43, // C
  Message: 0x4d, // M
  Detail: 0x44, // D
  Hint: 0x48, // H
  Position: 0x50, // P
  Where: 0x57, // W
} as const

/** Format codes of Bind parameters and results. */
export const FormatCode = {
  Text: 0,
  Binary: 1,
} as const
export type FormatCode = (typeof FormatCode)[keyof typeof FormatCode]

/**
 * Largest startup-phase packet (PostgreSQL's MAX_STARTUP_PACKET_LENGTH) and largest message
 * of the types that are always short (PQ_SMALL_MESSAGE_LIMIT in libpq/libpq.h).
 */
export const SMALL_MESSAGE_LIMIT = 10_000
