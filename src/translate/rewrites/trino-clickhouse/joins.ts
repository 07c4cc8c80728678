/**
 * Trino → ClickHouse 18.16: joins. 18.16 joins two tables per SELECT, on equalities between
 * the two sides only (`ON a.x = b.y AND …`), runs a comma or CROSS JOIN as the whole cross
 * product before WHERE, and fills the unmatched side of an outer join with default values
 * (0, '') unless the query runs with join_use_nulls = 1.
 */
import { nodeData, nodeType, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { call, knownType, withKnownType } from '../trino-common/rule-kit.ts'
import { isArrayJoin } from './unnest.ts'
import { binary, conjunction, flatten, itemName, onlyFrom, sameExpression, selectNode, starNode, subqueryNode, whereClause, whereOf } from './select-nodes.ts'

const OUTER_KINDS = new Set(['Left', 'Right', 'Full'])
const INNER_KINDS = new Set(['Inner', 'Cross', 'Implicit'])

export interface Sides { readonly left: Set<string>, readonly right: Set<string> }

/** The names each side of a SELECT's single join is referred to by. */
function sidesOf (data: AstNode, join: AstNode): Sides | undefined {
  const from = (data.from as { expressions?: AstNode[] } | null | undefined)?.expressions
  const left = itemName(from?.[0])
  const right = itemName(join.this as AstNode)
  if (left === undefined || right === undefined || left === right) return undefined
  return { left: new Set([left]), right: new Set([right]) }
}

/** An equality with one side over the left table's columns only and the other over the right's. */
export function isJoinKey (condition: AstNode, sides: Sides): boolean {
  let node = condition
  while (nodeType(node) === 'paren') node = nodeData(node).this as AstNode
  if (nodeType(node) !== 'eq') return false
  const { left, right } = nodeData(node) as { left: AstNode, right: AstNode }
  return (onlyFrom(left, sides.left) && onlyFrom(right, sides.right)) || (onlyFrom(left, sides.right) && onlyFrom(right, sides.left))
}

/** Conditions common to every branch of `a AND … OR b AND …` taken out: (A AND B) OR (A AND C) = A AND (B OR C), in three-valued logic too. */
export function factorOr (condition: AstNode): AstNode[] {
  const branches = flatten(condition, 'or').map((branch) => flatten(branch, 'and'))
  if (branches.length < 2) return flatten(condition, 'and')
  const common = branches[0]!.filter((part) => branches.every((branch) => branch.some((other) => sameExpression(part, other))))
  if (common.length === 0) return [condition]
  const rest = branches.map((branch) => conjunction(branch.filter((part) => !common.some((c) => sameExpression(part, c)))))
  if (rest.some((r) => r === undefined)) return common
  const either = rest.slice(1).reduce<AstNode>((all, r) => binary('or', all, { paren: { this: r!, trailing_comments: [] } }), { paren: { this: rest[0]!, trailing_comments: [] } })
  return [...common, either]
}

/** `FROM a, b` (two FROM items, no JOIN) as `FROM a CROSS JOIN b`, else undefined. */
function commaJoin (data: AstNode): AstNode | undefined {
  const from = data.from as { expressions?: AstNode[] } | null | undefined
  const items = from?.expressions
  if (items?.length !== 2 || ((data.joins as unknown[] | undefined)?.length ?? 0) > 0) return undefined
  const join = { this: items[1], on: null, using: [], kind: 'Cross', use_inner_keyword: false, use_outer_keyword: false, deferred_condition: false, nesting_group: 0, directed: false }
  return { ...data, from: { ...from, expressions: [items[0]] }, joins: [join] }
}

/**
 * 18.16 joins only keys of the same type (Type mismatch of columns to JOIN by: plus(id, 1) Int64
 * at left, b.id Int32 at right): integer keys that are not two columns of one type are compared
 * as Int64, which holds every Trino integer.
 */
export function keySides (key: AstNode): { left: AstNode, right: AstNode } {
  let node = key
  while (nodeType(node) === 'paren') node = nodeData(node).this as AstNode
  return nodeData(node) as { left: AstNode, right: AstNode }
}

function needsWidening (key: AstNode): boolean {
  const { left, right } = keySides(key)
  if (knownType(left) !== 'integer' || knownType(right) !== 'integer') return false
  const typeOf = (side: AstNode): unknown => nodeType(side) === 'column' ? (nodeData(side).inferred_type as { data_type?: unknown } | undefined)?.data_type : undefined
  const lt = typeOf(left)
  return lt === undefined || lt !== typeOf(right)
}

export function sameTypeKey (key: AstNode, ctx: RewriteContext): AstNode {
  if (!needsWidening(key)) return key
  const { left, right } = keySides(key)
  const wide = (side: AstNode): AstNode => withKnownType(ctx.target(call('toInt64', 0), [side]), 'integer')
  return binary('eq', wide(left), wide(right))
}

/** The right side's key columns (b.y of ON a.x = b.y), by lower-case name, with the left expression each equals. */
export function rightKeyColumns (keys: readonly AstNode[], sides: Sides): Map<string, AstNode> {
  const out = new Map<string, AstNode>()
  for (const key of keys) {
    const { left, right } = keySides(key)
    for (const [mine, other] of [[right, left], [left, right]] as const) {
      if (nodeType(mine) !== 'column' || !onlyFrom(mine, sides.right)) continue
      const name = (nodeData(mine).name as { name?: unknown }).name
      if (typeof name === 'string') out.set(name.toLowerCase(), other)
    }
  }
  return out
}

/** True when `node` is a column `right.name` with name in `keys`. */
function isRightKeyColumn (node: AstNode, right: string, keys: ReadonlyMap<string, AstNode>): boolean {
  if (nodeType(node) !== 'column') return false
  const data = nodeData(node)
  const table = (data.table as { name?: unknown } | null)?.name
  const name = (data.name as { name?: unknown }).name
  return typeof table === 'string' && table.toLowerCase() === right && typeof name === 'string' && keys.has(name.toLowerCase())
}

const OUTSIDE_JOIN = (key: string): boolean => key !== 'from' && key !== 'joins' && key !== 'with'

/** True when the SELECT reads a right-side key column outside FROM / JOIN. */
function readsRightKey (data: AstNode, right: string, keys: ReadonlyMap<string, AstNode>): boolean {
  let found = false
  for (const [key, value] of Object.entries(data)) {
    if (!OUTSIDE_JOIN(key)) continue
    transformBottomUp(value, (node) => { if (isRightKeyColumn(node, right, keys)) found = true; return undefined })
  }
  return found
}

/**
 * 18.16 does not return the right side's key columns of a join: b.y reads another column (a
 * self-join answers with the left table's values). In an inner join b.y equals its left key, which
 * is read instead (under the name b.y had in the SELECT list).
 */
function readLeftKeys (data: AstNode, right: string, keys: ReadonlyMap<string, AstNode>, ctx: RewriteContext): AstNode {
  const replace = (value: unknown): unknown => transformBottomUp(value, (node) => {
    if (!isRightKeyColumn(node, right, keys)) return undefined
    return ctx.duplicate(keys.get(((nodeData(node).name as { name: string }).name).toLowerCase())!)
  })
  const out: AstNode = {}
  for (const [key, value] of Object.entries(data)) {
    if (!OUTSIDE_JOIN(key)) { out[key] = value; continue }
    out[key] = key !== 'expressions' ? replace(value) : (value as AstNode[]).map((item) => {
      if (!isRightKeyColumn(item, right, keys)) return replace(item)
      const name = (nodeData(item).name as AstNode)
      return { alias: { this: replace(item), alias: name, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } }
    })
  }
  return out
}

export const innerJoinConditions: RewriteRule = {
  name: 'ch-inner-join-conditions',
  reason: 'ClickHouse 18.16 takes only equalities between the two sides in ON, and runs a comma or CROSS JOIN as a whole cross product before WHERE (TPC-H style FROM a, b WHERE a.k = b.k ran out of memory). For an inner join, such equalities go to ON and every other condition to WHERE: the same rows.',
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const listed = commaJoin(nodeData(node))
    const data = listed ?? nodeData(node)
    const joins = data.joins as AstNode[] | undefined
    if (joins?.length !== 1) return undefined
    const join = joins[0]!
    const using = join.using as unknown[] | undefined
    if (!INNER_KINDS.has(join.kind as string) || (using?.length ?? 0) > 0 || isArrayJoin(join)) return undefined
    const sides = sidesOf(data, join)
    if (sides === undefined) return undefined
    const on = nodeType(join.on) === undefined ? [] : flatten(join.on as AstNode, 'and')
    const where = whereOf(data)
    const wherePart = where === undefined ? [] : factorOr(where)
    const keys = [...on, ...wherePart].filter((c) => isJoinKey(c, sides))
    const rest = [...on, ...wherePart].filter((c) => !keys.includes(c))
    const isSame = keys.length === on.length && keys.every((k) => on.includes(k))
    const right = [...sides.right][0]!
    const rightKeys = rightKeyColumns(keys, sides)
    const readsKey = readsRightKey(data, right, rightKeys)
    if (isSame && listed === undefined && !keys.some(needsWidening) && !readsKey) return undefined
    const nextJoin = keys.length === 0
      ? { ...join, kind: 'Cross', on: null }
      : { ...join, kind: 'Inner', on: conjunction(keys.map((k) => sameTypeKey(k, ctx))) }
    const next = { ...data, joins: [nextJoin], where_clause: whereClause(conjunction(rest)) }
    return { select: readsKey ? readLeftKeys(next, right, rightKeys, ctx) : next }
  },
}

