/** Trino → PostgreSQL: listagg(x, sep) WITHIN GROUP (ORDER BY …) is string_agg(x, sep ORDER BY …). */
import { nodeData, nodeType, stringLiteral } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteRule } from '../rewrite-rule.ts'

/** The parts of a Trino listagg: value, separator and ORDER BY items, or undefined. */
export function listaggParts (node: AstNode): { value: AstNode, separator: AstNode, order: Array<{ expr: AstNode, desc: boolean }> } | undefined {
  const data = nodeData(node)
  const inner = data.this as AstNode | undefined
  if (inner === undefined || nodeType(inner) !== 'list_agg') return undefined
  const agg = nodeData(inner)
  if (agg.distinct === true || (agg.filter !== null && agg.filter !== undefined)) return undefined
  const value = agg.this as AstNode | undefined
  if (value === undefined || nodeType(value) === undefined) return undefined
  const separator = nodeType(agg.separator) === undefined ? stringLiteral('') : agg.separator as AstNode
  const order = (data.order_by as Array<{ this: AstNode, desc?: boolean }> | undefined ?? []).map((o) => ({ expr: o.this, desc: o.desc === true }))
  return { value, separator, order }
}

export const listagg: RewriteRule = {
  name: 'pg-listagg',
  reason: "PostgreSQL has no listagg; string_agg(x, sep ORDER BY …) is the same aggregate (NULLs skipped in both).",
  nodes: ['within_group'],
  rewrite (node, ctx) {
    const parts = listaggParts(node)
    if (parts === undefined) return undefined
    const order = parts.order.map((o, i) => `__${i + 2}${o.desc ? ' DESC' : ''}`).join(', ')
    return ctx.target(`string_agg(CAST(__0 AS TEXT), __1${order === '' ? '' : ` ORDER BY ${order}`})`, [parts.value, parts.separator, ...parts.order.map((o) => o.expr)])
  },
}
