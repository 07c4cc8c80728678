/**
 * Decides who answers a statement (the session itself, a cursor, COPY around an engine query,
 * the catalog emulation, or the engine through the QueryService) and gives each the same two
 * operations: `describe` (columns before running, for Describe) and `start`.
 */
import type { QueryService } from '../../service/query-service.ts'
import type { QueryExecution } from '../../service/query-execution.ts'
import { errors, toQueryFluxError } from '../../core/errors.ts'
import type { Column } from '../../core/query-result.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import type { Logger } from '../../observability/logger.ts'
import type { AnsweredKind, QueryEvents } from '../../observability/query-events.ts'
import { AnsweredStatement } from './answered-statement.ts'
import { isRowReturning, isWrappableQuery } from './command-tag.ts'
import { parseCopyStatement } from './copy-out.ts'
import { Cursors, fetchResult, parseCursorStatement } from './cursors.ts'
import { parseSessionStatement, sessionStatementKind } from './session-statements.ts'
import type { StatementHost } from './session-statements.ts'
import { engineStatementResult, staticStatementResult } from './statement-result.ts'
import type { CopyOptions, StatementResult } from './statement-result.ts'
import type { CatalogEmulation } from './catalog/catalog-emulation.ts'

export interface Plan {
  /** The columns the statement will return, null when it returns none (NoData). May run a LIMIT 0 probe. */
  describe (parameters: readonly QueryParameter[]): Promise<readonly Column[] | null>
  start (parameters: readonly QueryParameter[]): Promise<StatementResult>
}

export interface PlannerOptions {
  readonly service: QueryService
  readonly host: StatementHost
  readonly cursors: Cursors
  readonly catalog: CatalogEmulation
  /** Fires when the client disconnects: every query of the session stops. */
  readonly closed: AbortSignal
  /** Called with the execution the session is waiting on, so a CancelRequest can reach it. */
  readonly onActive: (execution: QueryExecution | undefined) => void
  /** Where statements answered here (not by an engine) are published for history and metrics. */
  readonly events: QueryEvents
  readonly logger: Logger
}

export class StatementPlanner {
  readonly #options: PlannerOptions

  constructor (options: PlannerOptions) {
    this.#options = options
  }

  plan (sql: string): Plan {
    const local = parseSessionStatement(sql, this.#options.host)
    if (local !== undefined) {
      return this.#answered(sql, sessionStatementKind(sql), {
        describe: async () => local.columns.length === 0 ? null : local.columns,
        start: async () => staticStatementResult(local.columns, await local.run()),
      })
    }
    const cursor = parseCursorStatement(sql)
    // DECLARE runs its query on an engine (the QueryService records it); FETCH, MOVE and CLOSE are answered here.
    if (cursor !== undefined) return cursor.kind === 'declare' ? this.#cursorPlan(cursor) : this.#answered(sql, 'cursor', this.#cursorPlan(cursor))
    const copy = parseCopyStatement(sql)
    if (copy !== undefined) {
      return {
        describe: async () => null,
        start: async (parameters) => await this.#engine(copy.query, parameters, copy.options),
      }
    }
    const engine: Plan = {
      describe: async (parameters) => await this.#probe(sql, parameters),
      start: async (parameters) => await this.#engine(sql, parameters),
    }
    const { host, catalog } = this.#options
    return catalog.plan(sql, { state: host.state, processId: host.processId, engine: () => engine, answered: (kind) => this.#answer(sql, kind) }) ?? engine
  }

  #answer (sql: string, kind: AnsweredKind): AnsweredStatement {
    return new AnsweredStatement(this.#options.events, this.#options.host.state.user, sql, kind)
  }

  /** `plan` answered here: each start is published as an `answered` event once it is over. */
  #answered (sql: string, kind: AnsweredKind, plan: Plan): Plan {
    return {
      describe: plan.describe,
      start: async (parameters) => {
        const answered = this.#answer(sql, kind)
        try {
          return answered.track(await plan.start(parameters))
        } catch (error) {
          answered.fail(error)
          throw error
        }
      },
    }
  }

  /** Runs `sql` on the engine the router picks; resolves once the engine has answered with columns. */
  async #engine (sql: string, parameters: readonly QueryParameter[], copy?: CopyOptions): Promise<StatementResult> {
    const { service, host, closed, onActive } = this.#options
    const execution = service.submit({
      sql,
      session: host.state.context(),
      ...(parameters.length === 0 ? {} : { parameters }),
      signal: closed,
    })
    onActive(execution)
    try {
      const result = await execution.result
      const update = result.sessionUpdate
      if (update?.schema !== undefined) host.state.set('search_path', update.schema)
      return engineStatementResult(sql, result, execution, copy)
    } finally {
      onActive(undefined)
    }
  }

  /** Columns of a row-returning statement without its rows: `SELECT * FROM (<sql>) AS qf_describe LIMIT 0`, parameters NULL. */
  async #probe (sql: string, parameters: readonly QueryParameter[]): Promise<readonly Column[] | null> {
    if (!isRowReturning(sql)) return null
    const body = sql.replace(/;\s*$/, '')
    // The statement keeps its own lines (line 2 on), so an engine error points into it.
    const isWrapped = isWrappableQuery(sql)
    const probe = isWrapped ? `SELECT * FROM (\n${body}\n) AS qf_describe LIMIT 0` : body
    const nulls = parameters.map((p) => ({ type: p.type, value: null }))
    let result: StatementResult
    try {
      result = await this.#engine(probe, nulls)
    } catch (error) {
      const failure = toQueryFluxError(error)
      const position = failure.details.position
      if (!isWrapped || position === undefined || position.line < 2) throw failure
      throw failure.withDetails({ position: { line: position.line - 1, column: position.column } })
    }
    try {
      return result.columns.length === 0 ? null : result.columns
    } finally {
      await result.close()
    }
  }

  #cursorPlan (statement: NonNullable<ReturnType<typeof parseCursorStatement>>): Plan {
    const { cursors, host } = this.#options
    switch (statement.kind) {
      case 'declare': return {
        describe: async () => null,
        start: async (parameters) => {
          if (!statement.isHold && host.state.transaction === 'idle') {
            throw errors.badRequest('DECLARE CURSOR can only be used in transaction blocks', { sqlstate: '25P01' })
          }
          if (cursors.has(statement.name)) throw errors.badRequest(`cursor "${statement.name}" already exists`, { sqlstate: '42P03' })
          const result = await this.#engine(statement.query, parameters)
          cursors.add(statement.name, statement.isHold, statement.isBinary, result)
          return staticStatementResult([], { rows: [], tag: 'DECLARE CURSOR', notices: [], parameterStatus: [] })
        },
      }
      case 'fetch': return {
        describe: async () => {
          const cursor = cursors.get(statement.name)
          return statement.isMove || cursor.columns.length === 0 ? null : cursor.columns
        },
        start: async () => fetchResult(cursors.get(statement.name), statement.count, statement.isMove),
      }
      case 'close': return {
        describe: async () => null,
        start: async () => {
          if (statement.name === undefined) await cursors.closeAll()
          else await cursors.close(statement.name)
          return staticStatementResult([], { rows: [], tag: statement.name === undefined ? 'CLOSE CURSOR ALL' : 'CLOSE CURSOR', notices: [], parameterStatus: [] })
        },
      }
    }
  }
}
