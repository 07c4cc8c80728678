/**
 * The one module that touches `@polyglot-sql/sdk`: dialect names, and parse / annotate /
 * generate / transpile turned into plain values or QueryFluxError TRANSLATION_FAILED.
 *
 * Importing the SDK instantiates its 22.8 MB WebAssembly module synchronously (≈125–175 ms), so
 * this module is imported lazily: by a translation worker, or by the in-thread translator on
 * first use — never by a process that runs its translations on workers.
 */
import * as polyglot from '@polyglot-sql/sdk'
import type { Dialect } from '../core/dialect.ts'
import { errors } from '../core/errors.ts'
import type { AstNode } from './rewrites/ast.ts'
import { markSchemaTyped } from './rewrites/schema-typed.ts'
import type { TableSchema } from './translator.ts'

/** Our dialects → polyglot's dialect names (`getDialects()`). */
const POLYGLOT_DIALECT: Record<Dialect, polyglot.Dialect> = {
  trino: polyglot.Dialect.Trino,
  postgres: polyglot.Dialect.PostgreSQL,
  mysql: polyglot.Dialect.MySQL,
  duckdb: polyglot.Dialect.DuckDB,
  starrocks: polyglot.Dialect.StarRocks,
  clickhouse: polyglot.Dialect.ClickHouse,
  athena: polyglot.Dialect.Athena,
}

export function polyglotDialect (dialect: Dialect): polyglot.Dialect {
  return POLYGLOT_DIALECT[dialect]
}

interface PolyglotFailure {
  readonly error?: string | null
  readonly errorLine?: number
  readonly errorColumn?: number
}

/** The error position: polyglot's fields when it sets them, else the "at line L, column C" its message carries (annotateTypes sets no fields). */
function positionOf (result: PolyglotFailure): { line: number, column: number } | undefined {
  if (result.errorLine !== undefined && result.errorColumn !== undefined) return { line: result.errorLine, column: result.errorColumn }
  const match = /\bline (\d+), column (\d+)/.exec(result.error ?? '')
  return match === null ? undefined : { line: Number(match[1]), column: Number(match[2]) }
}

function failure (from: Dialect, to: Dialect, result: PolyglotFailure, withPosition: boolean): Error {
  const reason = result.error ?? 'the transpiler gave no reason'
  return errors.translationFailed(from, to, reason, result, withPosition ? positionOf(result) : undefined)
}

/**
 * Statements joined back into one text. Several statements are rare in a query request; keep
 * them all rather than silently dropping the rest.
 */
function joined (sql: readonly string[]): string {
  return sql.length === 1 ? sql[0] ?? '' : sql.join(';\n')
}

/**
 * `unsupportedLevel: 'raise'` makes polyglot fail where it knows the target lacks a construct.
 * It does not catch functions passed through unchanged (see rewrites/ for those).
 */
const TRANSPILE_OPTIONS: polyglot.TranspileOptions = { unsupportedLevel: 'raise' }

/**
 * @param positionsAreTheClients false when `sql` is our own regenerated text, whose line/column
 *   would not point into what the client sent.
 */
export function transpile (sql: string, from: Dialect, to: Dialect, positionsAreTheClients = true): string {
  const result = polyglot.transpile(sql, POLYGLOT_DIALECT[from], POLYGLOT_DIALECT[to], TRANSPILE_OPTIONS)
  if (!result.success || result.sql === null || result.sql === undefined) throw failure(from, to, result, positionsAreTheClients)
  return joined(result.sql)
}

/**
 * Our TableSchemas → polyglot's Schema. Column types are Trino display forms, which polyglot's
 * type parser reads as they are (integer, decimal(15,2), varchar(25), timestamp(3) with time
 * zone, array(varchar), row(a integer) → struct; see polyglot.test.ts). A qualified reference
 * matches only an entry whose `schema` holds the same qualifier (`sch` for `sch.t`, `cat.sch`
 * for `cat.sch.t`); an unqualified one matches any entry of that name, case-insensitively.
 * `strict: false`: a table or column the schema does not know is left untyped, never an error.
 */
