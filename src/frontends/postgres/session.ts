/**
 * The protocol state machine of one PostgreSQL connection: startup (SSLRequest, TLS upgrade,
 * GSSENCRequest, CancelRequest, NegotiateProtocolVersion), authentication, then the simple
 * query protocol here and the extended one in extended-query.ts. Steps are named after the
 * specification; a message in the wrong step is a protocol violation answered with FATAL.
 * @see https://www.postgresql.org/docs/current/protocol-flow.html
 */
import type { SecureContext } from 'node:tls'
import type { PostgresWireFrontendConfig } from '../../config/schema.ts'
import { errors, ErrorCode, QueryFluxError, toQueryFluxError } from '../../core/errors.ts'
import type { Dialect } from '../../core/dialect.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { QueryExecution } from '../../service/query-execution.ts'
import type { Logger } from '../../observability/logger.ts'
import type { QueryEvents } from '../../observability/query-events.ts'
import {
  authenticationOk, backendKeyData, emptyQueryResponse, errorResponse, negotiateProtocolVersion, parameterStatus, readyForQuery,
} from './codec/backend-messages.ts'
import type { FrontendMessage, StartupPacket } from './codec/frontend-messages.ts'
import { SUPPORTED_MINOR_VERSION, TransactionStatus } from './codec/message-codes.ts'
import type { PostgresConnection } from './connection.ts'
import { createAuthFlow } from './auth/auth-flow.ts'
import type { CredentialStore } from './auth/credentials.ts'
import type { CatalogEmulation } from './catalog/catalog-emulation.ts'
import { Cursors } from './cursors.ts'
import { errorFields } from './error-map.ts'
import { ExtendedQuery } from './extended-query.ts'
import { RowStream } from './row-stream.ts'
import { SessionState } from './session-state.ts'
import { abortedTransaction, isTransactionEnd } from './session-statements.ts'
import type { StatementHost } from './session-statements.ts'
import { splitStatements } from './sql-text.ts'
import { StatementPlanner } from './statement-planner.ts'
import { writeNotices, writeStatementRows } from './statement-output.ts'
import type { StatementResult } from './statement-result.ts'

export const SessionStep = {
  Startup: 'Startup',
  Authenticating: 'Authenticating',
  Ready: 'Ready',
  Closed: 'Closed',
} as const
export type SessionStep = (typeof SessionStep)[keyof typeof SessionStep]

/** What the frontend shares with all its sessions. */
export interface SessionEnvironment {
  readonly config: PostgresWireFrontendConfig
  readonly credentials: CredentialStore
  readonly tls: SecureContext | undefined
  readonly service: QueryService
  readonly catalog: CatalogEmulation
  /** Statements the session answers itself are published here (the service publishes the rest). */
  readonly events: QueryEvents
  readonly dialect: Dialect | undefined
  /** CancelRequest from another connection: cancels that session's running query. */
  cancelBackend (processId: number, secretKey: number): void
  /** Takes a connection slot once the user is known; false when maxConnections are in use. */
  admit (): boolean
}

export interface SessionOptions {
  readonly conn: PostgresConnection
  readonly env: SessionEnvironment
  readonly processId: number
  readonly secretKey: number
  readonly logger: Logger
}

/** Longest a client may take from connecting to finishing authentication (PostgreSQL's authentication_timeout). */
const STARTUP_TIMEOUT_MS = 60_000

const DEFAULT_SCHEMAS: Record<string, string> = { duckDb: 'main', postgres: 'public', trino: 'default', clickHouse: 'default', athena: 'default' }

export class PostgresSession {
  readonly processId: number
  readonly secretKey: number
  step: SessionStep = SessionStep.Startup
  readonly #conn: PostgresConnection
  readonly #env: SessionEnvironment
  #logger: Logger
  #state: SessionState | undefined
  #extended: ExtendedQuery | undefined
  #planner: StatementPlanner | undefined
  readonly #cursors = new Cursors()
  /** The query the session is waiting on or streaming, for CancelRequest. */
  #activeExecution: QueryExecution | undefined
  #activeResult: StatementResult | undefined
  /**
   * A CancelRequest that arrived while the client's request was being worked through but no
   * statement was running (between the Describe probe and the Execute of a pipelined batch,
   * or between statements of a simple query). It cancels the request's next statement, so a
   * cancel is never lost in a gap QueryFlux itself made; ReadyForQuery clears it.
   */
  #pendingCancel: QueryFluxError | undefined
  #isIdle = false
  #shutdown: QueryFluxError | undefined

