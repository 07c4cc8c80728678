/**
 * Trino → ClickHouse 18.16: GROUP BY CUBE / ROLLUP / GROUPING SETS. 18.16 has no GROUPING SETS,
 * and its WITH CUBE / WITH ROLLUP put 0 and '' in rolled-up keys where Trino has NULL. Each
 * grouping set becomes one GROUP BY, UNION ALL of them: a key outside the set reads as NULL
 * outside aggregates (as in Trino), grouping(…) is the set's bit mask as a literal.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { identifier, sameExpression, selectNode, starNode, subqueryNode } from './select-nodes.ts'

/** Placeholders of rewritten aggregates (their arguments are row values, never a rolled-up NULL). */
export const aggregatePlaceholders = new WeakSet<object>()

export function markAggregate (placeholder: AstNode): AstNode {
  aggregatePlaceholders.add(placeholder)
  return placeholder
}

const GROUPINGS = new Set(['cube', 'rollup', 'grouping sets'])
const AGGREGATE_NODES = new Set(['aggregate_function', 'count', 'sum', 'avg', 'min', 'max', 'count_if', 'approx_distinct', 'array_agg', 'group_concat', 'string_agg', 'listagg', 'stddev', 'variance', 'window_function'])

/** The grouping sets of a GROUP BY list, each a list of key expressions; undefined without CUBE/ROLLUP/GROUPING SETS. */
function groupingSets (items: readonly AstNode[]): AstNode[][] | undefined {
  let sets: AstNode[][] = [[]]
  let found = false
  for (const item of items) {
    const call = asCall(item)
    const kind = call?.name.toLowerCase()
    let options: AstNode[][]
    if (call === undefined || kind === undefined || !GROUPINGS.has(kind)) {
      options = [[item]]
    } else {
      found = true
      const keys = call.args
      if (kind === 'rollup') options = keys.map((_, i) => keys.slice(0, keys.length - i)).concat([[]])
      else if (kind === 'cube') options = Array.from({ length: 2 ** keys.length }, (_, mask) => keys.filter((_k, i) => (mask & (1 << (keys.length - 1 - i))) === 0))
      else options = keys.map((set) => nodeType(set) === 'tuple' ? nodeData(set).expressions as AstNode[] : [set])
    }
    sets = sets.flatMap((set) => options.map((option) => [...set, ...option]))
  }
  return found ? sets : undefined
}

function outputName (item: AstNode): string | undefined {
  if (nodeType(item) === 'alias') return (nodeData(item).alias as { name?: unknown }).name as string | undefined
  const name = nodeType(item) === 'column' ? (nodeData(item).name as { name?: unknown }).name : undefined
  return typeof name === 'string' ? name : undefined
}

/** `value` with the keys outside `set` read as NULL outside aggregates, grouping(…) as the set's bit mask. */
function forSet (value: unknown, keys: readonly AstNode[], set: readonly AstNode[], ctx: RewriteContext): unknown {
  const isIn = (key: AstNode): boolean => set.some((k) => sameExpression(k, key))
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (typeof node !== 'object' || node === null) return node
    if (aggregatePlaceholders.has(node)) return node
    const type = nodeType(node)
    if (type !== undefined && AGGREGATE_NODES.has(type)) return node
    if (type === 'select' || type === 'subquery') return node
    const key = keys.find((k) => sameExpression(k, node))
    if (key !== undefined) return isIn(key) ? node : { null: null }
    const call = type === 'function' ? asCall(node as AstNode) : undefined
    if (call?.name === 'grouping') {
      let mask = 0
      for (const arg of call.args) {
        if (!keys.some((k) => sameExpression(k, arg))) return ctx.fail('grouping() takes only GROUP BY keys', node as AstNode)
        mask = mask * 2 + (isIn(arg) ? 0 : 1)
      }
      return { literal: { literal_type: 'number', value: String(mask) } }
    }
    const out: AstNode = {}
    for (const [k, child] of Object.entries(node)) out[k] = k === 'span' || k === 'inferred_type' ? child : walk(child)
    return out
  }
  return walk(value)
}

const UNION_ALL = { all: true, distinct: false, with: null, order_by: null, limit: null, offset: null, by_name: false, corresponding: false, strict: false }

export const groupingSetsAsUnion: RewriteRule = {
  name: 'ch-grouping-sets',
  reason: "ClickHouse 18.16 has no GROUPING SETS, and its WITH CUBE / WITH ROLLUP put 0 and '' in rolled-up keys where Trino has NULL: each grouping set is its own GROUP BY, UNION ALL of them, a key outside the set NULL outside aggregates and grouping(…) the set's bit mask.",
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const groupBy = data.group_by as { expressions?: AstNode[] } | null | undefined
    const sets = groupBy?.expressions === undefined ? undefined : groupingSets(groupBy.expressions)
    if (sets === undefined) return undefined
    const keys: AstNode[] = []
    for (const key of sets.flat()) if (!keys.some((k) => sameExpression(k, key))) keys.push(key)
    const expressions = data.expressions as AstNode[]
    const names = expressions.map(outputName)
    const branches = sets.map((set, i) => {
      const branch = {
        ...data,
        expressions: expressions.map((item, j) => {
          const mapped = forSet(item, keys, set, ctx) as AstNode
          return mapped !== item && nodeType(item) !== 'alias' && names[j] !== undefined ? { alias: { this: mapped, alias: identifier(names[j]!), column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } } : mapped
        }),
        group_by: set.length === 0 ? null : { ...groupBy, expressions: set },
        having: data.having === null || data.having === undefined ? null : forSet(data.having, keys, set, ctx),
        order_by: null,
        limit: null,
        offset: null,
      }
      // Every branch repeats FROM, WHERE and the aggregates: each copy needs its own placeholders.
      return i === 0 ? { select: branch } : ctx.duplicate({ select: branch })
    })
    const union = branches.slice(1).reduce((all, next) => ({ union: { left: all, right: next, ...UNION_ALL } }), branches[0]!)
    const orderBy = data.order_by as { expressions?: Array<{ this: AstNode }> } | null | undefined
    const order = orderBy?.expressions?.map((item) => {
      const target = item.this
      const data = nodeData(target)
      const position = nodeType(target) === 'literal' && data.literal_type === 'number' ? Number(data.value) - 1 : -1
      const byAlias = nodeType(target) === 'column' && (data.table ?? null) === null ? names.findIndex((n) => n !== undefined && n.toLowerCase() === String((data.name as { name?: unknown }).name).toLowerCase()) : -1
      const byExpression = expressions.findIndex((e) => sameExpression(nodeType(e) === 'alias' ? nodeData(e).this : e, target))
      const index = position >= 0 ? position : byAlias >= 0 ? byAlias : byExpression
      const name = names[index]
      if (name === undefined) return ctx.fail('ORDER BY of a GROUP BY CUBE / ROLLUP / GROUPING SETS must name a SELECT column to be translated to ClickHouse 18.16', target)
      return { ...item, this: { column: { name: identifier(name), table: null, join_mark: false, trailing_comments: [] } } }
    })
    return selectNode({
      expressions: [starNode()],
      from: { expressions: [subqueryNode(union, 'qf_groups')] },
      order_by: order === undefined ? null : { ...orderBy, expressions: order },
      limit: data.limit ?? null,
      offset: data.offset ?? null,
    })
  },
}