/** `(SELECT * FROM item WHERE condition) AS name`: a condition of ON that only filters the side it names. */
function filtered (item: AstNode, conditions: readonly AstNode[]): AstNode {
  const name = itemName(item)
  return subqueryNode(selectNode({ expressions: [starNode()], from: { expressions: [item] }, where_clause: whereClause(conjunction(conditions)) }), name)
}

const SETTING = { eq: { left: { column: { name: { name: 'join_use_nulls', quoted: false, trailing_comments: [] }, table: null, join_mark: false, trailing_comments: [] } }, right: { literal: { literal_type: 'number', value: '1' } }, left_comments: [], operator_comments: [], trailing_comments: [] } }

/** SETTINGS join_use_nulls = 1 on the statement's SELECT (each SELECT of a top-level UNION). */
function withJoinUseNulls (statement: AstNode): AstNode {
  const type = nodeType(statement)
  if (type === 'select') {
    const data = nodeData(statement)
    const settings = (data.settings as AstNode[] | null | undefined) ?? []
    if (settings.some((s) => sameExpression(s, SETTING))) return statement
    return { select: { ...data, settings: [...settings, SETTING] } }
  }
  if (type === 'union') {
    const data = nodeData(statement)
    return { union: { ...data, left: withJoinUseNulls(data.left as AstNode), right: withJoinUseNulls(data.right as AstNode) } }
  }
  if (type === 'subquery') return { subquery: { ...nodeData(statement), this: withJoinUseNulls(nodeData(statement).this as AstNode) } }
  return statement
}

