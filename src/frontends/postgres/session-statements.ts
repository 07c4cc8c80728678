/**
 * Statements QueryFlux answers itself because they are about the client's session, not the
 * data, and an engine behind a connection pool would either not understand them or apply them
 * to the wrong connection: SET, RESET, SHOW, BEGIN/COMMIT/ROLLBACK/SAVEPOINT (emulated, with a
 * notice: engines see each statement on its own), DISCARD, DEALLOCATE, LISTEN/UNLISTEN, and
 * `SELECT` lists made only of version(), current_schema(), current_database(),
 * current_setting(…), current_user and friends.
 */
import { errors } from '../../core/errors.ts'
import type { QueryFluxError } from '../../core/errors.ts'
import { T } from '../../core/logical-type.ts'
import type { Column, Row } from '../../core/query-result.ts'
import type { NoticeFields } from './codec/backend-messages.ts'
import type { AnsweredKind } from '../../observability/query-events.ts'
import { leadingKeywords, tokenize } from './sql-text.ts'
import type { Token } from './sql-text.ts'
import type { SessionState } from './session-state.ts'
import { parseSessionFunctions, unrecognized } from './session-functions.ts'

export interface ParameterStatusChange { readonly name: string, readonly value: string }

export interface LocalOutcome {
  readonly rows: readonly Row[]
  readonly tag: string
  readonly notices: readonly NoticeFields[]
  readonly parameterStatus: readonly ParameterStatusChange[]
}

export interface LocalStatement {
  /** Columns of the rows `run` returns; empty when it returns none. Known without running it. */
  readonly columns: readonly Column[]
  run (): Promise<LocalOutcome>
}

/** What the session lends to its statements. */
export interface StatementHost {
  readonly state: SessionState
  readonly processId: number
  /** The schema unqualified names resolve to on the routed engine. */
  defaultSchema (): Promise<string>
  /** DISCARD ALL: prepared statements, portals and cursors go. */
  discardAll (): void
  /** DEALLOCATE name; false when there is no such statement. */
  deallocate (name: string): boolean
  /** COMMIT/ROLLBACK: cursors without HOLD close. */
  endTransaction (): void
}

const TRANSACTION_NOTICE: NoticeFields = {
  severity: 'NOTICE',
  code: '00000',
  message: 'QueryFlux accepts transaction statements but runs every statement on its own: engines behind it see no transaction',
}

const text = (name: string): Column => ({ name, type: T.varchar })

/** What a session statement is about, for the query history and metrics. */
export function sessionStatementKind (sql: string): AnsweredKind {
  switch (leadingKeywords(sql, 1)[0]) {
    case 'BEGIN': case 'START': case 'COMMIT': case 'END': case 'ABORT': case 'ROLLBACK': case 'SAVEPOINT': case 'RELEASE':
      return 'transaction'
    case 'DEALLOCATE': return 'prepared'
    default: return 'session'
  }
}

/** The statement as a session statement, or undefined when an engine must run it. */
export function parseSessionStatement (sql: string, host: StatementHost): LocalStatement | undefined {
  const tokens = tokenize(sql).filter((t) => t.type !== 'semicolon')
  const first = tokens[0]
  if (first?.type !== 'word') return undefined
  const keyword = first.text.toUpperCase()
  const words = tokens.map((t) => (t.type === 'word' ? t.text.toUpperCase() : t.text))
  switch (keyword) {
    case 'SET': return parseSet(tokens, host)
    case 'RESET': return parseReset(tokens, host)
    case 'SHOW': return parseShow(tokens, host)
    case 'BEGIN': case 'START': return transaction(host, 'begin', words)
    case 'COMMIT': case 'END': return transaction(host, 'commit', words)
    case 'ABORT': return transaction(host, 'rollback', words)
    case 'ROLLBACK': return transaction(host, words[1] === 'TO' || words[2] === 'TO' ? 'rollbackTo' : 'rollback', words)
    case 'SAVEPOINT': return transaction(host, 'savepoint', words)
    case 'RELEASE': return transaction(host, 'release', words)
    case 'DISCARD': return discard(words, host)
    case 'DEALLOCATE': return deallocate(tokens, host)
    case 'LISTEN': case 'UNLISTEN': return fixed(keyword, [])
    case 'SELECT': return parseSessionFunctions(tokens, host)
    default: return undefined
  }
}

function fixed (tag: string, rows: Row[], columns: Column[] = [], notices: NoticeFields[] = [], parameterStatus: ParameterStatusChange[] = []): LocalStatement {
  return { columns, run: async () => ({ rows, tag, notices, parameterStatus }) }
}

