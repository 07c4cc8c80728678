/**
 * The extended query protocol: Parse, Bind, Describe, Execute (with a row limit and
 * PortalSuspended), Close; named and unnamed statements and portals; parameter types from
 * Parse, from casts in the SQL, or text. After an error every message is skipped until Sync.
 * A portal starts its statement at Describe or Execute, whichever comes first, so
 * Bind/Describe/Execute runs the query once.
 * @see https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY
 */
import { errors } from '../../core/errors.ts'
import type { Column } from '../../core/query-result.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import {
  bindComplete, closeComplete, commandComplete, emptyQueryResponse, noData, parameterDescription, parseComplete, rowDescription,
} from './codec/backend-messages.ts'
import type { FrontendMessage } from './codec/frontend-messages.ts'
import type { PostgresConnection } from './connection.ts'
import type { Cursors } from './cursors.ts'
import { RowStream, fieldDescriptions, resultFormats } from './row-stream.ts'
import { abortedTransaction, isTransactionEnd } from './session-statements.ts'
import type { SessionState } from './session-state.ts'
import { isEmptyQuery, maxParameterIndex, parameterCasts, splitStatements } from './sql-text.ts'
import type { Plan, StatementPlanner } from './statement-planner.ts'
import { writeNotices, writeStatementRows } from './statement-output.ts'
import type { StatementResult } from './statement-result.ts'
import { Oid, pgTypeByName } from './types/pg-types.ts'
import { decodeParameter, logicalTypeForOid } from './types/parameter-decoders.ts'

interface PreparedStatement {
  readonly name: string
  readonly sql: string
  readonly isEmpty: boolean
  readonly plan: Plan
  /** OIDs from Parse; 0 where the client left the type open. */
  readonly declaredTypes: readonly number[]
  /** OIDs in ParameterDescription: declared, else from a cast in the SQL, else text. */
  readonly parameterTypes: readonly number[]
  /** Set by Describe: what the client was told the rows look like. */
  describedColumns?: readonly Column[] | null
}

interface Portal {
  readonly name: string
  readonly statement: PreparedStatement
  readonly parameters: readonly QueryParameter[]
  readonly requestedFormats: readonly number[]
  stream?: RowStream
  isDescribed: boolean
  isComplete: boolean
}

export interface ExtendedQueryOptions {
  readonly conn: PostgresConnection
  readonly state: SessionState
  readonly planner: StatementPlanner
  /** SQL cursors are portals too: Describe of a portal named after a cursor describes its rows. */
  readonly cursors: Cursors
  readonly onStreaming: (result: StatementResult | undefined) => void
  readonly sendError: (error: unknown, sql?: string) => void
}

export class ExtendedQuery {
  readonly #options: ExtendedQueryOptions
  readonly #statements = new Map<string, PreparedStatement>()
  readonly #portals = new Map<string, Portal>()
  /** After an error, messages up to the next Sync are discarded. */
  isSkippingToSync = false

  constructor (options: ExtendedQueryOptions) {
    this.#options = options
  }

  async handle (message: FrontendMessage): Promise<void> {
    let sql: string | undefined
    try {
      switch (message.type) {
        case 'Parse': sql = message.query; this.#parse(message); break
        case 'Bind': this.#bind(message); break
        case 'Describe': sql = await this.#describe(message.target, message.name); break
        case 'Execute': sql = await this.#execute(message.portal, message.maxRows); break
        case 'Close': await this.#close(message.target, message.name); break
        default: throw errors.internal(`${message.type} is not an extended query message`)
      }
    } catch (error) {
      this.#options.sendError(error, sql)
      this.isSkippingToSync = true
      const state = this.#options.state
      if (state.transaction === 'inTransaction') state.transaction = 'failed'
    }
  }

