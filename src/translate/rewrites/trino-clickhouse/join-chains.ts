/**
 * Trino → ClickHouse 18.16: a chain of inner joins (a JOIN b ON … JOIN c ON …, or FROM a, b, c
 * WHERE …) as nested two-table joins, since 18.16 joins two tables per SELECT. Left-deep, in the
 * statement's order: ((a ⋈ b) ⋈ c) ⋈ d. Each nested level projects the columns the statement
 * reads of its tables as qf_<table>_<column>, takes the equalities that join its new table to the
 * ones before as ON, and the conditions on its tables alone as WHERE (inner joins: the same rows).
 */
import { nodeData, nodeType, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { factorOr, innerJoinConditions, isJoinKey, outerJoins, rightKeyColumns, sameTypeKey } from './joins.ts'
import { conjunction, flatten, identifier, itemName, qualifiers, selectNode, subqueryNode, whereClause, whereOf } from './select-nodes.ts'
import { isArrayJoin } from './unnest.ts'

const INNER_KINDS = new Set(['Inner', 'Cross', 'Implicit'])
const OUTER_KINDS = new Set(['Left', 'Right', 'Full'])
const OUTSIDE = (key: string): boolean => key !== 'from' && key !== 'joins' && key !== 'with' && key !== 'where_clause'

function columnParts (node: AstNode): { table: string, name: string } | undefined {
  if (nodeType(node) !== 'column') return undefined
  const data = nodeData(node)
  const table = (data.table as { name?: unknown } | null)?.name
  const name = (data.name as { name?: unknown }).name
  return typeof table === 'string' && typeof name === 'string' ? { table: table.toLowerCase(), name: name.toLowerCase() } : undefined
}

/** Qualified columns read by `value` (nested queries included: only uncorrelated ones reach here). */
function readColumns (value: unknown, into: Map<string, Set<string>>): void {
  transformBottomUp(value, (node) => {
    const parts = columnParts(node)
    if (parts !== undefined) {
      let set = into.get(parts.table)
      if (set === undefined) into.set(parts.table, set = new Set())
      set.add(parts.name)
    }
    return undefined
  })
}

function column (table: string, name: string): AstNode {
  return { column: { name: identifier(name, !/^[a-z_][a-z0-9_]*$/.test(name)), table: identifier(table), join_mark: false, trailing_comments: [] } }
}

const PLACEHOLDER = /^qf_rewrite_\d+$/

/**
 * `table.column` → `alias.qf_table_column` for the tables now inside a nested level. A rule
 * placeholder keeps its identity (its arguments are replaced in place): rules on enclosing nodes
 * read its result type and scale by identity.
 */
function remap (value: unknown, inside: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => remap(item, inside))
    return items.some((item, i) => item !== value[i]) ? items : value
  }
  if (typeof value !== 'object' || value === null) return value
  const node = value as AstNode
  const parts = columnParts(node)
  if (parts !== undefined) {
    const alias = inside.get(parts.table)
    return alias === undefined ? node : column(alias, `qf_${parts.table}_${parts.name}`)
  }
  const data = nodeType(node) === 'function' ? nodeData(node) : undefined
  if (data !== undefined && typeof data.name === 'string' && PLACEHOLDER.test(data.name)) {
    data.args = remap(data.args, inside)
    return node
  }
  let copy: AstNode | undefined
  for (const [key, child] of Object.entries(node)) {
    if (key === 'span' || key === 'inferred_type' || typeof child !== 'object' || child === null) continue
    const next = remap(child, inside)
    if (next !== child) { copy ??= { ...node }; copy[key] = next }
  }
  return copy ?? node
}

function join (item: AstNode, on: AstNode | undefined): AstNode {
  return { this: item, on: on ?? null, using: [], kind: on === undefined ? 'Cross' : 'Inner', use_inner_keyword: false, use_outer_keyword: false, deferred_condition: false, nesting_group: 0, directed: false }
}

function aliased (expression: AstNode, name: string): AstNode {
  return { alias: { this: expression, alias: identifier(name), column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } }
}

function selectAliases (expressions: readonly AstNode[]): Set<string> {
  const out = new Set<string>()
  for (const e of expressions) {
    const alias = nodeType(e) === 'alias' ? (nodeData(e).alias as { name?: unknown }).name : undefined
    if (typeof alias === 'string') out.add(alias.toLowerCase())
  }
  return out
}

