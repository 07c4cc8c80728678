/**
 * Trino → ClickHouse 18.16: constructs 18.16 does not have and no rewrite can give, refused
 * before the statement reaches the engine with the limit named (instead of a syntax error
 * from the engine, or an answer that differs).
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { itemName } from './select-nodes.ts'

export const quantifiedComparisons: RewriteRule = {
  name: 'ch-no-quantified-comparisons',
  reason: 'ClickHouse 18.16 has no quantified comparisons (x > ALL (subquery), x < ANY (subquery)); = ANY is IN and is translated as IN.',
  nodes: ['all', 'any', 'some'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const op = typeof data.op === 'string' ? data.op.toLowerCase() : undefined
    const query = nodeData((data.subquery ?? {}) as AstNode).this as AstNode | undefined
    if (nodeType(node) !== 'all' && (op === 'eq' || op === '=') && query !== undefined) {
      return { in: { this: data.this, expressions: [], query, not: false } }
    }
    return ctx.fail(`ClickHouse 18.16 has no quantified comparison (… ${nodeType(node)!.toUpperCase()} (subquery)); compare with min() / max() of the subquery where its NULLs and emptiness allow`, node)
  },
}

/** Names a query defines for its own columns to use: FROM and JOIN items at any depth. */
function definedNames (query: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(query)) { for (const item of query) definedNames(item, into); return into }
  if (typeof query !== 'object' || query === null) return into
  const type = nodeType(query)
  if (type === 'table' || type === 'subquery') {
    const name = itemName(query as AstNode)
    if (name !== undefined) into.add(name)
  }
  for (const [key, child] of Object.entries(query)) if (key !== 'span' && key !== 'inferred_type') definedNames(child, into)
  return into
}

/** Table qualifiers used by the columns of `query` at any depth. */
function usedQualifiers (query: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(query)) { for (const item of query) usedQualifiers(item, into); return into }
  if (typeof query !== 'object' || query === null) return into
  if (nodeType(query) === 'column') {
    const table = nodeData(query as AstNode).table as { name?: unknown } | null | undefined
    if (typeof table?.name === 'string') into.add(table.name.toLowerCase())
    return into
  }
  for (const [key, child] of Object.entries(query)) if (key !== 'span' && key !== 'inferred_type') usedQualifiers(child, into)
  return into
}

/** The nested queries of a SELECT outside its FROM (WHERE, select list, HAVING), and LATERAL derived tables. */
function nestedQueries (data: AstNode): AstNode[] {
  const out: AstNode[] = []
  const walk = (value: unknown, inFrom: boolean): void => {
    if (Array.isArray(value)) { for (const item of value) walk(item, inFrom); return }
    if (typeof value !== 'object' || value === null) return
    const type = nodeType(value)
    if (type === 'subquery' && inFrom && nodeData(value as AstNode).lateral !== true) return
    if (type === 'select' || type === 'union' || type === 'intersect' || type === 'except' || (type === 'subquery' && !inFrom)) { out.push(value as AstNode); return }
    if (type === 'subquery') { out.push(value as AstNode); return }
    for (const [key, child] of Object.entries(value)) if (key !== 'span' && key !== 'inferred_type') walk(child, inFrom)
  }
  for (const [key, value] of Object.entries(data)) {
    if (key === 'with') continue
    walk(value, key === 'from' || key === 'joins')
  }
  return out
}

export const correlatedSubqueries: RewriteRule = {
  name: 'ch-no-correlated-subqueries',
  reason: "ClickHouse 18.16 has no correlated subqueries (a subquery naming a table of the query around it) nor LATERAL: refused with that reason instead of the engine's \"Unknown identifier\".",
  nodes: ['select'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const outer = new Set<string>()
    for (const key of ['from', 'joins']) {
      const value = data[key]
      const items = key === 'from' ? (value as { expressions?: unknown[] } | null)?.expressions ?? [] : (value as Array<{ this?: unknown }> | undefined)?.map((j) => j.this) ?? []
      for (const item of items) { const name = itemName(item as AstNode); if (name !== undefined) outer.add(name) }
    }
    if (outer.size === 0) return undefined
    for (const query of nestedQueries(data)) {
      const inner = definedNames(query, new Set())
      const outside = [...usedQualifiers(query, new Set())].filter((q) => !inner.has(q) && outer.has(q))
      if (outside.length > 0) {
        const lateral = nodeType(query) === 'subquery' && nodeData(query).lateral === true
        return ctx.fail(`ClickHouse 18.16 has no ${lateral ? 'LATERAL derived tables' : 'correlated subqueries'}: the subquery refers to ${outside.join(', ')} of the query around it; rewrite it as a JOIN with an aggregated subquery`, query)
      }
    }
    return undefined
  },
}

// EXISTS is refused by correlated.ts, at the SELECT that holds it, when it cannot be rewritten as IN.
// Window functions are emulated, or refused with the reason, by windows.ts.
export const refusalRules: readonly RewriteRule[] = [quantifiedComparisons, correlatedSubqueries]