  /** Sync: error recovery ends; outside a transaction block the implicit transaction ends and portals close. */
  async sync (): Promise<void> {
    this.isSkippingToSync = false
    if (this.#options.state.transaction === 'idle') await this.closeAll(true)
  }

  /** Closes portals (all, or only those of the ended transaction); with `portalsOnly` false statements go too. */
  async closeAll (portalsOnly = false): Promise<void> {
    for (const portal of this.#portals.values()) await this.#closePortal(portal)
    if (!portalsOnly) this.#statements.clear()
  }

  /** A simple Query destroys the unnamed statement and portal. */
  async closeUnnamed (): Promise<void> {
    const portal = this.#portals.get('')
    if (portal !== undefined) await this.#closePortal(portal)
    this.#statements.delete('')
  }

  deallocate (name: string): boolean {
    return this.#statements.delete(name)
  }

  #parse (message: FrontendMessage & { type: 'Parse' }): void {
    if (message.name !== '' && this.#statements.has(message.name)) {
      throw errors.badRequest(`prepared statement "${message.name}" already exists`, { sqlstate: '42P05' })
    }
    if (splitStatements(message.query).length > 1) {
      throw errors.badRequest('cannot insert multiple commands into a prepared statement', { sqlstate: '42601' })
    }
    const count = Math.max(message.parameterTypes.length, maxParameterIndex(message.query))
    const casts = parameterCasts(message.query)
    const parameterTypes: number[] = []
    for (let i = 0; i < count; i++) {
      const declared = message.parameterTypes[i] ?? 0
      if (declared !== 0) {
        logicalTypeForOid(declared) // throws for a type QueryFlux cannot decode
        parameterTypes.push(declared)
      } else {
        const cast = casts.get(i + 1)
        parameterTypes.push(cast === undefined ? Oid.text : pgTypeByName(cast)?.oid ?? Oid.text)
      }
    }
    const isEmpty = isEmptyQuery(message.query)
    const statement: PreparedStatement = {
      name: message.name,
      sql: message.query,
      isEmpty,
      plan: this.#options.planner.plan(message.query),
      declaredTypes: message.parameterTypes,
      parameterTypes,
    }
    this.#statements.set(message.name, statement)
    parseComplete(this.#options.conn.writer)
  }

  #bind (message: FrontendMessage & { type: 'Bind' }): void {
    const statement = this.#statement(message.statement)
    const expected = statement.parameterTypes.length
    if (message.parameters.length !== expected) {
      throw errors.badRequest(`bind message supplies ${message.parameters.length} parameters, but prepared statement "${statement.name}" requires ${expected}`, { sqlstate: '08P01' })
    }
    if (this.#options.state.transaction === 'failed' && !isTransactionEnd(statement.sql)) throw abortedTransaction()
    if (message.portal !== '' && this.#portals.has(message.portal)) {
      throw errors.badRequest(`portal "${message.portal}" already exists`, { sqlstate: '42P03' })
    }
    const previous = this.#portals.get('')
    if (message.portal === '' && previous !== undefined) void this.#closePortal(previous)
    const ctx = this.#options.state
    const parameters = message.parameters.map((value, i) => {
      const format = message.parameterFormats.length === 1 ? message.parameterFormats[0]! : message.parameterFormats[i] ?? 0
      const declared = statement.declaredTypes[i] ?? 0
      // An open type sent as text stays an untyped literal unless the SQL casts it. Sent in
      // binary without a cast it is taken as raw bytes (node-postgres sends Buffers so).
      const described = statement.parameterTypes[i]!
      const oid = declared !== 0 ? declared : described !== Oid.text ? described : format === 1 ? Oid.bytea : 0
      try {
        return decodeParameter(oid, format === 1, value, ctx)
      } catch (error) {
        throw errors.badRequest(`${(error as Error).message} (parameter $${i + 1})`, { sqlstate: error instanceof Error && /invalid input syntax|malformed/.test(error.message) ? '22P02' : '22023' })
      }
    })
    this.#portals.set(message.portal, {
      name: message.portal,
      statement,
      parameters,
      requestedFormats: message.resultFormats,
      isDescribed: false,
      isComplete: false,
    })
    bindComplete(this.#options.conn.writer)
  }

  async #describe (target: 'statement' | 'portal', name: string): Promise<string> {
    const w = this.#options.conn.writer
    if (target === 'statement') {
      const statement = this.#statement(name)
      parameterDescription(w, statement.parameterTypes)
      if (statement.isEmpty) { noData(w); return statement.sql }
      if (statement.describedColumns === undefined) {
        const nulls = statement.parameterTypes.map((oid) => ({ type: logicalTypeForOid(oid), value: null }))
        statement.describedColumns = await statement.plan.describe(nulls)
      }
      const columns = statement.describedColumns
      if (columns === null || columns.length === 0) noData(w)
      else rowDescription(w, fieldDescriptions(columns, columns.map(() => 0)))
      return statement.sql
    }
    if (!this.#portals.has(name) && this.#options.cursors.has(name)) {
      const cursor = this.#options.cursors.get(name)
      if (cursor.columns.length === 0) noData(w)
      else rowDescription(w, fieldDescriptions(cursor.columns, cursor.columns.map(() => (cursor.isBinary ? 1 : 0))))
      return ''
    }
    const portal = this.#portal(name)
    if (portal.statement.isEmpty) { noData(w); return portal.statement.sql }
    const stream = await this.#start(portal)
    const result = stream.result
    portal.isDescribed = true
    if (result.columns.length === 0 || result.copy !== undefined) noData(w)
    else rowDescription(w, fieldDescriptions(result.columns, resultFormats(portal.requestedFormats, result.columns.length)))
    return portal.statement.sql
  }

