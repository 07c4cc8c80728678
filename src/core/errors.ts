/**
 * The one error class of QueryFlux. Every failure a client can see carries a stable `code`
 * (documented in docs/errors.md, mapped by every frontend's error-map.ts), a message a person
 * can act on, the engine's original error as `cause`, and structured `details`.
 *
 * Codes are never reused once retired.
 */
export const ErrorCode = {
  ROUTING_NO_MATCH: 'ROUTING_NO_MATCH',
  QUEUE_FULL: 'QUEUE_FULL',
  QUEUE_TIMEOUT: 'QUEUE_TIMEOUT',
  TRANSLATION_FAILED: 'TRANSLATION_FAILED',
  ENGINE_UNAVAILABLE: 'ENGINE_UNAVAILABLE',
  ENGINE_ERROR: 'ENGINE_ERROR',
  AUTH_FAILED: 'AUTH_FAILED',
  CANCELLED: 'CANCELLED',
  BAD_REQUEST: 'BAD_REQUEST',
  /** The client broke its protocol (malformed or oversized message, wrong message for the state). */
  PROTOCOL_VIOLATION: 'PROTOCOL_VIOLATION',
  /** The statement is valid SQL but QueryFlux or the engine does not support it. */
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  /** The query ran longer than its time limit. */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** QueryFlux is shutting down and accepts no new queries. */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** An invariant of QueryFlux broke: a bug, never the client's fault. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  /** The configuration (file or admin API change) is invalid. */
  CONFIG_INVALID: 'CONFIG_INVALID',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** Why an engine rejected a query, as precisely as the engine said; frontends use it to pick SQLSTATEs. */
export const EngineErrorKind = {
  syntax: 'syntax',
  undefinedTable: 'undefinedTable',
  undefinedColumn: 'undefinedColumn',
  undefinedFunction: 'undefinedFunction',
  undefinedSchema: 'undefinedSchema',
  duplicateObject: 'duplicateObject',
  typeMismatch: 'typeMismatch',
  divisionByZero: 'divisionByZero',
  numericOverflow: 'numericOverflow',
  invalidValue: 'invalidValue',
  constraintViolation: 'constraintViolation',
  permissionDenied: 'permissionDenied',
  insufficientResources: 'insufficientResources',
  other: 'other',
} as const
export type EngineErrorKind = (typeof EngineErrorKind)[keyof typeof EngineErrorKind]

export interface ErrorDetails {
  readonly queryId?: string
  readonly group?: string
  readonly cluster?: string
  readonly engine?: string
  /** What the engine said went wrong, normalised. */
  readonly engineErrorKind?: EngineErrorKind
  /** The engine's own error name or number (Trino errorName, SQLSTATE, MySQL errno, ClickHouse code). */
  readonly engineCode?: string
  /** 1-based position in the SQL text the error refers to, when known. */
  readonly position?: { readonly line: number, readonly column: number }
  /** Extra advice for the client (PostgreSQL `hint`). */
  readonly hint?: string
  readonly [key: string]: unknown
}

export class QueryFluxError extends Error {
  override readonly name = 'QueryFluxError'
  readonly code: ErrorCode
  readonly details: ErrorDetails

  constructor (code: ErrorCode, message: string, options: { cause?: unknown, details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
    this.details = options.details ?? {}
  }

  /** A copy with more details merged in (the service adds group/cluster/queryId as it learns them). */
  withDetails (details: ErrorDetails): QueryFluxError {
    const copy = new QueryFluxError(this.code, this.message, { cause: this.cause, details: { ...this.details, ...details } })
    copy.stack = this.stack
    return copy
  }
}

export function isQueryFluxError (value: unknown): value is QueryFluxError {
  return value instanceof QueryFluxError
}

/** Anything thrown, as a QueryFluxError: coded errors pass through, the rest become INTERNAL_ERROR. */
export function toQueryFluxError (value: unknown): QueryFluxError {
  if (value instanceof QueryFluxError) return value
  const message = value instanceof Error ? value.message : String(value)
  return new QueryFluxError(ErrorCode.INTERNAL_ERROR, `internal error: ${message}`, { cause: value })
}

// Named constructors keep messages consistent and actionable (fastify's createError idea).

export const errors = {
  routingNoMatch: (details?: ErrorDetails) => new QueryFluxError(ErrorCode.ROUTING_NO_MATCH,
    'no router matched this query and no routingFallback is set: add a router that matches it or set routingFallback to a cluster group', { details }),
  queueFull: (group: string, maxQueued: number) => new QueryFluxError(ErrorCode.QUEUE_FULL,
    `cluster group '${group}' queue is full (maxQueuedQueries=${maxQueued}): retry later, raise clusterGroups.${group}.maxQueuedQueries or set an overflow group`, { details: { group } }),
  queueTimeout: (group: string, waitedMs: number) => new QueryFluxError(ErrorCode.QUEUE_TIMEOUT,
    `query waited ${waitedMs} ms in the queue of cluster group '${group}' without a free slot: retry later, raise clusterGroups.${group}.maxRunningQueries or clusterGroups.${group}.queueTimeoutMs`, { details: { group } }),
  translationFailed: (from: string, to: string, reason: string, cause?: unknown, position?: ErrorDetails['position']) => new QueryFluxError(ErrorCode.TRANSLATION_FAILED,
    `cannot translate the statement from ${from} to ${to}: ${reason}. Rewrite it in the ${to} dialect, or set the group's translation.onError to passthrough`, { cause, details: position === undefined ? {} : { position } }),
  engineUnavailable: (what: string, reason: string, cause?: unknown, details?: ErrorDetails) => new QueryFluxError(ErrorCode.ENGINE_UNAVAILABLE,
    `${what} is unavailable: ${reason}`, { cause, details }),
  engineError: (message: string, cause?: unknown, details?: ErrorDetails) => new QueryFluxError(ErrorCode.ENGINE_ERROR, message, { cause, details }),
  authFailed: (user: string) => new QueryFluxError(ErrorCode.AUTH_FAILED, `password authentication failed for user "${user}"`),
  cancelled: (reason = 'the query was cancelled') => new QueryFluxError(ErrorCode.CANCELLED, reason),
  badRequest: (message: string, details?: ErrorDetails) => new QueryFluxError(ErrorCode.BAD_REQUEST, message, { details }),
  protocolViolation: (message: string) => new QueryFluxError(ErrorCode.PROTOCOL_VIOLATION, message),
  notSupported: (message: string) => new QueryFluxError(ErrorCode.NOT_SUPPORTED, message),
  queryTimeout: (limitMs: number) => new QueryFluxError(ErrorCode.QUERY_TIMEOUT, `query exceeded its time limit of ${limitMs} ms`),
  shuttingDown: () => new QueryFluxError(ErrorCode.SHUTTING_DOWN, 'QueryFlux is shutting down and accepts no new queries: retry on another instance'),
  internal: (message: string, cause?: unknown) => new QueryFluxError(ErrorCode.INTERNAL_ERROR, `internal error: ${message}`, { cause }),
  configInvalid: (message: string) => new QueryFluxError(ErrorCode.CONFIG_INVALID, message),
} as const