/** True when `value` reads a column without a table qualifier that is not a SELECT-list alias (nested queries read their own). */
function readsUnqualified (value: unknown, aliases: ReadonlySet<string>): boolean {
  if (Array.isArray(value)) return value.some((item) => readsUnqualified(item, aliases))
  if (typeof value !== 'object' || value === null) return false
  const type = nodeType(value)
  if (type === 'select' || type === 'union' || type === 'intersect' || type === 'except' || type === 'subquery') return false
  if (type === 'column') {
    const data = nodeData(value as AstNode)
    const name = (data.name as { name?: unknown }).name
    return (data.table ?? null) === null && !(typeof name === 'string' && aliases.has(name.toLowerCase()))
  }
  return Object.entries(value).some(([key, child]) => key !== 'span' && key !== 'inferred_type' && readsUnqualified(child, aliases))
}

/** The SELECT's own clauses with the nested tables' columns renamed; a plain column of the SELECT list keeps its output name. */
function outerClauses (data: AstNode, inside: ReadonlyMap<string, string>): AstNode {
  const out: AstNode = {}
  for (const [key, value] of Object.entries(data)) {
    out[key] = key === 'expressions'
      ? (value as AstNode[]).map((e) => { const parts = columnParts(e); const mapped = remap(e, inside) as AstNode; return parts !== undefined && inside.has(parts.table) ? aliased(mapped, parts.name) : mapped })
      : key === 'from' || key === 'joins' || key === 'with' ? value : remap(value, inside)
  }
  return out
}

/** The columns the statement reads of `joined` tables, as the projection of a nested level. */
function projection (joined: ReadonlySet<string>, reads: ReadonlyMap<string, Set<string>>, inside: ReadonlyMap<string, string>): AstNode[] {
  const out: AstNode[] = []
  for (const table of joined) {
    for (const col of reads.get(table) ?? []) out.push(aliased(inside.has(table) ? column(inside.get(table)!, `qf_${table}_${col}`) : column(table, col), `qf_${table}_${col}`))
  }
  return out.length > 0 ? out : [aliased({ literal: { literal_type: 'number', value: '1' } }, 'qf_one')]
}

/**
 * A chain with outer joins: nested level by level in the statement's order, which is how SQL
 * reads it (((a ⟕ b) ⋈ c) ⟕ d); each level keeps its own ON, normalised by the single-join rules
 * (an outer level refuses what 18.16 cannot keep), and WHERE stays outside, after every join.
 */
function nestWithOuterJoins (data: AstNode, items: readonly AstNode[], names: readonly string[], chain: readonly AstNode[], ctx: RewriteContext): AstNode {
  const outside = Object.entries(data).filter(([key]) => key !== 'from' && key !== 'joins' && key !== 'with').map(([, value]) => value)
  let acc = items[0]!
  const inside = new Map<string, string>()
  const joined = new Set([names[0]!])
  // Without RIGHT / FULL joins no later join brings back a row a WHERE condition removed, so
  // each condition can apply as soon as its tables are joined (a cross product stays small).
  const isPushable = !chain.some((j) => j.kind === 'Right' || j.kind === 'Full')
  let pending = isPushable && whereOf(data) !== undefined ? factorOr(whereOf(data)!) : []
  for (let k = 1; k < items.length; k++) {
    const step = chain[k - 1]!
    const nextJoin = { ...step, on: nodeType(step.on) === undefined ? null : remap(step.on, inside) }
    if (k === items.length - 1) {
      const clauses = outerClauses(data, inside)
      const where = isPushable ? whereClause(pending.length === 0 ? undefined : remap(conjunction(pending), inside) as AstNode) : clauses.where_clause
      return { select: { ...clauses, where_clause: where, from: { ...(data.from as AstNode), expressions: [acc] }, joins: [nextJoin] } }
    }
    joined.add(names[k]!)
    const filters = pending.filter((c) => { const t = qualifiers(c).names; return t.size > 0 && [...t].every((n) => joined.has(n)) })
    pending = pending.filter((c) => !filters.includes(c))
    // Only what is read after this level: its own ON keys are not (18.16 does not return right keys).
    const reads = new Map<string, Set<string>>()
    readColumns([...outside.filter((v) => !isPushable || v !== data.where_clause), ...pending, ...chain.slice(k).map((j) => j.on)], reads)
    const levelWhere = conjunction(filters)
    const level = selectNode({ expressions: projection(joined, reads, inside), from: { expressions: [acc] }, joins: [nextJoin], where_clause: whereClause(levelWhere === undefined ? undefined : remap(levelWhere, inside) as AstNode) })
    const rule = OUTER_KINDS.has(step.kind as string) ? outerJoins : innerJoinConditions
    acc = subqueryNode(rule.rewrite(level, ctx) ?? level, `qf_j${k}`)
    for (const table of joined) inside.set(table, `qf_j${k}`)
  }
  return ctx.fail('an empty join chain', data)
}

