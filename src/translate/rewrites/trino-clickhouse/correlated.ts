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
/**
 * @param lateral a CROSS JOIN LATERAL of aggregates (one row per outer row, as an aggregate
 *   without GROUP BY gives): every column is kept under its name, each NULL over no rows.
 */
function decorrelate (subquery: AstNode, outer: ReadonlySet<string>, name: string, ctx: RewriteContext, lateral = false): Decorrelated | undefined {
  const query = nodeData(subquery).this as AstNode
  if (nodeType(query) !== 'select') return undefined
  const data = nodeData(query)
  const from = (data.from as { expressions?: AstNode[] } | null)?.expressions ?? []
  const joins = (data.joins as AstNode[] | undefined) ?? []
  const expressions = data.expressions as AstNode[]
  if (from.length === 0 || (!lateral && expressions.length !== 1) || joins.some((j) => j.kind !== 'Inner' && j.kind !== 'Cross' && j.kind !== 'Implicit')) return undefined
  for (const clause of ['group_by', 'having', 'order_by', 'limit', 'offset', 'with', 'qualify']) if ((data[clause] ?? null) !== null) return undefined
  const innerNames = [...from, ...joins.map((j) => j.this as AstNode)].map((item) => itemName(item))
  if (innerNames.some((n) => n === undefined || outer.has(n))) return undefined
  const inner = new Set(innerNames as string[])
  // Correlation only in WHERE (a join's ON naming the outer query is not taken apart).
  if (joins.some((j) => [...qualifiers(j.on).names].some((n) => outer.has(n)))) return undefined
  const expression = nodeType(expressions[0]) === 'alias' ? nodeData(expressions[0]!).this as AstNode : expressions[0]!
  const empty = emptyValue(expression)
  if (empty === undefined || qualifiers(expression).names.size > 1) return undefined
  const outputs = lateral ? expressions : [aliased(expression, 'qf_v')]
  if (lateral && outputs.some((e) => nodeType(e) !== 'alias' || emptyValue(nodeData(e).this as AstNode) !== 'null')) return undefined
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
    expressions: [...keys.map((k, i) => aliased(k.inner, `qf_k${i}`)), ...outputs],
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

/**
 * [NOT] EXISTS (SELECT … WHERE inner.k = outer.k AND …) as a NULL-safe [NOT] IN of the keys:
 * (isNull(o.k), assumeNotNull(o.k)) [NOT] IN (SELECT 0, i.k … WHERE i.k IS NOT NULL AND …).
 * A NULL outer key then matches nothing, as the equality would; the result is never NULL.
 */
function existsAsIn (exists: AstNode, negated: boolean, outer: ReadonlySet<string>, ctx: RewriteContext): AstNode | undefined {
  const query = nodeData(exists).this as AstNode
  if (nodeType(query) !== 'select') return undefined
  const data = nodeData(query)
  const from = (data.from as { expressions?: AstNode[] } | null)?.expressions ?? []
  const joins = (data.joins as AstNode[] | undefined) ?? []
  if (from.length === 0 || joins.some((j) => j.kind !== 'Inner' && j.kind !== 'Cross' && j.kind !== 'Implicit')) return undefined
  for (const clause of ['group_by', 'having', 'with', 'qualify']) if ((data[clause] ?? null) !== null) return undefined
  const innerNames = [...from, ...joins.map((j) => j.this as AstNode)].map((item) => itemName(item))
  if (innerNames.some((n) => n === undefined || outer.has(n))) return undefined
  const inner = new Set(innerNames as string[])
  if (joins.some((j) => [...qualifiers(j.on).names].some((n) => outer.has(n)))) return undefined
  const keys: Array<{ inner: AstNode, outer: AstNode }> = []
  const rest: AstNode[] = []
  for (const condition of flatten(whereOf(data), 'and')) {
    if (![...qualifiers(condition).names].some((n) => outer.has(n))) { rest.push(condition); continue }
    if (nodeType(condition) !== 'eq') return undefined
    const { left, right } = nodeData(condition) as { left: AstNode, right: AstNode }
    if (onlyFrom(left, inner) && onlyFrom(right, outer)) keys.push({ inner: left, outer: right })
    else if (onlyFrom(right, inner) && onlyFrom(left, outer)) keys.push({ inner: right, outer: left })
    else return undefined
  }
  if (keys.length === 0) return undefined
  const zero = { literal: { literal_type: 'number', value: '0' } }
  const notNull = keys.map((k) => ({ not: { this: { is_null: { this: k.inner, not: false, postfix_form: false } } } }))
  const select = selectNode({
    expressions: keys.flatMap((k) => [zero, k.inner]),
    from: { expressions: from },
    joins,
    where_clause: whereClause(conjunction([...rest, ...notNull])),
  })
  const chained = joinChains.rewrite(select, ctx) ?? select
  const keyQuery = innerJoinConditions.rewrite(chained, ctx) ?? chained
  const probe = { tuple: { expressions: keys.flatMap((k) => [ctx.target(call('isNull', 0), [k.outer]), ctx.target(call('assumeNotNull', 0), [k.outer])]) } }
  return withKnownType({ in: { this: probe, expressions: [], query: keyQuery, not: negated } }, 'boolean')
}

export const correlatedScalarAggregates: RewriteRule = {
  name: 'ch-decorrelate-subqueries',
  reason: 'ClickHouse 18.16 has no correlated subqueries nor EXISTS: a scalar subquery of one aggregate correlated by equalities becomes that aggregate grouped by the keys in a derived table LEFT JOINed on them (NULL, or 0 for a count, where the subquery would see no rows); [NOT] EXISTS correlated by equalities becomes a NULL-safe [NOT] IN of the keys. Other EXISTS are refused.',
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const outer = new Set<string>()
    for (const item of [...((data.from as { expressions?: AstNode[] } | null)?.expressions ?? []), ...((data.joins as AstNode[] | undefined) ?? []).map((j) => j.this as AstNode)]) {
      const name = itemName(item)
      if (name !== undefined) outer.add(name)
    }
    // Derived tables to join (null: an EXISTS rewritten in place, which joins nothing).
    const joins: Array<AstNode | null> = []
    const replace = (value: unknown): unknown => {
      if (Array.isArray(value)) { const items = value.map(replace); return items.some((v, i) => v !== value[i]) ? items : value }
      if (typeof value !== 'object' || value === null) return value
      const type = nodeType(value)
      if (type === 'exists' || (type === 'not' && nodeType(nodeData(value as AstNode).this) === 'exists')) {
        const negated = type === 'not'
        const exists = negated ? nodeData(value as AstNode).this as AstNode : value as AstNode
        const done = existsAsIn(exists, negated, outer, ctx)
        if (done === undefined) return ctx.fail('ClickHouse 18.16 has no EXISTS (subquery) and no correlated subqueries; EXISTS is translated only when correlated by equalities between qualified columns', exists)
        joins.push(null)
        return done
      }
      if (type === 'select' || type === 'in') return value
      if (type === 'subquery') {
        const done = decorrelate(value as AstNode, outer, `qf_c${joins.filter((j) => j !== null).length + 1}`, ctx)
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
    // CROSS JOIN LATERAL (SELECT aggregates … WHERE inner.k = outer.k) AS t: the same LEFT JOIN, under t.
    const ownJoins = ((data.joins as AstNode[] | undefined) ?? []).map((j) => {
      const item = j.this as AstNode
      if (nodeType(item) !== 'subquery' || nodeData(item).lateral !== true || !['Cross', 'Inner', 'Implicit'].includes(j.kind as string) || nodeType(j.on) !== undefined) return j
      const alias = itemName(item)
      const done = alias === undefined ? undefined : decorrelate(item, new Set([...outer].filter((n) => n !== alias)), alias, ctx, true)
      if (done === undefined) return j
      joins.push(null)
      return done.join
    })
    const expressions = replace(data.expressions)
    const where = replace(data.where_clause)
    if (joins.length === 0) return undefined
    return { select: { ...data, expressions, where_clause: where, joins: [...ownJoins, ...joins.filter((j): j is AstNode => j !== null)] } }
  },
}