function settingName (tokens: readonly Token[], from: number): { name: string, next: number } | undefined {
  const first = tokens[from]
  if (first === undefined || (first.type !== 'word' && first.type !== 'identifier')) return undefined
  let name = first.text
  let i = from + 1
  while (tokens[i]?.text === '.' && (tokens[i + 1]?.type === 'word' || tokens[i + 1]?.type === 'identifier')) {
    name += `.${tokens[i + 1]!.text}`
    i += 2
  }
  return { name, next: i }
}

/** SET's value list as PostgreSQL stores it: 'a, "$user"', '-5', 'Europe/Berlin'. */
function settingValue (tokens: readonly Token[], from: number): string {
  const parts: string[] = []
  let sign = ''
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!
    if (t.type === 'op' && t.text === ',') continue
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) { sign = t.text === '-' ? '-' : ''; continue }
    if (t.type === 'identifier') parts.push(/^[a-z_][a-z0-9_]*$/.test(t.text) ? t.text : `"${t.text}"`)
    else parts.push(`${sign}${t.text}`)
    sign = ''
  }
  return parts.join(', ')
}

function parseSet (tokens: readonly Token[], host: StatementHost): LocalStatement | undefined {
  let i = 1
  const modifier = tokens[i]?.text.toUpperCase()
  if (modifier === 'SESSION' || modifier === 'LOCAL') {
    const after = tokens[i + 1]?.text.toUpperCase()
    if (modifier === 'SESSION' && (after === 'CHARACTERISTICS' || after === 'AUTHORIZATION')) {
      return after === 'CHARACTERISTICS' ? fixed('SET', []) : notSupported('SET SESSION AUTHORIZATION')
    }
    i++
  }
  const word = tokens[i]?.text.toUpperCase()
  if (word === 'TRANSACTION') return fixed('SET', [])
  if (word === 'ROLE') return notSupported('SET ROLE')
  if (word === 'TIME' && tokens[i + 1]?.text.toUpperCase() === 'ZONE') return applySet(host, 'TimeZone', tokens, i + 2)
  if (word === 'NAMES') return applySet(host, 'client_encoding', tokens, i + 1)
  if (word === 'SCHEMA') return applySet(host, 'search_path', tokens, i + 1)
  const name = settingName(tokens, i)
  if (name === undefined) return undefined
  const op = tokens[name.next]
  if (op === undefined || !(op.text === '=' || op.text.toUpperCase() === 'TO')) return undefined
  return applySet(host, name.name, tokens, name.next + 1)
}

function applySet (host: StatementHost, name: string, tokens: readonly Token[], from: number): LocalStatement {
  const value = settingValue(tokens, from)
  const isDefault = /^(default|local)$/i.test(value) && tokens[from]?.type === 'word'
  return {
    columns: [],
    run: async () => {
      const status = isDefault ? host.state.reset(name) : host.state.set(name, value)
      return { rows: [], tag: 'SET', notices: [], parameterStatus: status === undefined ? [] : [status] }
    },
  }
}

function parseReset (tokens: readonly Token[], host: StatementHost): LocalStatement | undefined {
  const name = tokens[1]?.text.toUpperCase() === 'ALL' ? undefined : settingName(tokens, 1)
  return {
    columns: [],
    run: async () => {
      const statuses = name === undefined ? host.state.resetAll() : [host.state.reset(name.name)].filter((s) => s !== undefined)
      return { rows: [], tag: 'RESET', notices: [], parameterStatus: statuses }
    },
  }
}

function parseShow (tokens: readonly Token[], host: StatementHost): LocalStatement | undefined {
  const word = tokens[1]?.text.toUpperCase()
  if (word === 'ALL' && tokens.length === 2) {
    return {
      columns: [text('name'), text('setting'), text('description')],
      run: async () => ({ rows: host.state.all().map(([n, v]) => [n, v, '']), tag: 'SHOW', notices: [], parameterStatus: [] }),
    }
  }
  if (word === 'TIME' && tokens[2]?.text.toUpperCase() === 'ZONE') return showSetting(host, 'TimeZone')
  if (word === 'TRANSACTION' && tokens[2]?.text.toUpperCase() === 'ISOLATION') return showSetting(host, 'transaction_isolation')
  if (word === 'SESSION' && tokens[2]?.text.toUpperCase() === 'AUTHORIZATION') return showSetting(host, 'session_authorization')
  const name = settingName(tokens, 1)
  // SHOW TABLES, SHOW CATALOGS, … belong to the engine: only known settings and dotted custom ones are local.
  if (name === undefined || name.next !== tokens.length) return undefined
  if (host.state.get(name.name) === undefined && !name.name.includes('.')) return undefined
  return showSetting(host, name.name)
}

function showSetting (host: StatementHost, name: string): LocalStatement {
  return {
    columns: [text(canonicalName(name))],
    run: async () => {
      const value = host.state.get(name)
      if (value === undefined) throw unrecognized(name)
      return { rows: [[value]], tag: 'SHOW', notices: [], parameterStatus: [] }
    },
  }
}

