/**
 * One translation, synchronously, in whatever thread calls it (the in-thread translator or a
 * translation worker): polyglot's transpile, wrapped by the pair's rewrite layer when it has one.
 * Throws QueryFluxError TRANSLATION_FAILED.
 */
import type { Dialect } from '../core/dialect.ts'
import { errors } from '../core/errors.ts'
import { generate, parseExpression, parseWithTypes, reparse, transpile } from './polyglot.ts'
import { applyRules, fillTargets, finishTargets, hasPlaceholderName } from './rewrites/apply.ts'
import type { AstNode } from './rewrites/ast.ts'
import { rulesFor } from './rewrites/index.ts'
import { mayNeedResultTypes, resultTypesOf } from './result-types.ts'
import type { TableSchema } from './translator.ts'

export interface TranslatedSql {
  readonly sql: string
  /** Rewrite rules that changed the statement, in the order they fired. */
  readonly rewrites: readonly string[]
  /** See Translation.resultTypes; absent when no output column needs the source's type. */
  readonly resultTypes?: readonly (string | undefined)[]
}

const templates = new Map<string, AstNode>()

function template (sql: string, dialect: Dialect): AstNode {
  const key = `${dialect}\u0000${sql}`
  let ast = templates.get(key)
  if (ast === undefined) {
    ast = parseExpression(sql, dialect)
    templates.set(key, ast)
  }
  return ast
}

/**
 * @param tables column types of the tables `sql` reads (from the target engine's metadata), so
 *   that rules keyed on operand types (integer division, avg of integers) see columns too.
 */
export function translateSql (sql: string, from: Dialect, to: Dialect, tables: readonly TableSchema[] = []): TranslatedSql {
  const rules = rulesFor(from, to)
  const mayRewrite = rules !== undefined && rules.mayApply(sql)
  const wantsResultTypes = mayNeedResultTypes(from, to)
  if (!mayRewrite && !wantsResultTypes) return { sql: transpile(sql, from, to), rewrites: [] }
  if (!mayRewrite) {
    // Types only: a statement polyglot can transpile but not annotate still translates, untyped.
    let resultTypes: Array<string | undefined> | undefined
    try {
      resultTypes = resultTypesOf(parseWithTypes(sql, from, to, tables), from, to)
    } catch {
      resultTypes = undefined
    }
    return withResultTypes({ sql: transpile(sql, from, to), rewrites: [] }, resultTypes)
  }
  if (hasPlaceholderName(sql)) {
    throw errors.translationFailed(from, to, 'the statement uses a name starting with qf_rewrite_, which QueryFlux reserves for its rewrite layer')
  }
  const source = parseWithTypes(sql, from, to, tables)
  // Before the rules run: they rebuild nodes, and the output columns' types are the source's.
  const resultTypes = wantsResultTypes ? resultTypesOf(source, from, to) : undefined
  const rewritten = applyRules(source, rules, from, to)
  if (rewritten.applied.length === 0) return withResultTypes({ sql: transpile(sql, from, to), rewrites: [] }, resultTypes)
  const translated = transpile(generate(rewritten.statements, from, from, to), from, to, false)
  if (rewritten.targets.length === 0 && rewritten.finishers.length === 0) return withResultTypes({ sql: translated, rewrites: rewritten.applied }, resultTypes)
  const target = fillTargets(reparse(translated, from, to), rewritten.targets, (text) => template(text, to), from, to, rewritten.retracted)
  return withResultTypes({ sql: generate(finishTargets(target, rewritten.finishers), to, from, to), rewrites: rewritten.applied }, resultTypes)
}

function withResultTypes (translated: TranslatedSql, resultTypes: Array<string | undefined> | undefined): TranslatedSql {
  return resultTypes === undefined ? translated : { ...translated, resultTypes }
}
