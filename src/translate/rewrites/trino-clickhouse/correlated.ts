/**
 * Trino → ClickHouse 18.16: a correlated scalar subquery of one aggregate, correlated by
 * equalities (`(SELECT min(c) FROM t2 WHERE t2.k = t.k)`), is that aggregate grouped by the
 * correlation keys in a derived table LEFT JOINed on them: one row per key, and no row (NULL
 * under join_use_nulls) where the subquery would aggregate nothing. 18.16 has no correlated
 * subqueries; this is the classic decorrelation, kept exact by allowing only expressions that
 * are NULL over no rows (guarded aggregates and arithmetic on them) or a lone count (0).
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { call, withKnownType } from '../trino-common/rule-kit.ts'
import { emptyInputValue } from './aggregates.ts'
import { aggregatePlaceholders } from './grouping.ts'
import { joinChains } from './join-chains.ts'
import { innerJoinConditions } from './joins.ts'
import { binary, conjunction, flatten, identifier, itemName, onlyFrom, qualifiers, selectNode, subqueryNode, whereClause, whereOf } from './select-nodes.ts'

const STRICT = new Set(['add', 'sub', 'mul', 'div', 'neg', 'paren', 'literal'])

/** 'null' when `node` is NULL over no rows (strict arithmetic of NULL-on-empty aggregates), 'zero' for a lone count, else undefined. */
function emptyValue (node: AstNode): 'null' | 'zero' | undefined {
  const own = emptyInputValue.get(node)
  if (own !== undefined) return own
  if (aggregatePlaceholders.has(node)) return undefined
  const type = nodeType(node)
  if (type === 'function') return undefined
  if (type === undefined || !STRICT.has(type)) return undefined
  if (type === 'literal') return undefined
  const parts = ['this', 'left', 'right'].map((k) => nodeData(node)[k]).filter((v) => nodeType(v) !== undefined) as AstNode[]
  const values = parts.map((p) => nodeType(p) === 'literal' || (nodeType(p) === 'function' && !aggregatePlaceholders.has(p)) ? 'constant' : emptyValue(p))
  if (values.some((v) => v === undefined || v === 'zero')) return undefined
  return values.includes('null') ? 'null' : undefined
}

function column (table: string, name: string): AstNode {
  return { column: { name: identifier(name), table: identifier(table), join_mark: false, trailing_comments: [] } }
}

function aliased (expression: AstNode, name: string): AstNode {
  return { alias: { this: expression, alias: identifier(name), column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } }
}

interface Decorrelated { readonly join: AstNode, readonly value: AstNode }