  constructor (options: SessionOptions) {
    this.#conn = options.conn
    this.#env = options.env
    this.processId = options.processId
    this.secretKey = options.secretKey
    this.#logger = options.logger
  }

  /** Runs the connection to its end; never rejects. */
  async run (): Promise<void> {
    try {
      const startup = await this.#startup()
      if (startup === undefined) return
      await this.#authenticate(startup)
      await this.#loop()
    } catch (error) {
      this.#fatal(error)
    } finally {
      this.step = SessionStep.Closed
      await this.#cleanup()
    }
  }

  /** CancelRequest: stops whatever query this session is running now. */
  cancel (): void {
    const reason = errors.cancelled('canceling statement due to user request')
    if (this.#activeExecution !== undefined) this.#activeExecution.cancel(reason)
    else if (this.#activeResult?.cancel !== undefined) this.#activeResult.cancel(reason)
    else if (!this.#isIdle && this.step === SessionStep.Ready) this.#pendingCancel = reason
  }

  /** Server shutdown: an idle session ends now, a busy one when its statement is done. */
  shutdown (): void {
    this.#shutdown = errors.shuttingDown()
    if (this.#isIdle || this.step !== SessionStep.Ready) this.#fatal(stateError(ErrorCode.SHUTTING_DOWN, 'terminating connection due to administrator command', '57P01'))
  }

  /** Ends the session now (shutdown deadline passed): cancels its query and closes the socket. */
  kill (): void {
    this.cancel()
    this.#conn.destroy()
  }

  // ---- startup ----

  async #startup (): Promise<(StartupPacket & { type: 'StartupMessage' }) | undefined> {
    const timer = setTimeout(() => this.#fatal(stateError(ErrorCode.PROTOCOL_VIOLATION, 'canceling authentication due to timeout', '08006')), STARTUP_TIMEOUT_MS)
    timer.unref()
    try {
      // At most SSLRequest, GSSENCRequest, then StartupMessage.
      for (let packets = 0; packets < 3; packets++) {
        const item = await this.#conn.next()
        if (item === undefined) return undefined
        if (item instanceof Error) throw item
        if (item.kind !== 'startup') throw errors.protocolViolation(`expected a startup packet, got ${item.message.type}`)
        const packet = item.packet
        switch (packet.type) {
          case 'SSLRequest': {
            if (this.#conn.isTls) throw errors.protocolViolation('SSLRequest on a connection that already uses TLS')
            // Bytes sent after SSLRequest but before the answer would bypass TLS (CVE-2021-23214).
            if (this.#conn.hasPendingInput) throw errors.protocolViolation('received unencrypted data after SSL request')
            if (this.#env.tls === undefined) { this.#conn.writeByte(0x4e); continue } // N
            this.#conn.writeByte(0x53) // S
            await this.#conn.upgradeToTls(this.#env.tls)
            continue
          }
          case 'GSSENCRequest':
            if (this.#conn.hasPendingInput) throw errors.protocolViolation('received unencrypted data after GSSAPI encryption request')
            this.#conn.writeByte(0x4e) // N: GSSAPI encryption is not offered
            continue
          case 'CancelRequest':
            this.#env.cancelBackend(packet.processId, packet.secretKey)
            this.#conn.destroy()
            return undefined
          case 'StartupMessage':
            return packet
        }
      }
      throw errors.protocolViolation('too many startup packets')
    } finally {
      clearTimeout(timer)
    }
  }

  async #authenticate (startup: StartupPacket & { type: 'StartupMessage' }): Promise<void> {
    const { config, credentials } = this.#env
    const w = this.#conn.writer
    if (config.requireTls && !this.#conn.isTls) {
      throw stateError(ErrorCode.AUTH_FAILED, 'QueryFlux requires TLS on this port: connect with sslmode=require', '28000')
    }
    const unrecognized = [...startup.parameters.keys()].filter((name) => name.startsWith('_pq_.'))
    if (startup.minorVersion > SUPPORTED_MINOR_VERSION || unrecognized.length > 0) negotiateProtocolVersion(w, SUPPORTED_MINOR_VERSION, unrecognized)
    const user = startup.parameters.get('user')
    if (user === undefined || user === '') throw stateError(ErrorCode.AUTH_FAILED, 'no PostgreSQL user name specified in startup packet', '28000')
    if (startup.parameters.has('replication') && startup.parameters.get('replication') !== 'false') {
      throw stateError(ErrorCode.NOT_SUPPORTED, 'QueryFlux does not accept replication connections', '0A000')
    }
    this.#logger = this.#logger.child({ user })
    if (!this.#env.admit()) throw stateError(ErrorCode.QUEUE_FULL, `sorry, too many clients already: queryflux.frontends.postgresWire.maxConnections is ${config.maxConnections}`, '53300')
    this.step = SessionStep.Authenticating
    if (credentials.isEnabled) await this.#passwordExchange(user)
    authenticationOk(w)
    const state = new SessionState({
      user,
      database: startup.parameters.get('database') || user,
      parameters: startup.parameters,
      ...(this.#conn.remoteAddress === undefined ? {} : { remoteAddress: this.#conn.remoteAddress }),
      ...(this.#env.dialect === undefined ? {} : { dialect: this.#env.dialect }),
    })
    try {
      for (const [name, value] of startupSettings(startup.parameters)) state.set(name, value)
    } catch (error) {
      throw stateError(ErrorCode.BAD_REQUEST, toQueryFluxError(error).message, '22023')
    }
    this.#state = state
    this.#planner = new StatementPlanner({
      service: this.#env.service,
      host: this.#host(state),
      cursors: this.#cursors,
      catalog: this.#env.catalog,
      closed: this.#conn.closed,
      onActive: (execution) => {
        this.#activeExecution = execution
        if (execution !== undefined && this.#pendingCancel !== undefined) {
          execution.cancel(this.#pendingCancel)
          this.#pendingCancel = undefined
        }
      },
      events: this.#env.events,
      logger: this.#logger,
    })
    this.#extended = new ExtendedQuery({
      conn: this.#conn,
      state,
      planner: this.#planner,
      cursors: this.#cursors,
      onStreaming: (result) => { this.#activeResult = result },
      sendError: (error, sql) => this.#sendError(error, sql),
    })
    for (const { name, value } of state.reportedValues()) parameterStatus(w, name, value)
    backendKeyData(w, this.processId, this.secretKey)
    this.step = SessionStep.Ready
    this.#readyForQuery()
    await this.#conn.flushAndDrain()
    this.#logger.debug('client authenticated')
  }

  async #passwordExchange (user: string): Promise<void> {
    const flow = createAuthFlow(user, this.#env.config.authMethod, this.#env.credentials)
    flow.begin(this.#conn.writer)
    await this.#conn.flushAndDrain()
    // SCRAM takes two client messages, md5 and cleartext one; more is a broken client.
    for (let round = 0; round < 3; round++) {
      const item = await this.#conn.next()
      if (item === undefined) throw errors.cancelled('the client disconnected during authentication')
      if (item instanceof Error) throw item
      if (item.kind !== 'message' || item.message.type !== 'Password') {
        throw errors.protocolViolation(`expected a password response, got ${item.kind === 'message' ? item.message.type : 'a startup packet'}`)
      }
      if (await flow.next(item.message.data, this.#conn.writer)) return
      await this.#conn.flushAndDrain()
    }
    throw errors.protocolViolation('authentication did not complete')
  }

  // ---- ready ----

  async #loop (): Promise<void> {
    const extended = this.#extended!
    for (;;) {
      if (this.#shutdown !== undefined && this.#isIdle) throw stateError(ErrorCode.SHUTTING_DOWN, 'terminating connection due to administrator command', '57P01')
      const item = await this.#nextMessage()
      if (item === undefined) return
      this.#isIdle = false
      const message = item
      if (message.type === 'Terminate') return
      if (extended.isSkippingToSync && message.type !== 'Sync') continue
      switch (message.type) {
        case 'Query':
          await this.#simpleQuery(message.query)
          break
        case 'Sync':
          await extended.sync()
          this.#readyForQuery()
          await this.#conn.flushAndDrain()
          break
        case 'Flush':
          await this.#conn.flushAndDrain()
          break
        case 'Parse': case 'Bind': case 'Describe': case 'Execute': case 'Close':
          await extended.handle(message)
          break
        case 'FunctionCall':
          this.#sendError(errors.notSupported('the function call sub-protocol is not supported by QueryFlux'))
          if (this.#state!.transaction === 'inTransaction') this.#state!.transaction = 'failed'
          this.#readyForQuery()
          await this.#conn.flushAndDrain()
          break
        case 'CopyData': case 'CopyDone': case 'CopyFail':
          // Outside COPY FROM these are ignored, as PostgreSQL does.
          break
        case 'Password':
          throw errors.protocolViolation('unexpected password message after authentication')
      }
    }
  }

  /** The next message; while idle, ends the session after idleTimeoutMs. */
  async #nextMessage (): Promise<FrontendMessage | undefined> {
    const timeoutMs = this.#env.config.idleTimeoutMs
    let timer: NodeJS.Timeout | undefined
    if (this.#isIdle && timeoutMs > 0) {
      timer = setTimeout(() => this.#fatal(stateError(ErrorCode.QUERY_TIMEOUT, 'terminating connection due to idle-session timeout', '57P05')), timeoutMs)
    }
    try {
      const item = await this.#conn.next()
      if (item === undefined) return undefined
      if (item instanceof Error) throw item
      if (item.kind !== 'message') throw errors.protocolViolation('unexpected startup packet after startup')
      return item.message
    } finally {
      clearTimeout(timer)
    }
  }

  async #simpleQuery (sql: string): Promise<void> {
    const state = this.#state!
    // A simple Query ends the unnamed statement and portal.
    await this.#extended!.closeUnnamed()
    const statements = splitStatements(sql)
    if (statements.length === 0) emptyQueryResponse(this.#conn.writer)
    for (const statement of statements) {
      try {
        await this.#runSimpleStatement(statement)
      } catch (error) {
        this.#sendError(error, statement)
        if (state.transaction === 'inTransaction') state.transaction = 'failed'
        break
      }
    }
    // Statements outside a transaction block end their cursors without HOLD, as the implicit transaction does.
    if (state.transaction === 'idle') await this.#cursors.closeAll(true)
    this.#readyForQuery()
    await this.#conn.flushAndDrain()
  }

  async #runSimpleStatement (sql: string): Promise<void> {
    const state = this.#state!
    if (state.transaction === 'failed' && !isTransactionEnd(sql)) throw abortedTransaction()
    const result = await this.#planner!.plan(sql).start([])
    this.#activeResult = result
    try {
      writeNotices(this.#conn, result)
      const fetchCursor = /^\s*fetch\b/i.test(sql) && result.columns.length > 0 ? binaryCursor(sql, this.#cursors) : false
      await writeStatementRows(this.#conn, new RowStream(result), {
        withRowDescription: true,
        formats: result.columns.map(() => (fetchCursor ? 1 : 0)),
        limit: 0,
        ctx: state,
      })
    } finally {
      this.#activeResult = undefined
      await result.close()
    }
  }

  #readyForQuery (): void {
    const tx = this.#state?.transaction ?? 'idle'
    readyForQuery(this.#conn.writer, tx === 'idle' ? TransactionStatus.Idle : tx === 'failed' ? TransactionStatus.Failed : TransactionStatus.InTransaction)
    this.#isIdle = true
    this.#pendingCancel = undefined
  }

  #sendError (error: unknown, sql?: string): void {
    const failure = toQueryFluxError(error)
    const fields = errorFields(failure, sql)
    errorResponse(this.#conn.writer, { ...fields, severity: 'ERROR' })
    if (failure.code === ErrorCode.INTERNAL_ERROR) this.#logger.error({ err: failure }, 'statement failed on a QueryFlux bug')
    else this.#logger.debug({ code: failure.code, sqlstate: fields.code }, 'statement failed')
  }

  /** Sends FATAL and closes: a protocol violation, failed authentication, timeout or shutdown. */
  #fatal (error: unknown): void {
    if (this.#conn.isClosed || this.step === SessionStep.Closed) { this.#conn.destroy(); return }
    const failure = toQueryFluxError(error)
    const fields = errorFields(failure)
    const closedByClient = failure.code === ErrorCode.CANCELLED && this.#conn.isClosed
    if (!closedByClient) errorResponse(this.#conn.writer, { ...fields, severity: 'FATAL' })
    const level = failure.code === ErrorCode.INTERNAL_ERROR ? 'error' : 'info'
    this.#logger[level]({ code: failure.code, sqlstate: fields.code, err: level === 'error' ? failure : undefined, msg2: failure.message }, 'closing connection')
    this.step = SessionStep.Closed
    this.#conn.end()
  }

  async #cleanup (): Promise<void> {
    await this.#extended?.closeAll()
    await this.#cursors.closeAll()
    this.#conn.end()
  }

  #host (state: SessionState): StatementHost {
    return {
      state,
      processId: this.processId,
      defaultSchema: async () => {
        try {
          const { engine } = await this.#env.service.metadataFor({ sql: 'SELECT 1', session: state.context() })
          return DEFAULT_SCHEMAS[engine] ?? state.database
        } catch {
          return 'public'
        }
      },
      discardAll: () => {
        void this.#extended?.closeAll()
        void this.#cursors.closeAll()
      },
      deallocate: (name) => this.#extended?.deallocate(name) ?? false,
      endTransaction: () => {
        void this.#cursors.closeAll(true)
        void this.#extended?.closeAll(true)
      },
    }
  }
}

/** Startup parameters that are settings: all but user, database, replication and `_pq_.*`; `options` holds `-c name=value`. */
function startupSettings (parameters: ReadonlyMap<string, string>): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const [name, value] of parameters) {
    if (name === 'user' || name === 'database' || name === 'replication' || name.startsWith('_pq_.')) continue
    if (name === 'options') out.push(...parseOptions(value))
    else out.push([name, value])
  }
  return out
}

/** libpq's `options`: `-c name=value` or `--name=value`, separated by spaces, `\ ` for a literal space. */
function parseOptions (options: string): Array<[string, string]> {
  const words = options.match(/(?:\\.|[^\s])+/g)?.map((w) => w.replace(/\\(.)/g, '$1')) ?? []
  const out: Array<[string, string]> = []
  for (let i = 0; i < words.length; i++) {
    let setting = words[i]!
    if (setting === '-c') setting = words[++i] ?? ''
    else if (setting.startsWith('-c')) setting = setting.slice(2)
    else if (setting.startsWith('--')) setting = setting.slice(2)
    else continue
    const eq = setting.indexOf('=')
    if (eq > 0) out.push([setting.slice(0, eq).replace(/-/g, '_'), setting.slice(eq + 1)])
  }
  return out
}

function binaryCursor (sql: string, cursors: Cursors): boolean {
  const name = /(?:from|in)\s+("?)([^"\s;]+)\1\s*;?\s*$/i.exec(sql)?.[2]
  if (name === undefined || !cursors.has(name)) return false
  return cursors.get(name).isBinary
}

/** A connection-level error with PostgreSQL's exact SQLSTATE (28000, 53300, 57P01, …). */
function stateError (code: ErrorCode, message: string, sqlstate: string): QueryFluxError {
  return new QueryFluxError(code, message, { details: { sqlstate } })
}