/**
 * Outer joins hide from polyglot as inner joins (it refuses them for ClickHouse unless the target
 * setting is on, which a Trino statement cannot say); the ON condition becomes a placeholder
 * whose filled-in node marks the join whose kind comes back after translation.
 */
function hideOuterJoin (join: AstNode, ctx: RewriteContext): AstNode {
  const kind = join.kind as string
  const marks = new WeakMap<object, string>()
  const placeholder = ctx.target((args) => { marks.set(args[0]!, kind); return args[0]! }, [join.on as AstNode])
  ctx.finish((statement) => {
    let restored = false
    const next = transformBottomUp(statement, (value) => {
      const on = value.on
      if (typeof on !== 'object' || on === null || !marks.has(on)) return undefined
      restored = true
      return { ...value, kind: marks.get(on) }
    }) as AstNode
    return restored ? withJoinUseNulls(next) : next
  })
  return { ...join, kind: 'Inner', on: placeholder }
}

export const outerJoins: RewriteRule = {
  name: 'ch-outer-joins',
  reason: "ClickHouse fills the unmatched side of an outer join with 0 and '' where Trino has NULL, unless join_use_nulls = 1: the statement carries SETTINGS join_use_nulls = 1. 18.16 takes only equalities between the sides in ON; a condition on the side that may be unmatched moves into a filtered subquery of it, others are refused.",
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const joins = data.joins as AstNode[] | undefined
    if (joins?.length !== 1 || !OUTER_KINDS.has(joins[0]!.kind as string)) return undefined
    const join = joins[0]!
    const kind = join.kind as string
    if (((join.using as unknown[] | undefined)?.length ?? 0) > 0 || nodeType(join.on) === undefined) {
      return ctx.fail(`ClickHouse 18.16 outer joins are translated from ON conditions only; write ${kind.toUpperCase()} JOIN … ON instead of USING`, node)
    }
    const sides = sidesOf(data, join)
    if (sides === undefined) return ctx.fail('the two sides of this outer join need distinct names (an alias) to be translated to ClickHouse 18.16', node)
    const conditions = flatten(join.on as AstNode, 'and')
    const keys = conditions.filter((c) => isJoinKey(c, sides))
    const others = conditions.filter((c) => !keys.includes(c))
    if (keys.length === 0) return ctx.fail('ClickHouse 18.16 outer joins need at least one equality between the two sides in ON', node)
    const from = (data.from as { expressions: AstNode[] }).expressions
    const leftFilters = kind === 'Right' ? others.filter((c) => onlyFrom(c, sides.left)) : []
    const rightFilters = kind === 'Left' ? others.filter((c) => onlyFrom(c, sides.right)) : []
    if (leftFilters.length + rightFilters.length !== others.length) {
      return ctx.fail(`ClickHouse 18.16 outer joins take only equalities between the two sides in ON; a ${kind.toUpperCase()} JOIN condition that is not one cannot be kept (only a filter on the side that may be unmatched can)`, node)
    }
    const rightKeys = rightKeyColumns(keys, sides)
    if (readsRightKey(data, [...sides.right][0]!, rightKeys)) {
      return ctx.fail(`ClickHouse 18.16 does not return the right-hand key columns of a join (${[...sides.right][0]!}.${[...rightKeys.keys()].join(', ')}), and in a ${kind.toUpperCase()} JOIN they differ from the left ones on unmatched rows; read the left key or a non-key column of that side`, node)
    }
    const nextFrom = leftFilters.length === 0 ? data.from : { ...(data.from as AstNode), expressions: [filtered(from[0]!, leftFilters), ...from.slice(1)] }
    const nextJoin = hideOuterJoin({ ...join, this: rightFilters.length === 0 ? join.this : filtered(join.this as AstNode, rightFilters), on: conjunction(keys.map((k) => sameTypeKey(k, ctx))) }, ctx)
    return { select: { ...data, from: nextFrom, joins: [nextJoin] } }
  },
}

export const oneJoinPerSelect: RewriteRule = {
  name: 'ch-one-join-per-select',
  reason: 'ClickHouse 18.16 runs one JOIN per SELECT ("Support for more than one JOIN in query is not implemented"): such a statement is refused before it reaches the engine, naming the limit.',
  nodes: ['select'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const from = (data.from as { expressions?: AstNode[] } | null | undefined)?.expressions ?? []
    // ARRAY JOIN (from UNNEST) comes on top of 18.16's one JOIN.
    const joins = ((data.joins as AstNode[] | undefined) ?? []).filter((j) => !isArrayJoin(j))
    const tables = from.length + joins.length
    if (tables <= 2) return undefined
    return ctx.fail(`ClickHouse 18.16 supports one JOIN per SELECT, and this SELECT joins ${tables} tables; join two at a time in nested subqueries`, node)
  },
}

// innerJoinConditions before outerJoins, which hides an outer join as an inner one.
export const joinRules: readonly RewriteRule[] = [oneJoinPerSelect, innerJoinConditions, outerJoins]

