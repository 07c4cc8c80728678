/**
 * One translation, synchronously, in whatever thread calls it (the in-thread translator or a
 * translation worker): polyglot's transpile, wrapped by the pair's rewrite layer when it has one.
 * Throws QueryFluxError TRANSLATION_FAILED.
 */
import type { Dialect } from '../core/dialect.ts'
import { errors } from '../core/errors.ts'
import { generate, parseExpression, parseWithTypes, reparse, transpile } from './polyglot.ts'
import { applyRules, fillTargets, hasPlaceholderName } from './rewrites/apply.ts'
import type { AstNode } from './rewrites/ast.ts'
import { rulesFor } from './rewrites/index.ts'

export interface TranslatedSql {
  readonly sql: string
  /** Rewrite rules that changed the statement, in the order they fired. */
  readonly rewrites: readonly string[]
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

export function translateSql (sql: string, from: Dialect, to: Dialect): TranslatedSql {
  const rules = rulesFor(from, to)
  if (rules === undefined || !rules.mayApply(sql)) return { sql: transpile(sql, from, to), rewrites: [] }
  if (hasPlaceholderName(sql)) {
    throw errors.translationFailed(from, to, 'the statement uses a name starting with qf_rewrite_, which QueryFlux reserves for its rewrite layer')
  }
  const source = parseWithTypes(sql, from, to)
  const rewritten = applyRules(source, rules, from, to)
  if (rewritten.applied.length === 0) return { sql: transpile(sql, from, to), rewrites: [] }
  const translated = transpile(generate(rewritten.statements, from, from, to), from, to, false)
  if (rewritten.targets.length === 0) return { sql: translated, rewrites: rewritten.applied }
  const target = fillTargets(reparse(translated, from, to), rewritten.targets, (text) => template(text, to), from, to, rewritten.retracted)
  return { sql: generate(target, to, from, to), rewrites: rewritten.applied }
}
