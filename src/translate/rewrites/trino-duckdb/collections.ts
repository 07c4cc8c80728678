/** Trino → DuckDB: arrays and maps. */
import type { AstNode } from '../ast.ts'
import { asCall, child, sqlType } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'

/** Trino functions that return a map. */
const MAP_FUNCTIONS = new Set(['map', 'map_from_entries', 'map_agg', 'map_concat', 'map_filter', 'multimap_agg', 'histogram', 'transform_keys', 'transform_values', 'map_zip_with'])

function isMap (node: AstNode): boolean {
  const call = asCall(node)
  return sqlType(node) === 'map' || (call !== undefined && MAP_FUNCTIONS.has(call.name))
}

export const elementAt: RewriteRule = {
  name: 'element-at',
  reason: 'Trino element_at(array, i) / element_at(map, k) returns NULL when absent; DuckDB element_at returns a list for maps and rejects arrays. DuckDB subscripts (x[i], m[k]) return the element or NULL for both, with negative indexes from the end as in Trino.',
  nodes: ['element_at'],
  words: ['element_at'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    const key = child(node, 'expression')
    return value === undefined || key === undefined ? undefined : ctx.target('__0[__1]', [value, key])
  },
}

export const cardinality: RewriteRule = {
  name: 'cardinality',
  reason: "Trino cardinality() counts array elements and map entries; polyglot maps it to array_length, which DuckDB rejects for maps. DuckDB len() for arrays, cardinality() for a value known to be a map.",
  nodes: ['cardinality'],
  words: ['cardinality'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    if (value === undefined) return undefined
    return ctx.target(isMap(value) ? 'cardinality(__0)' : 'len(__0)', [value])
  },
}

export const arrayJoin: RewriteRule = {
  name: 'array-join',
  reason: "Trino array_join(array, sep[, nullReplacement]) has no DuckDB function of that name; array_to_string skips NULLs as Trino does, and list_transform + coalesce applies the replacement.",
  functions: ['array_join'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length === 2) return ctx.target('array_to_string(__0, __1)', call.args)
    if (call?.args.length === 3) return ctx.target('array_to_string(list_transform(__0, qf_x -> coalesce(qf_x, __2)), __1)', call.args)
    return undefined
  },
}

export const containsNulls: RewriteRule = {
  name: 'contains-null-semantics',
  reason: "Trino contains(array, x) is NULL when x is not found but the array holds a NULL (or x is NULL); DuckDB says false.",
  nodes: ['contains'],
  words: ['contains'],
  rewrite (node, ctx) {
    const array = child(node, 'this')
    const value = child(node, 'expression')
    if (array === undefined || value === undefined) return undefined
    // DuckDB list_contains is NULL for a NULL array or value; the value appears once, so a ? in it stays one parameter.
    return ctx.target('CASE list_contains(__0, __1) WHEN true THEN true WHEN false THEN (CASE WHEN list_count(__0) < len(__0) THEN NULL ELSE false END) END', [array, value])
  },
}

export const arrayPositionZero: RewriteRule = {
  name: 'array-position-not-found-is-zero',
  reason: 'Trino array_position returns 0 when the element is absent; DuckDB list_position returns NULL.',
  nodes: ['array_position'],
  words: ['array_position'],
  rewrite (node, ctx) {
    const array = child(node, 'this')
    const value = child(node, 'expression')
    if (array === undefined || value === undefined) return undefined
    return ctx.target('CASE WHEN __0 IS NULL OR __1 IS NULL THEN NULL ELSE coalesce(list_position(__0, __1), 0) END', [array, value])
  },
}

export const repeatMakesArray: RewriteRule = {
  name: 'repeat-makes-array',
  reason: "Trino repeat(x, n) returns an array of n copies of x; DuckDB repeat('ab', 3) concatenates strings ('ababab'). Repeating a one-element list gives Trino's array.",
  functions: ['repeat'],
  rewrite (node, ctx) {
    const call = asCall(node)
    return call?.args.length === 2 ? ctx.target('repeat(list_value(__0), __1)', call.args) : undefined
  },
}

export const sequenceSeries: RewriteRule = {
  name: 'sequence',
  reason: 'Trino sequence(start, stop[, step]) is an inclusive array; DuckDB has no sequence() function but generate_series is inclusive too.',
  functions: ['sequence'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length === 2) return ctx.target('generate_series(__0, __1)', call.args)
    if (call?.args.length === 3) return ctx.target('generate_series(__0, __1, __2)', call.args)
    return undefined
  },
}

export const transformLambda: RewriteRule = {
  name: 'transform-lambda',
  reason: 'Trino transform(array, x -> …) is DuckDB list_transform; polyglot passes transform() through, which DuckDB does not have.',
  functions: ['transform'],
  rewrite (node, ctx) {
    const call = asCall(node)
    return call?.args.length === 2 ? ctx.target('list_transform(__0, __1)', call.args) : undefined
  },
}

export const arrayDistinctKeepsOrder: RewriteRule = {
  name: 'array-distinct-keeps-order',
  reason: 'Trino array_distinct keeps the first occurrence of each element in order ([1, 1, 2] → [1, 2]); DuckDB list_distinct returns them in any order and drops NULL. Keeping the elements whose first position is their own gives Trino\'s answer.',
  nodes: ['array_distinct'],
  words: ['array_distinct'],
  rewrite (node, ctx) {
    const array = child(node, 'this')
    return array === undefined ? undefined : ctx.target('list_filter(__0, (qf_x, qf_i) -> list_position(__0, qf_x) = qf_i)', [array])
  },
}

export const collectionRules: readonly RewriteRule[] = [
  elementAt, cardinality, arrayDistinctKeepsOrder, arrayJoin, containsNulls, arrayPositionZero, repeatMakesArray, sequenceSeries, transformLambda,
]
