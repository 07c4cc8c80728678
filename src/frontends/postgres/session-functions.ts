/**
 * `SELECT` lists made only of session functions — version(), current_schema(),
 * current_database(), current_setting(…), current_user and friends — answered by QueryFlux,
 * because the engine would answer with its own name, database and user.
 */
import { errors } from '../../core/errors.ts'
import { T } from '../../core/logical-type.ts'
import type { Column } from '../../core/query-result.ts'
import type { Token } from './sql-text.ts'
import { SERVER_VERSION } from './session-state.ts'
import type { LocalStatement, StatementHost } from './session-statements.ts'

type LocalFunction = (args: readonly Token[], host: StatementHost) => Promise<unknown>

const FUNCTIONS: Record<string, { column: string, call: LocalFunction, needsParens: boolean | 'optional' }> = {
  version: { column: 'version', needsParens: true, call: async () => `PostgreSQL ${SERVER_VERSION} on x86_64-pc-linux-gnu, compiled by QueryFlux, 64-bit` },
  current_database: { column: 'current_database', needsParens: true, call: async (_a, h) => h.state.database },
  current_catalog: { column: 'current_catalog', needsParens: false, call: async (_a, h) => h.state.database },
  current_schema: { column: 'current_schema', needsParens: 'optional', call: async (_a, h) => h.state.context().schema ?? await h.defaultSchema() },
  current_user: { column: 'current_user', needsParens: false, call: async (_a, h) => h.state.user },
  session_user: { column: 'session_user', needsParens: false, call: async (_a, h) => h.state.user },
  current_role: { column: 'current_role', needsParens: false, call: async (_a, h) => h.state.user },
  user: { column: 'current_user', needsParens: false, call: async (_a, h) => h.state.user },
  pg_backend_pid: { column: 'pg_backend_pid', needsParens: true, call: async (_a, h) => h.processId },
  current_setting: {
    column: 'current_setting',
    needsParens: true,
    call: async (args, h) => {
      const name = args[0]
      if (name?.type !== 'string') throw errors.badRequest('current_setting() takes a setting name as a string literal')
      const missingOk = args[2]?.text.toLowerCase() === 'true'
      const value = h.state.get(name.text)
      if (value === undefined && !missingOk) throw unrecognized(name.text)
      return value ?? null
    },
  },
  current_schemas: {
    column: 'current_schemas',
    needsParens: true,
    call: async (args, h) => {
      const schema = h.state.context().schema ?? await h.defaultSchema()
      return args[0]?.text.toLowerCase() === 'true' ? ['pg_catalog', schema] : [schema]
    },
  },
  pg_is_in_recovery: { column: 'pg_is_in_recovery', needsParens: true, call: async () => false },
}

interface SelectItem { readonly fn: string, readonly args: readonly Token[], readonly alias?: string }

/** `SELECT` of session functions only (`SELECT version(), current_schema() AS s`), or undefined. */
export function parseSessionFunctions (tokens: readonly Token[], host: StatementHost): LocalStatement | undefined {
  const items: SelectItem[] = []
  let i = 1
  for (;;) {
    let t = tokens[i]
    if (t?.type === 'word' && t.text.toLowerCase() === 'pg_catalog' && tokens[i + 1]?.text === '.') { i += 2; t = tokens[i] }
    if (t?.type !== 'word') return undefined
    const fn = t.text.toLowerCase()
    const spec = FUNCTIONS[fn]
    if (spec === undefined) return undefined
    i++
    let args: Token[] = []
    if (tokens[i]?.text === '(') {
      if (spec.needsParens === false) return undefined
      const close = tokens.findIndex((x, k) => k > i && x.text === ')')
      if (close < 0) return undefined
      args = tokens.slice(i + 1, close)
      i = close + 1
    } else if (spec.needsParens === true) {
      return undefined
    }
    let alias: string | undefined
    if (tokens[i]?.type === 'word' && tokens[i]!.text.toUpperCase() === 'AS') i++
    const maybeAlias = tokens[i]
    if (maybeAlias !== undefined && (maybeAlias.type === 'identifier' || (maybeAlias.type === 'word' && maybeAlias.text.toUpperCase() !== 'FROM'))) {
      alias = maybeAlias.type === 'identifier' ? maybeAlias.text : maybeAlias.text.toLowerCase()
      i++
    }
    items.push(alias === undefined ? { fn, args } : { fn, args, alias })
    if (tokens[i]?.text === ',') { i++; continue }
    if (i !== tokens.length) return undefined
    break
  }
  const columns: Column[] = items.map((item) => ({
    name: item.alias ?? FUNCTIONS[item.fn]!.column,
    type: item.fn === 'pg_backend_pid' ? T.integer : item.fn === 'pg_is_in_recovery' ? T.boolean : item.fn === 'current_schemas' ? T.array(T.varchar) : T.varchar,
  }))
  return {
    columns,
    run: async () => {
      const row: unknown[] = []
      for (const item of items) row.push(await FUNCTIONS[item.fn]!.call(item.args, host))
      return { rows: [row], tag: 'SELECT 1', notices: [], parameterStatus: [] }
    },
  }
}

/** PostgreSQL's error for an unknown setting name (42704). */
export function unrecognized (name: string): Error {
  return errors.badRequest(`unrecognized configuration parameter "${name}"`, { sqlstate: '42704' })
}
