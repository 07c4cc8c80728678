/**
 * Trino → ClickHouse 18.16: bool_and / bool_or / every, array_agg and listagg. polyglot refuses
 * them for ClickHouse (they return 0 / [] / '' over no rows unless the server has
 * aggregate_functions_null_for_empty, which 18.16 lacks), so they are written out here.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { child } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { withKnownType } from '../trino-common/rule-kit.ts'
import { markAggregate } from './grouping.ts'
import { sameExpression } from './select-nodes.ts'
import { DECIMAL128_REASON, isSafeToCollect } from './decimal128-guard.ts'

/** Placeholders whose ClickHouse value over no rows is [] where Trino's is NULL. */
const emptyIsNotNull = new WeakSet<object>()

export const boolAggregates: RewriteRule = {
  name: 'ch-bool-aggregates',
  reason: 'Trino bool_and / every / bool_or are ClickHouse min / max of the 0/1 condition, NULL over no non-NULL input as in Trino.',
  nodes: ['logical_and', 'logical_or'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = child(node, 'this')
    if (value === undefined || data.distinct === true) return undefined
    const fn = nodeType(node) === 'logical_and' ? 'min' : 'max'
    const filter = nodeType(data.filter) === undefined ? undefined : data.filter as AstNode
    const placeholder = filter === undefined
      ? ctx.target(`if(count(__0) = 0, NULL, ${fn}(__0))`, [value])
      : ctx.target(`if(countIf((__0) IS NOT NULL AND (__1)) = 0, NULL, ${fn}If(__0, __1))`, [value, filter])
    return markAggregate(withKnownType(placeholder, 'boolean'))
  },
}

interface SortKey { readonly key: AstNode, readonly desc: boolean }

/** The single ORDER BY key of an ordered aggregate (Trino's default NULLS LAST only), undefined for none. */
function sortKey (orderBy: unknown, ctx: RewriteContext, at: AstNode): SortKey | undefined {
  const items = Array.isArray(orderBy) ? orderBy as Array<{ this: AstNode, desc?: unknown, nulls_first?: unknown }> : []
  if (items.length === 0) return undefined
  if (items.length > 1) return ctx.fail('an aggregate ordered by more than one key is not translated to ClickHouse 18.16', at)
  if (items[0]!.nulls_first === true) return ctx.fail('NULLS FIRST in an aggregate\'s ORDER BY is not translated to ClickHouse 18.16', at)
  return { key: items[0]!.this, desc: items[0]!.desc === true }
}

/** The elements of `value` (a tuple-wrapped groupArray keeps NULLs), sorted by the key when there is one. */
function collected (sort: SortKey | undefined, condition: string, value = '__0'): string {
  const gather = condition === '' ? 'groupArray' : 'groupArrayIf'
  if (sort === undefined) return `arrayMap(qf_t -> tupleElement(qf_t, 1), ${gather}(tuple(${value})${condition}))`
  return `arrayMap(qf_t -> tupleElement(qf_t, 1), ${sort.desc ? 'arrayReverseSort' : 'arraySort'}(qf_t -> tupleElement(qf_t, 2), ${gather}(tuple(${value}, __1)${condition})))`
}

export const arrayAgg: RewriteRule = {
  name: 'ch-array-agg',
  reason: "Trino array_agg keeps NULL elements and follows its ORDER BY; ClickHouse groupArray skips NULLs and has no order. groupArray of one-element tuples keeps them, arraySort by the key orders them. Over no rows Trino returns NULL and 18.16 an empty array it cannot make NULL: refused without GROUP BY.",
  nodes: ['array_agg'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = child(node, 'this')
    if (value === undefined) return undefined
    if (data.distinct === true || nodeType(data.filter) !== undefined) return ctx.fail('array_agg with DISTINCT or FILTER is not translated to ClickHouse 18.16', node)
    const sort = sortKey(data.order_by, ctx, node)
    // polyglot types nothing inside the aggregate's ORDER BY: a key that is the value itself takes its type.
    if (!isSafeToCollect(value) || (sort !== undefined && !isSafeToCollect(sort.key, sameExpression(sort.key, value) ? value : sort.key))) return ctx.fail(`array_agg is not translated: ${DECIMAL128_REASON}`, node)
    const placeholder = markAggregate(ctx.target(collected(sort, ''), sort === undefined ? [value] : [value, sort.key]))
    emptyIsNotNull.add(placeholder)
    return placeholder
  },
}

export const listAgg: RewriteRule = {
  name: 'ch-listagg',
  reason: 'Trino listagg(x, sep) WITHIN GROUP (ORDER BY k) is ClickHouse arrayStringConcat of the non-NULL x sorted by k; NULL over no non-NULL input as in Trino.',
  nodes: ['within_group'],
  rewrite (node, ctx) {
    const inner = child(node, 'this')
    if (inner === undefined || nodeType(inner) !== 'list_agg') return undefined
    const data = nodeData(inner)
    const value = child(inner, 'this')
    const separator = child(inner, 'separator')
    if (value === undefined) return undefined
    if (data.distinct === true || nodeType(data.filter) !== undefined || (data.on_overflow ?? null) !== null) return ctx.fail('listagg with DISTINCT, FILTER or ON OVERFLOW is not translated to ClickHouse 18.16', node)
    const sort = sortKey(nodeData(node).order_by, ctx, node)
    if (sort !== undefined && !isSafeToCollect(sort.key)) return ctx.fail(`listagg is not translated: ${DECIMAL128_REASON}`, node)
    const args = sort === undefined ? [value] : [value, sort.key]
    const sep = `__${args.length}`
    const body = `arrayStringConcat(${collected(sort, ', (__0) IS NOT NULL', 'assumeNotNull(__0)')}, ${separator === undefined ? "''" : sep})`
    return markAggregate(withKnownType(ctx.target(`if(count(__0) = 0, NULL, ${body})`, separator === undefined ? args : [...args, separator]), 'varchar'))
  },
}

/** True when `value` holds an emptyIsNotNull placeholder outside nested queries. */
function holdsEmptyArray (value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsEmptyArray)
  if (typeof value !== 'object' || value === null) return false
  if (emptyIsNotNull.has(value)) return true
  const type = nodeType(value)
  if (type === 'select' || type === 'subquery' || type === 'union') return false
  return Object.entries(value).some(([key, item]) => key !== 'span' && key !== 'inferred_type' && holdsEmptyArray(item))
}

export const arrayAggWithoutGroups: RewriteRule = {
  name: 'ch-array-agg-needs-group-by',
  reason: 'Over no rows Trino array_agg returns NULL; ClickHouse returns [] and 18.16 has no Nullable(Array) to say NULL with. With GROUP BY a group is never empty, so only array_agg without GROUP BY is refused.',
  nodes: ['select'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const groupBy = (data.group_by as { expressions?: unknown[] } | null | undefined)?.expressions ?? []
    if (groupBy.length > 0 || !holdsEmptyArray([data.expressions, data.having])) return undefined
    return ctx.fail('array_agg without GROUP BY is not translated to ClickHouse 18.16: over no rows it returns [] where Trino returns NULL', node)
  },
}

export const collectionAggregateRules: readonly RewriteRule[] = [boolAggregates, arrayAgg, listAgg]
