/**
 * Column nodes whose type comes from the engine's schema (TranslateOptions.tables), which rules
 * may trust. Polyglot also types columns of derived tables and CTEs from the expressions behind
 * them, and those guesses are not Trino's (it types `1.5` as double, `regexp_like` as varchar),
 * so a column is marked only when it is typed WITH the schema and untyped without it: its type
 * follows from a table column's declared type. Rules read it through knownType (rule-kit.ts).
 *
 * A WeakSet of nodes, as rule-kit's placeholder types are: the rewrite walk keeps the object
 * identity of nodes it does not change.
 */
import { nodeData, nodeType } from './ast.ts'
import type { AstNode } from './ast.ts'

const schemaTyped = new WeakSet<object>()

export function isSchemaTyped (node: AstNode): boolean {
  return schemaTyped.has(node)
}

/** Polyglot writes `unknown` for a derived column whose source it could not type. */
function hasType (node: AstNode): boolean {
  const inferred = nodeData(node).inferred_type as { data_type?: unknown } | null | undefined
  return typeof inferred?.data_type === 'string' && inferred.data_type !== 'unknown'
}

/**
 * Marks the `column` nodes of `typed` (annotated with the schema) whose twin in `untyped` (the
 * same statement annotated without it) has no type. Both come from one parse of one text, so
 * they have the same shape; where they do not, nothing below is marked.
 */
export function markSchemaTyped (untyped: unknown, typed: unknown, depth = 0): void {
  if (depth > 10_000 || typeof typed !== 'object' || typed === null || typeof untyped !== 'object' || untyped === null) return
  if (Array.isArray(typed)) {
    if (!Array.isArray(untyped) || untyped.length !== typed.length) return
    for (let i = 0; i < typed.length; i++) markSchemaTyped(untyped[i], typed[i], depth + 1)
    return
  }
  const node = typed as AstNode
  if (nodeType(node) === 'column' && hasType(node) && nodeType(untyped) === 'column' && !hasType(untyped as AstNode)) schemaTyped.add(node)
  for (const key in node) {
    if (key === 'span' || key === 'inferred_type') continue
    markSchemaTyped((untyped as AstNode)[key], node[key], depth + 1)
  }
}