/** The derived table and the value standing for `subquery`, or undefined when it is not of the supported shape. */
function decorrelate (subquery: AstNode, outer: ReadonlySet<string>, name: string, ctx: RewriteContext): Decorrelated | undefined {
  const query = nodeData(subquery).this as AstNode
  if (nodeType(query) !== 'select') return undefined
  const data = nodeData(query)
  const from = (data.from as { expressions?: AstNode[] } | null)?.expressions ?? []
  const joins = (data.joins as AstNode[] | undefined) ?? []
  const expressions = data.expressions as AstNode[]
  if (from.length === 0 || expressions.length !== 1 || joins.some((j) => j.kind !== 'Inner' && j.kind !== 'Cross' && j.kind !== 'Implicit')) return undefined
  for (const clause of ['group_by', 'having', 'order_by', 'limit', 'offset', 'with', 'qualify']) if ((data[clause] ?? null) !== null) return undefined
  const innerNames = [...from, ...joins.map((j) => j.this as AstNode)].map((item) => itemName(item))
  if (innerNames.some((n) => n === undefined || outer.has(n))) return undefined
  const inner = new Set(innerNames as string[])
  // Correlation only in WHERE (a join's ON naming the outer query is not taken apart).
  if (joins.some((j) => [...qualifiers(j.on).names].some((n) => outer.has(n)))) return undefined
  const expression = nodeType(expressions[0]) === 'alias' ? nodeData(expressions[0]!).this as AstNode : expressions[0]!
  const empty = emptyValue(expression)
  if (empty === undefined || qualifiers(expression).names.size > 1) return undefined
  const keys: Array<{ inner: AstNode, outer: AstNode }> = []
  const rest: AstNode[] = []
  for (const condition of flatten(whereOf(data), 'and')) {
    const used = qualifiers(condition)
    if (![...used.names].some((n) => outer.has(n))) { rest.push(condition); continue }
    if (nodeType(condition) !== 'eq') return undefined
    const { left, right } = nodeData(condition) as { left: AstNode, right: AstNode }
    if (nodeType(left) === 'column' && onlyFrom(left, inner) && onlyFrom(right, outer)) keys.push({ inner: left, outer: right })
    else if (nodeType(right) === 'column' && onlyFrom(right, inner) && onlyFrom(left, outer)) keys.push({ inner: right, outer: left })
    else return undefined
  }
  if (keys.length === 0) return undefined
  const grouped = selectNode({
    expressions: [...keys.map((k, i) => aliased(k.inner, `qf_k${i}`)), aliased(expression, 'qf_v')],
    from: { expressions: from },
    joins,
    where_clause: whereClause(conjunction(rest)),
    group_by: { expressions: keys.map((k) => k.inner), all: null, totals: false },
  })
  // The derived table is new, so the join rules that already ran do not see it: applied here.
  const chained = joinChains.rewrite(grouped, ctx) ?? grouped
  const derived = innerJoinConditions.rewrite(chained, ctx) ?? chained
  const on = conjunction(keys.map((k, i) => binary('eq', column(name, `qf_k${i}`), k.outer)))!
  const join = { this: subqueryNode(derived, name), on, using: [], kind: 'Left', use_inner_keyword: false, use_outer_keyword: false, deferred_condition: false, nesting_group: 0, directed: false }
  const value = empty === 'zero' ? withKnownType(ctx.target(call('ifNull', 0, { literal: { literal_type: 'number', value: '0' } }), [column(name, 'qf_v')]), 'integer') : column(name, 'qf_v')
  return { join, value }
}

export const correlatedScalarAggregates: RewriteRule = {
  name: 'ch-decorrelate-scalar-aggregates',
  reason: 'ClickHouse 18.16 has no correlated subqueries: a scalar subquery of one aggregate correlated by equalities becomes that aggregate grouped by the keys in a derived table LEFT JOINed on them (NULL, or 0 for a count, where the subquery would see no rows).',
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const outer = new Set<string>()
    for (const item of [...((data.from as { expressions?: AstNode[] } | null)?.expressions ?? []), ...((data.joins as AstNode[] | undefined) ?? []).map((j) => j.this as AstNode)]) {
      const name = itemName(item)
      if (name !== undefined) outer.add(name)
    }
    if (outer.size === 0) return undefined
    const joins: AstNode[] = []
    const replace = (value: unknown): unknown => {
      if (Array.isArray(value)) { const items = value.map(replace); return items.some((v, i) => v !== value[i]) ? items : value }
      if (typeof value !== 'object' || value === null) return value
      const type = nodeType(value)
      if (type === 'select' || type === 'exists' || type === 'in') return value
      if (type === 'subquery') {
        const done = decorrelate(value as AstNode, outer, `qf_c${joins.length + 1}`, ctx)
        if (done === undefined) return value
        joins.push(done.join)
        return done.value
      }
      let copy: AstNode | undefined
      for (const [key, child] of Object.entries(value)) {
        if (key === 'span' || key === 'inferred_type' || typeof child !== 'object' || child === null) continue
        const next = replace(child)
        if (next !== child) { copy ??= { ...(value as AstNode) }; copy[key] = next }
      }
      return copy ?? value
    }
    const expressions = replace(data.expressions)
    const where = replace(data.where_clause)
    if (joins.length === 0) return undefined
    return { select: { ...data, expressions, where_clause: where, joins: [...((data.joins as AstNode[] | undefined) ?? []), ...joins] } }
  },
}
