import type { Dialect } from './dialect.ts'
import type { LogicalType } from './logical-type.ts'
import type { Protocol } from './protocol.ts'

/** Who is asking and how: everything a router, translator or engine may need about the client. */
export interface SessionContext {
  readonly user: string
  readonly protocol: Protocol
  /** Request or connection headers, names lower-cased (Trino `x-trino-*`; PostgreSQL startup parameters as `pg-<name>`). */
  readonly headers: Readonly<Record<string, string>>
  readonly clientTags: readonly string[]
  readonly catalog?: string
  readonly schema?: string
  /** PostgreSQL/MySQL database name from the connection. */
  readonly database?: string
  /** Overrides the frontend's dialect (Trino session property, `SET queryflux.dialect`, …). */
  readonly sourceDialect?: Dialect
  /** Session properties as the client set them (Trino `X-Trino-Session`, PostgreSQL `SET`). */
  readonly properties: Readonly<Record<string, string>>
  /** Application name (`X-Trino-Source`, PostgreSQL `application_name`). */
  readonly source?: string
  readonly remoteAddress?: string
  /** IANA zone or offset the client asked for (`X-Trino-Time-Zone`, PostgreSQL `TimeZone`). */
  readonly timeZone?: string
}

/** A bound parameter with its type, so it can be bound natively or rendered as a typed literal. */
export interface QueryParameter {
  readonly type: LogicalType
  /** A value in the representation documented in logical-type.ts. */
  readonly value: unknown
}

/** One statement as a frontend hands it to the QueryService. */
export interface QueryRequest {
  readonly sql: string
  readonly session: SessionContext
  readonly parameters?: readonly QueryParameter[]
  /** Fires when the client cancels or disconnects. */
  readonly signal?: AbortSignal
  /** A frontend may assign the id (Trino clients see it in URIs); otherwise the service does. */
  readonly queryId?: string
}