export const joinChains: RewriteRule = {
  name: 'ch-join-chains',
  reason: 'ClickHouse 18.16 joins two tables per SELECT; a chain of inner joins becomes nested two-table joins in the statement\'s order, each projecting the columns read later (as qf_<table>_<column>), with the equalities that join each new table as its ON and conditions on the joined tables so far as its WHERE.',
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const from = (data.from as { expressions?: AstNode[] } | null | undefined)?.expressions ?? []
    // FROM a, b JOIN c …: the items after the first are implicit (cross) joins of the chain.
    const joins: AstNode[] = [...from.slice(1).map((item) => ({ ...join(item, undefined), kind: 'Implicit' })), ...((data.joins as AstNode[] | undefined) ?? [])]
    const chain = joins.filter((j) => !isArrayJoin(j))
    if (chain.length < 2 || chain.length !== joins.length) return undefined
    if (chain.some((j) => !(INNER_KINDS.has(j.kind as string) || OUTER_KINDS.has(j.kind as string)) || ((j.using as unknown[] | undefined)?.length ?? 0) > 0)) return undefined
    const items = [from[0]!, ...chain.map((j) => j.this as AstNode)]
    const names = items.map((item) => itemName(item))
    if (names.some((n) => n === undefined) || new Set(names).size !== names.length) return undefined
    const outside = Object.entries(data).filter(([key]) => OUTSIDE(key)).map(([, value]) => value)
    const expressions = data.expressions as AstNode[]
    if (readsUnqualified([...outside, data.where_clause, ...chain.map((j) => j.on)], selectAliases(expressions)) || expressions.some((e) => nodeType(e) === 'star')) {
      return ctx.fail('ClickHouse 18.16 supports one JOIN per SELECT; a chain of joins is nested for it only when every column is qualified by its table (a.x) and the SELECT list has no *', node)
    }
    const reads = new Map<string, Set<string>>()
    readColumns([...outside, data.where_clause, ...chain.map((j) => j.on)], reads)
    if (chain.some((j) => OUTER_KINDS.has(j.kind as string))) return nestWithOuterJoins(data, items, names as string[], chain, ctx)
    let pending = [...chain.flatMap((j) => nodeType(j.on) === undefined ? [] : flatten(j.on as AstNode, 'and')), ...(whereOf(data) === undefined ? [] : factorOr(whereOf(data)!))]
    const tablesOf = (condition: AstNode): Set<string> => qualifiers(condition).names
    let acc = items[0]!
    const inside = new Map<string, string>()
    const joined = new Set([names[0]!])
    for (let k = 1; k < items.length; k++) {
      const name = names[k]!
      const sides = { left: new Set(joined), right: new Set([name]) }
      const keys = pending.filter((c) => isJoinKey(c, sides))
      pending = pending.filter((c) => !keys.includes(c))
      joined.add(name)
      const last = k === items.length - 1
      const filters = last ? [] : pending.filter((c) => { const t = tablesOf(c); return t.size > 0 && [...t].every((n) => joined.has(n)) })
      pending = pending.filter((c) => !filters.includes(c))
      const on = conjunction(keys.map((key) => sameTypeKey(key, ctx)))
      const level = { left: acc, right: items[k]!, on: on === undefined ? undefined : remap(on, inside) as AstNode }
      if (last) {
        const rest = conjunction(pending)
        const out: AstNode = {}
        for (const [key, value] of Object.entries(data)) {
          out[key] = key === 'expressions'
            ? expressions.map((e) => { const parts = columnParts(e); const mapped = remap(e, inside) as AstNode; return parts !== undefined && inside.has(parts.table) ? aliased(mapped, parts.name) : mapped })
            : OUTSIDE(key) ? remap(value, inside) : value
        }
        return { select: { ...out, from: { ...(data.from as AstNode), expressions: [level.left] }, joins: [join(level.right, level.on)], where_clause: whereClause(rest === undefined ? undefined : remap(rest, inside) as AstNode) } }
      }
      // 18.16 does not return the right side's key columns: project the left key they equal instead.
      const rightKeys = rightKeyColumns(keys, sides)
      const alias = `qf_j${k}`
      const projection: AstNode[] = []
      for (const table of joined) {
        for (const col of reads.get(table) ?? []) {
          const source = table === name && rightKeys.has(col) ? remap(ctx.duplicate(rightKeys.get(col)!), inside) as AstNode : inside.has(table) ? column(inside.get(table)!, `qf_${table}_${col}`) : column(table, col)
          projection.push(aliased(source, `qf_${table}_${col}`))
        }
      }
      if (projection.length === 0) projection.push(aliased({ literal: { literal_type: 'number', value: '1' } }, 'qf_one'))
      const where = conjunction(filters)
      acc = subqueryNode(selectNode({
        expressions: projection,
        from: { expressions: [level.left] },
        joins: [join(level.right, level.on)],
        where_clause: whereClause(where === undefined ? undefined : remap(where, inside) as AstNode),
      }), alias)
      for (const table of joined) inside.set(table, alias)
    }
    return undefined
  },
}