export function polyglotSchema (tables: readonly TableSchema[]): polyglot.Schema {
  return {
    strict: false,
    tables: tables.map((table) => {
      const qualifier = [table.catalog, table.schema].filter((part) => part !== undefined).join('.')
      return {
        name: table.name,
        ...(qualifier === '' ? {} : { schema: qualifier }),
        columns: table.columns.map((column) => ({ name: column.name, type: column.type })),
      }
    }),
  }
}

/**
 * Parses `sql` in `dialect` and infers types bottom-up (`inferred_type` on value nodes). With
 * `tables`, columns are typed from them too, and the columns whose type comes from a table are
 * marked for the rules (rewrites/schema-typed.ts); that takes a second annotation without them.
 */
export function parseWithTypes (sql: string, from: Dialect, to: Dialect, tables: readonly TableSchema[] = []): AstNode[] {
  const untyped = polyglot.annotateTypes(sql, POLYGLOT_DIALECT[from])
  if (!untyped.success || untyped.ast === null || untyped.ast === undefined) throw failure(from, to, untyped, true)
  if (tables.length === 0) return untyped.ast as unknown as AstNode[]
  const typed = polyglot.annotateTypes(sql, POLYGLOT_DIALECT[from], polyglotSchema(tables))
  // The schema cannot make a statement unparsable; if polyglot still fails, translate untyped.
  if (!typed.success || typed.ast === null || typed.ast === undefined) return untyped.ast as unknown as AstNode[]
  markSchemaTyped(untyped.ast, typed.ast)
  return typed.ast as unknown as AstNode[]
}

/** Parses the client's `sql` in `from`; positions in a failure point into it. */
export function parseStatements (sql: string, from: Dialect): AstNode[] {
  const result = polyglot.parse(sql, POLYGLOT_DIALECT[from])
  if (!result.success || result.ast === null || result.ast === undefined) throw failure(from, from, result, true)
  return result.ast as unknown as AstNode[]
}

/** Every table node (`{ table: { name, schema, catalog, … } }`) under `statement`, CTE references included. */
export function tableNodes (statement: AstNode): AstNode[] {
  return polyglot.ast.getTables(statement as unknown as Parameters<typeof polyglot.ast.getTables>[0]) as unknown as AstNode[]
}

/** Parses SQL that polyglot itself produced for `to`; a failure here is a transpiler gap, not the client's. */
export function reparse (sql: string, from: Dialect, to: Dialect): AstNode[] {
  const result = polyglot.parse(sql, POLYGLOT_DIALECT[to])
  if (!result.success || result.ast === null || result.ast === undefined) {
    throw errors.translationFailed(from, to, `the rewrite layer could not re-read the transpiler's ${to} output (${result.error ?? 'no reason given'})`, result)
  }
  return result.ast as unknown as AstNode[]
}

/** A bare expression in `dialect`, for rewrite templates. */
export function parseExpression (sql: string, dialect: Dialect): AstNode {
  const result = polyglot.parse(`SELECT ${sql}`, POLYGLOT_DIALECT[dialect])
  const select = (result.ast?.[0] as unknown as { select?: { expressions?: AstNode[] } } | undefined)?.select
  const expression = select?.expressions?.[0]
  if (!result.success || expression === undefined || select?.expressions?.length !== 1) {
    throw errors.internal(`rewrite template does not parse as one ${dialect} expression: ${sql} (${result.error ?? 'more than one expression'})`)
  }
  return expression
}

export function generate (ast: readonly AstNode[], dialect: Dialect, from: Dialect, to: Dialect): string {
  const result = polyglot.generate(ast, POLYGLOT_DIALECT[dialect])
  if (!result.success || result.sql === null || result.sql === undefined) {
    throw errors.translationFailed(from, to, `the rewrite layer could not generate ${dialect} SQL (${result.error ?? 'no reason given'})`, result)
  }
  return joined(result.sql)
}