  async #execute (name: string, maxRows: number): Promise<string> {
    const { conn, state } = this.#options
    const portal = this.#portal(name)
    const sql = portal.statement.sql
    if (portal.statement.isEmpty) { emptyQueryResponse(conn.writer); return sql }
    const isFirst = portal.stream === undefined
    const stream = await this.#start(portal)
    const result = stream.result
    if (portal.isComplete) {
      // PostgreSQL answers a finished portal with its tag and no rows.
      commandComplete(conn.writer, result.tag(0))
      return sql
    }
    if (isFirst || stream.total === 0) writeNotices(conn, result)
    this.#options.onStreaming(result)
    try {
      const isComplete = await writeStatementRows(conn, stream, {
        withRowDescription: false,
        formats: resultFormats(portal.requestedFormats, result.columns.length),
        limit: maxRows,
        ctx: state,
        // Rows go out as the client was told: at Describe of the portal (actual types) or of the statement.
        ...(portal.isDescribed ? {} : { describedColumns: portal.statement.describedColumns }),
      })
      if (isComplete) {
        portal.isComplete = true
        await result.close()
      }
    } catch (error) {
      await this.#closePortal(portal)
      throw error
    } finally {
      this.#options.onStreaming(undefined)
    }
    return sql
  }

  async #start (portal: Portal): Promise<RowStream> {
    if (portal.stream === undefined) {
      const { state } = this.#options
      if (state.transaction === 'failed' && !isTransactionEnd(portal.statement.sql)) throw abortedTransaction()
      portal.stream = new RowStream(await portal.statement.plan.start(portal.parameters))
    }
    return portal.stream
  }

  async #close (target: 'statement' | 'portal', name: string): Promise<void> {
    if (target === 'statement') {
      this.#statements.delete(name)
    } else {
      const portal = this.#portals.get(name)
      if (portal !== undefined) await this.#closePortal(portal)
    }
    closeComplete(this.#options.conn.writer)
  }

  async #closePortal (portal: Portal): Promise<void> {
    if (this.#portals.get(portal.name) === portal) this.#portals.delete(portal.name)
    await portal.stream?.result.close().catch(() => {})
  }

  #statement (name: string): PreparedStatement {
    const statement = this.#statements.get(name)
    if (statement === undefined) {
      throw errors.badRequest(name === '' ? 'unnamed prepared statement does not exist' : `prepared statement "${name}" does not exist`, { sqlstate: '26000' })
    }
    return statement
  }

  #portal (name: string): Portal {
    const portal = this.#portals.get(name)
    if (portal === undefined) {
      throw errors.badRequest(name === '' ? 'unnamed portal does not exist' : `portal "${name}" does not exist`, { sqlstate: '34000' })
    }
    return portal
  }
}