const CANONICAL: Record<string, string> = { timezone: 'TimeZone', datestyle: 'DateStyle', intervalstyle: 'IntervalStyle' }

function canonicalName (name: string): string {
  return CANONICAL[name.toLowerCase()] ?? name.toLowerCase()
}


function notSupported (what: string): LocalStatement {
  return { columns: [], run: async () => { throw errors.notSupported(`${what} is not supported by QueryFlux`) } }
}

type TransactionVerb = 'begin' | 'commit' | 'rollback' | 'rollbackTo' | 'savepoint' | 'release'

function transaction (host: StatementHost, verb: TransactionVerb, words: readonly string[]): LocalStatement | undefined {
  // START must be START TRANSACTION; anything else (e.g. an engine's START …) is not ours.
  if (words[0] === 'START' && words[1] !== 'TRANSACTION') return undefined
  return {
    columns: [],
    run: async () => {
      const state = host.state
      const notices: NoticeFields[] = []
      switch (verb) {
        case 'begin':
          if (state.transaction !== 'idle') notices.push({ severity: 'WARNING', code: '25001', message: 'there is already a transaction in progress' })
          else if (!state.hasTransactionNotice) { notices.push(TRANSACTION_NOTICE); state.hasTransactionNotice = true }
          if (state.transaction === 'idle') state.transaction = 'inTransaction'
          return { rows: [], tag: 'BEGIN', notices, parameterStatus: [] }
        case 'commit':
        case 'rollback': {
          const wasFailed = state.transaction === 'failed'
          if (state.transaction === 'idle') notices.push({ severity: 'WARNING', code: '25P01', message: 'there is no transaction in progress' })
          state.transaction = 'idle'
          host.endTransaction()
          return { rows: [], tag: verb === 'commit' && !wasFailed ? 'COMMIT' : 'ROLLBACK', notices, parameterStatus: [] }
        }
        case 'savepoint':
        case 'release':
        case 'rollbackTo': {
          const command = verb === 'rollbackTo' ? 'ROLLBACK TO SAVEPOINT' : verb.toUpperCase()
          if (state.transaction === 'idle') throw errors.badRequest(`${command} can only be used in transaction blocks`, { sqlstate: '25P01' })
          if (verb === 'rollbackTo') state.transaction = 'inTransaction'
          return { rows: [], tag: verb === 'rollbackTo' ? 'ROLLBACK' : verb.toUpperCase(), notices, parameterStatus: [] }
        }
      }
    },
  }
}

function discard (words: readonly string[], host: StatementHost): LocalStatement | undefined {
  const what = words[1]
  if (what !== 'ALL' && what !== 'PLANS' && what !== 'SEQUENCES' && what !== 'TEMP' && what !== 'TEMPORARY') return undefined
  return {
    columns: [],
    run: async () => {
      if (what === 'ALL') {
        if (host.state.transaction !== 'idle') throw errors.badRequest('DISCARD ALL cannot run inside a transaction block', { sqlstate: '25001' })
        host.discardAll()
        const parameterStatus = host.state.resetAll()
        return { rows: [], tag: 'DISCARD ALL', notices: [], parameterStatus }
      }
      return { rows: [], tag: `DISCARD ${what === 'TEMPORARY' ? 'TEMP' : what}`, notices: [], parameterStatus: [] }
    },
  }
}

function deallocate (tokens: readonly Token[], host: StatementHost): LocalStatement {
  let i = 1
  if (tokens[i]?.text.toUpperCase() === 'PREPARE') i++
  const target = tokens[i]
  const all = target?.type === 'word' && target.text.toUpperCase() === 'ALL'
  return {
    columns: [],
    run: async () => {
      if (all) { host.discardAll(); return { rows: [], tag: 'DEALLOCATE ALL', notices: [], parameterStatus: [] } }
      if (target === undefined || !host.deallocate(target.text)) {
        throw errors.badRequest(`prepared statement "${target?.text ?? ''}" does not exist`, { sqlstate: '26000' })
      }
      return { rows: [], tag: 'DEALLOCATE', notices: [], parameterStatus: [] }
    },
  }
}

/** COMMIT, ROLLBACK and friends: the only statements a failed transaction accepts. */
export function isTransactionEnd (sql: string): boolean {
  const [first] = leadingKeywords(sql, 1)
  return first === 'COMMIT' || first === 'ROLLBACK' || first === 'END' || first === 'ABORT'
}

export function abortedTransaction (): QueryFluxError {
  return errors.badRequest('current transaction is aborted, commands ignored until end of transaction block', { sqlstate: '25P02' })
}
