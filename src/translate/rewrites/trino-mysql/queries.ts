/** Trino → MySQL-wire: query-level differences (NULL ordering, arrays, unsupported clauses). */
import { columnName, functionNode, nodeData, nodeType, stringValue, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { hasPositionalParameter } from '../apply.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { asCall, child } from '../calls.ts'
import { hasPlaceholder, knownType, withKnownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'
import { binaryKey } from './collation.ts'
import { hasIntervalFrame, rangeFrameOverDays, windowKey } from './datetime.ts'
import { tryCastFrom } from './numbers.ts'

interface OrderItem { this: AstNode, desc: boolean, nulls_first: boolean | null, explicit_asc?: boolean }

function isNullNode (value: AstNode): AstNode {
  return { is_null: { this: value, not: false, postfix_form: false } }
}

/**
 * What an ORDER BY item sorts on: the item itself, or for an ordinal the select-list expression
 * it points at (by its alias when it has one). `copied` when `ref` is a copy of an expression that
 * stays elsewhere (each use then needs its own duplicate of rewritten parts); `ref` is undefined
 * for a literal or a union's item that is no name. `type` is the known type of the value sorted,
 * looking through an alias to its expression.
 */
function orderTarget (select: AstNode | undefined, item: AstNode): { ref: AstNode | undefined, copied: boolean, type: KnownType | undefined } {
  const data = nodeData(item)
  const expressions = select === undefined ? undefined : nodeData(select).expressions as AstNode[] | undefined
  const isOrdinal = nodeType(item) === 'literal' && data.literal_type === 'number' && typeof data.value === 'string' && /^\d+$/.test(data.value)
  if (!isOrdinal) {
    if (nodeType(item) === 'literal') return { ref: undefined, copied: false, type: undefined }
    const name = columnName(item)
    const aliased = name === undefined ? undefined : expressions?.find((e) => nodeType(e) === 'alias' && (nodeData(e).alias as { name?: unknown } | undefined)?.name === name)
    const value = aliased === undefined ? item : child(aliased, 'this')
    return { ref: item, copied: false, type: select === undefined || value === undefined ? knownType(value) : keyType(select, value) }
  }
  const chosen = expressions?.[Number(data.value) - 1]
  if (chosen === undefined) return { ref: undefined, copied: false, type: undefined }
  if (nodeType(chosen) === 'alias') {
    const alias = nodeData(chosen).alias as { name?: unknown } | undefined
    const type = knownType(child(chosen, 'this'))
    if (typeof alias?.name === 'string') return { ref: { column: { name: { name: alias.name, quoted: true }, table: null, join_mark: false } }, copied: false, type }
  }
  return { ref: chosen, copied: true, type: knownType(chosen) }
}

/** `ref` for one more use: itself, or a duplicate when it holds rewritten parts used elsewhere; undefined when it cannot be repeated (a ? parameter). */
function another (ref: AstNode, ctx: RewriteContext): AstNode | undefined {
  if (!hasPlaceholder(ref)) return ref
  return hasPositionalParameter(ref) ? undefined : ctx.duplicate(ref)
}

export const nullOrdering: RewriteRule = {
  name: 'mysql-null-ordering',
  reason: "Trino sorts NULLs last in both directions unless told otherwise; MySQL sorts them first ascending, and has no NULLS FIRST/LAST (polyglot drops it). An `x IS NULL` key before x gives Trino's order. A key known to be a string sorts by its UTF-8 bytes (Trino's code point order) instead of MySQL's case-insensitive collation.",
  nodes: ['select', 'union', 'intersect', 'except'],
  rewrite (node, ctx) {
    // One rule per node: this SELECT-level rule also finishes windows and TRY_CASTs whose operand type only the SELECT tells.
    const framed = nodeType(node) === 'select' ? deferredRangeFrames(node, ctx) : undefined
    const cast = nodeType(node) === 'select' ? deferredTryCasts(framed ?? node, ctx) : undefined
    const current = cast ?? framed
    return orderKeys(current ?? node, ctx) ?? current
  },
}

/** The statement with its ORDER BY in Trino's NULL and string order, or undefined when nothing changes. */
function orderKeys (node: AstNode, ctx: RewriteContext): AstNode | undefined {
  const type = nodeType(node)!
  const data = nodeData(node)
  const orderBy = data.order_by as { expressions?: OrderItem[] } | null | undefined
  const items = orderBy?.expressions
  if (items === undefined || items.length === 0) return undefined
  const out: OrderItem[] = []
  let changed = false
  for (const item of items) {
    const target = orderTarget(type === 'select' ? node : undefined, item.this)
    // Trino default: NULLS LAST. MySQL: NULLs sort as the smallest value.
    const nullsFirst = item.nulls_first ?? false
    const mysqlNullsFirst = !item.desc
    const isNullOf = nullsFirst !== mysqlNullsFirst && target.ref !== undefined ? another(target.ref, ctx) : undefined
    if (isNullOf !== undefined) {
      out.push({ this: isNullNode(isNullOf), desc: nullsFirst, nulls_first: null, explicit_asc: false })
      changed = true
    }
    const key = target.type === 'varchar' && target.ref !== undefined ? (target.copied ? another(target.ref, ctx) : target.ref) : undefined
    if (key !== undefined) {
      out.push({ ...item, this: binaryKey(ctx, key), nulls_first: null })
      changed = true
    } else {
      out.push({ ...item, nulls_first: null })
    }
  }
  if (!changed) return undefined
  return { [type]: { ...data, order_by: { ...orderBy, expressions: out } } }
}

/** Type of a bare column as the same column (name and qualifier) shows it elsewhere in this SELECT. */
function typeInSelect (select: AstNode, key: AstNode): KnownType | undefined {
  const identity = (column: AstNode): string => {
    const data = nodeData(column)
    return JSON.stringify([(data.name as { name?: unknown } | undefined)?.name, (data.table as { name?: unknown } | null | undefined)?.name ?? null])
  }
  const wanted = identity(key)
  let found: KnownType | undefined
  walkScope(select, (n) => {
    if (found === undefined && nodeType(n) === 'column' && identity(n) === wanted) found = knownType(n)
  })
  return found ?? typeFromDerivedTable(select, key)
}

/** Type of a bare column as the derived table (FROM (SELECT …) t) it comes from names it. */
function typeFromDerivedTable (select: AstNode, key: AstNode): KnownType | undefined {
  const data = nodeData(select)
  const name = (nodeData(key).name as { name?: unknown } | undefined)?.name
  const qualifier = (nodeData(key).table as { name?: unknown } | null | undefined)?.name
  const items = [...((data.from as { expressions?: AstNode[] } | null | undefined)?.expressions ?? []), ...((data.joins as Array<{ this: AstNode }> | undefined) ?? []).map((j) => j.this)]
  const types = new Set<KnownType | undefined>()
  for (const item of items) {
    if (nodeType(item) !== 'subquery') continue
    const sub = nodeData(item)
    const alias = (sub.alias as { name?: unknown } | null | undefined)?.name
    if (qualifier !== undefined && qualifier !== alias) continue
    const fromValues = valuesColumnTypes.get(item)
    if (fromValues !== undefined) {
      if (typeof name === 'string' && fromValues.has(name.toLowerCase())) types.add(fromValues.get(name.toLowerCase()))
      continue
    }
    const inner = sub.this as AstNode
    if (nodeType(inner) !== 'select') continue
    for (const e of (nodeData(inner).expressions as AstNode[] | undefined) ?? []) {
      const named = nodeType(e) === 'alias' ? (nodeData(e).alias as { name?: unknown } | undefined)?.name : (nodeData(e).name as { name?: unknown } | undefined)?.name
      if (named === name) types.add(knownType(nodeType(e) === 'alias' ? nodeData(e).this as AstNode : e))
    }
  }
  // Two derived tables naming the column: Trino would call it ambiguous; do not guess.
  return types.size === 1 ? [...types][0] : undefined
}

/** Visits the nodes of one SELECT, not those of queries nested in it. */
function walkScope (value: unknown, visit: (node: AstNode) => void, top = true): void {
  if (Array.isArray(value)) { for (const v of value) walkScope(v, visit, false); return }
  if (typeof value !== 'object' || value === null) return
  const type = nodeType(value)
  if (!top && (type === 'select' || type === 'subquery' || type === 'union' || type === 'exists')) return
  if (type !== undefined) visit(value as AstNode)
  for (const [k, v] of Object.entries(value)) if (k !== 'span' && k !== 'inferred_type') walkScope(v, visit, false)
}

/** The SELECT with the TRY_CASTs of bare columns tryCast left, translated or refused by the column's type. */
function deferredTryCasts (select: AstNode, ctx: RewriteContext): AstNode | undefined {
  let pending = false
  walkScope(select, (n) => { if (nodeType(n) === 'try_cast') pending = true })
  if (!pending) return undefined
  const data = nodeData(select)
  const out: AstNode = {}
  for (const [k, v] of Object.entries(data)) {
    out[k] = k === 'with' || k === 'from' || k === 'joins' ? v : transformScope(v, (n) => nodeType(n) === 'try_cast' ? tryCastFrom(n, keyType(select, child(n, 'this')!), ctx) : undefined, false)
  }
  return { select: out }
}

/** The SELECT with the RANGE frames rangeFrameDays left (bare column keys) rewritten or refused. */
function deferredRangeFrames (select: AstNode, ctx: RewriteContext): AstNode | undefined {
  let pending = false
  walkScope(select, (n) => { if (hasIntervalFrame(n)) pending = true })
  if (!pending) return undefined
  const data = nodeData(select)
  const out: AstNode = {}
  for (const [k, v] of Object.entries(data)) {
    out[k] = k === 'with' || k === 'from' || k === 'joins' ? v : transformBottomUp(v, (n) => hasIntervalFrame(n) ? rangeFrameOverDays(n, typeInSelect(select, windowKey(n)!), ctx) : undefined)
  }
  return { select: out }
}

/** Aggregate and window nodes: a FULL JOIN split into a UNION ALL must not aggregate each half apart. */
export const AGGREGATE_NODES = new Set(['count', 'sum', 'avg', 'min', 'max', 'aggregate_function', 'window_function', 'count_if', 'approx_distinct',
  'logical_and', 'logical_or', 'array_agg', 'group_concat', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'within_group'])

/** True when `value` holds an aggregate or window call outside any nested query. */
export function hasAggregate (value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAggregate)
  if (typeof value !== 'object' || value === null) return false
  const type = nodeType(value)
  if (type !== undefined && AGGREGATE_NODES.has(type)) return true
  if (type === 'subquery' || type === 'exists' || type === 'select') return false
  return Object.entries(value).some(([key, v]) => key !== 'span' && key !== 'inferred_type' && hasAggregate(v))
}

/** `value` rebuilt by `visit` (bottom-up) without entering the queries nested in it: each SELECT is done by its own visit. */
function transformScope (value: unknown, visit: (node: AstNode) => AstNode | undefined, top = true): unknown {
  if (Array.isArray(value)) {
    const out = value.map((v) => transformScope(v, visit, false))
    return out.some((v, i) => v !== value[i]) ? out : value
  }
  if (typeof value !== 'object' || value === null) return value
  const type = nodeType(value)
  if (!top && (type === 'select' || type === 'subquery' || type === 'union' || type === 'exists')) return value
  let copy: AstNode | undefined
  for (const [k, v] of Object.entries(value)) {
    if (k === 'span' || k === 'inferred_type' || typeof v !== 'object' || v === null) continue
    const next = transformScope(v, visit, false)
    if (next !== v) { copy ??= { ...value }; copy[k] = next }
  }
  const current = copy ?? value as AstNode
  return type === undefined ? current : visit(current) ?? current
}

/** A key's type: its own when known, else (a bare column inside OVER, which polyglot leaves untyped) the same column's elsewhere in the SELECT. */
function keyType (select: AstNode, key: AstNode): KnownType | undefined {
  return knownType(key) ?? (nodeType(key) === 'column' ? typeInSelect(select, key) : undefined)
}

/** What a GROUP BY item groups on: the select-list expression of an ordinal or an output name, else the item. */
function groupTarget (select: AstNode, item: AstNode): AstNode | undefined {
  const data = nodeData(item)
  const expressions = (nodeData(select).expressions as AstNode[] | undefined) ?? []
  const unalias = (e: AstNode | undefined): AstNode | undefined => e !== undefined && nodeType(e) === 'alias' ? child(e, 'this') : e
  if (nodeType(item) === 'literal') return data.literal_type === 'number' && typeof data.value === 'string' && /^\d+$/.test(data.value) ? unalias(expressions[Number(data.value) - 1]) : undefined
  const name = columnName(item)
  const aliased = name === undefined ? undefined : expressions.find((e) => nodeType(e) === 'alias' && (nodeData(e).alias as { name?: unknown } | undefined)?.name === name)
  return aliased === undefined ? item : unalias(aliased)
}

function isRangeOffsetFrame (over: AstNode): boolean {
  const frame = over.frame as { kind?: unknown, start?: unknown, end?: unknown } | null | undefined
  const isOffset = (b: unknown): boolean => typeof b === 'object' && b !== null && ('Preceding' in b || 'Following' in b)
  return frame?.kind === 'Range' && (isOffset(frame.start) || isOffset(frame.end))
}

export const binaryStringKeys: RewriteRule = {
  name: 'mysql-binary-string-keys',
  reason: "GROUP BY and a window's PARTITION BY/ORDER BY use MySQL's case-insensitive, PAD SPACE collation ('ZULU' and 'zulu' one group); a string key gets its UTF-8 bytes as a further key, so groups and partitions split and rows order as in Trino. Window ORDER BY keys also get Trino's NULLS LAST (an `x IS NULL` key).",
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    let changed = false
    const distinct = distinctAsGroupBy(node, ctx)
    if (distinct !== undefined) changed = true
    const groupBy = (distinct?.group_by ?? data.group_by) as { expressions?: AstNode[] } | null | undefined
    let group = groupBy
    if (groupBy?.expressions !== undefined && groupBy.expressions.length > 0) {
      const extra: AstNode[] = []
      for (const item of groupBy.expressions) {
        const target = groupTarget(node, item)
        const copy = target === undefined || keyType(node, target) !== 'varchar' ? undefined : another(target, ctx)
        if (copy !== undefined) extra.push(binaryKey(ctx, copy))
      }
      if (extra.length > 0) { group = { ...groupBy, expressions: [...groupBy.expressions, ...extra] }; changed = true }
    }
    const windows = (window: AstNode): AstNode | undefined => {
      if (nodeType(window) !== 'window_function') return undefined
      const w = nodeData(window)
      const over = w.over as AstNode | undefined
      if (over === undefined || over === null) return undefined
      const partitions = (over.partition_by as AstNode[] | undefined) ?? []
      const partitionBy: AstNode[] = []
      for (const p of partitions) {
        partitionBy.push(p)
        const copy = keyType(node, p) === 'varchar' ? another(p, ctx) : undefined
        if (copy !== undefined) partitionBy.push(binaryKey(ctx, copy))
      }
      const items = (over.order_by as OrderItem[] | undefined) ?? []
      const orderBy: OrderItem[] = []
      if (!isRangeOffsetFrame(over)) {
        for (const item of items) {
          const nullsFirst = item.nulls_first ?? false
          const isNullOf = nullsFirst !== !item.desc && nodeType(item.this) !== 'literal' ? another(item.this, ctx) : undefined
          if (isNullOf !== undefined) orderBy.push({ this: isNullNode(isNullOf), desc: nullsFirst, nulls_first: null, explicit_asc: false })
          orderBy.push(keyType(node, item.this) === 'varchar' ? { ...item, this: binaryKey(ctx, item.this), nulls_first: null } : { ...item, nulls_first: null })
        }
      }
      const partitionChanged = partitionBy.length !== partitions.length
      const orderChanged = !isRangeOffsetFrame(over) && (orderBy.length !== items.length || orderBy.some((o, i) => o.this !== items[i]!.this))
      if (!partitionChanged && !orderChanged) return undefined
      changed = true
      return { window_function: { ...w, over: { ...over, partition_by: partitionBy, order_by: orderChanged ? orderBy : items } } }
    }
    const out: AstNode = {}
    for (const [k, v] of Object.entries(data)) out[k] = k === 'with' || k === 'from' || k === 'joins' ? v : transformScope(v, windows, false)
    if (!changed) return undefined
    return { select: { ...out, group_by: group ?? null, ...(distinct === undefined ? {} : { distinct: false }) } }
  },
}

/**
 * `SELECT DISTINCT a, b` over string columns as `GROUP BY a, b` (the same rows), so that the key
 * rule above can add the strings' bytes; only without GROUP BY, aggregates, windows or `*`.
 */
function distinctAsGroupBy (select: AstNode, ctx: RewriteContext): { group_by: { expressions: AstNode[] } } | undefined {
  const data = nodeData(select)
  const expressions = (data.expressions as AstNode[] | undefined) ?? []
  if (data.distinct !== true || (data.distinct_on !== null && data.distinct_on !== undefined) || (data.group_by !== null && data.group_by !== undefined)) return undefined
  if (expressions.length === 0 || hasAggregate(expressions) || !isEmptyClause(data.having)) return undefined
  const values = expressions.map((e) => nodeType(e) === 'alias' ? child(e, 'this') : e)
  if (values.some((v) => v === undefined || nodeType(v) === 'star' || (nodeType(v) === 'column' && (nodeData(v).name as { name?: unknown } | undefined)?.name === '*'))) return undefined
  if (!values.some((v) => keyType(select, v!) === 'varchar')) return undefined
  const keys = values.map((v) => another(v!, ctx))
  if (keys.some((k) => k === undefined)) return undefined
  return { group_by: { expressions: keys as AstNode[], all: null, totals: false } as { expressions: AstNode[] } }
}

function isEmptyClause (value: unknown): boolean {
  return value === null || value === undefined
}

const ARRAY_NODES = ['array_func', 'cardinality', 'contains', 'element_at', 'array_position', 'array_distinct', 'unnest', 'array_agg', 'explode']
const ARRAY_FUNCTIONS = ['array_join', 'array_sort', 'array_max', 'array_min', 'transform', 'filter', 'reduce', 'sequence', 'slice', 'array_distinct',
  'array_union', 'array_intersect', 'array_except', 'arrays_overlap', 'zip', 'flatten', 'array_remove', 'repeat', 'map', 'map_agg', 'array_agg']

/** `split(s, d)` with a non-empty literal delimiter and no limit: [s, d], else undefined. */
function splitCall (node: AstNode | undefined): AstNode[] | undefined {
  const call = node === undefined ? undefined : asCall(node)
  if (call?.name !== 'split' || call.args.length !== 2 || (stringValue(call.args[1]) ?? '') === '') return undefined
  return [...call.args]
}

/** Parts of `s` split at `d`, from the bytes REPLACE removes (each occurrence removes LENGTH(d) bytes). */
const PARTS = 'CAST((LENGTH(__0) - LENGTH(REPLACE(__0, __1, \'\'))) / LENGTH(__1) AS SIGNED) + 1'

export const splitElements: RewriteRule = {
  name: 'mysql-split-elements',
  reason: "MySQL has no arrays, but split(s, d)[i], element_at(split(s, d), i) and cardinality(split(s, d)) over a literal delimiter are SUBSTRING_INDEX and a count of d in s. element_at past the end is NULL; a subscript past the end fails, as Trino's does (MariaDB reports 'Subquery returns more than 1 row'). Any other use of split() is refused.",
  nodes: ['subscript', 'element_at', 'cardinality', 'select'],
  functions: ['split'],
  passesOn: true,
  rewrite (node, ctx) {
    const type = nodeType(node)
    if (type === 'select') {
      walkScope(node, (n) => { if (asCall(n)?.name === 'split') ctx.fail('split() returns an array, which MySQL-wire engines lack; only split(s, d)[i], element_at(split(s, d), i) and cardinality(split(s, d)) with a literal delimiter are translated', n) })
      return undefined
    }
    if (type === 'function') return undefined
    const parts = splitCall(child(node, 'this'))
    if (parts === undefined) return undefined
    if (type === 'cardinality') return withKnownType(ctx.target(PARTS, parts), 'integer')
    const index = child(node, type === 'subscript' ? 'index' : 'expression')
    const i = index === undefined ? undefined : nodeData(index).value
    if (nodeType(index) !== 'literal' || typeof i !== 'string' || !/^[1-9]\d*$/.test(i)) return ctx.fail('an element of split() is translated to MySQL only at a positive literal index', node)
    const past = type === 'subscript' ? '(SELECT 1 UNION ALL SELECT 2)' : 'NULL'
    return withKnownType(ctx.target(`CASE WHEN ${i} > ${PARTS} THEN ${past} ELSE SUBSTRING_INDEX(SUBSTRING_INDEX(__0, __1, ${i}), __1, -1) END`, parts), 'varchar')
  },
}

export const noArrays: RewriteRule = {
  name: 'mysql-no-arrays',
  reason: 'MySQL-wire engines have no array type: array functions, ARRAY literals and UNNEST are refused rather than sent to fail or to act on strings.',
  nodes: ARRAY_NODES,
  functions: ARRAY_FUNCTIONS,
  rewrite (node, ctx) {
    return ctx.fail('arrays (ARRAY[…], UNNEST, array functions) have no MySQL-wire equivalent', node)
  },
}


/**
 * `(VALUES (1, 'a'), …) AS t (x, y)`: MariaDB has VALUES but no column list on its alias. The
 * rows become SELECT … UNION ALL SELECT …, the first naming the columns.
 */
/** Column types of the VALUES tables valuesWithColumnNames rewrote, by the subquery node it returned. */
const valuesColumnTypes = new WeakMap<AstNode, ReadonlyMap<string, KnownType>>()

export const valuesWithColumnNames: RewriteRule = {
  name: 'mysql-values-column-names',
  reason: 'MySQL/MariaDB accept VALUES as a table but not a column list on its alias (AS t (x, y)); SELECT … AS x UNION ALL SELECT … names the columns.',
  nodes: ['subquery'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const inner = data.this as AstNode | undefined
    const names = (data.column_aliases as Array<{ name?: unknown }> | undefined)?.map((a) => a.name)
    if (inner === undefined || nodeType(inner) !== 'values' || names === undefined || names.length === 0) return undefined
    if (names.some((n) => typeof n !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) return undefined
    const rows = (nodeData(inner).expressions as Array<AstNode> | undefined) ?? []
    const args: AstNode[] = []
    const cellsOf = (row: AstNode): AstNode[] => nodeType(row) === 'tuple' ? nodeData(row).expressions as AstNode[] : (row as { expressions?: AstNode[] }).expressions ?? [row]
    const selects = rows.map((row, r) => {
      const cells = cellsOf(row)
      return 'SELECT ' + cells.map((cell, c) => {
        args.push(cell)
        return r === 0 ? `__${args.length - 1} AS \`${names[c] as string}\`` : `__${args.length - 1}`
      }).join(', ')
    })
    if (selects.length === 0) return undefined
    const out = { subquery: { ...data, this: ctx.target(`(${selects.join(' UNION ALL ')})`, args), column_aliases: [] } }
    // The outer SELECT can no longer see the rows: keep each column's type when every row agrees on it.
    const types = new Map<string, KnownType>()
    names.forEach((name, c) => {
      const seen = new Set(rows.map((row) => knownType(cellsOf(row)[c])))
      const only = seen.size === 1 ? [...seen][0] : undefined
      if (only !== undefined) types.set(String(name).toLowerCase(), only)
    })
    valuesColumnTypes.set(out, types)
    return out
  },
}

function windowOf (call: AstNode, over: AstNode, data: AstNode): AstNode {
  return { window_function: { ...data, this: call, over } }
}

export const lagLeadDefault: RewriteRule = {
  name: 'mysql-lag-lead-default',
  reason: "MariaDB's LAG/LEAD take no default value (a syntax error). The default applies exactly where the row has fewer than n rows before (LAG) or after (LEAD) it in its partition, which ROW_NUMBER() and COUNT(*) over the same window tell; a NULL value inside the range stays NULL, as in Trino.",
  nodes: ['window_function'],
  words: ['lag', 'lead'],
  rewrite (node) {
    const data = nodeData(node)
    const inner = data.this as AstNode | undefined
    const kind = nodeType(inner)
    if (inner === undefined || (kind !== 'lag' && kind !== 'lead')) return undefined
    const call = nodeData(inner)
    const offset = call.offset as AstNode | null | undefined
    const fallback = call.default as AstNode | null | undefined
    if (fallback === null || fallback === undefined) return undefined
    const amount = offset === null || offset === undefined ? '1' : nodeData(offset).value
    if (typeof amount !== 'string' || !/^\d+$/.test(amount) || nodeType(offset ?? { literal: { literal_type: 'number', value: '1' } }) !== 'literal') return undefined
    const over = data.over as AstNode
    if (hasPositionalParameter(over)) return undefined
    const n: AstNode = { literal: { literal_type: 'number', value: amount } }
    const position = windowOf(functionNode('row_number', []), over, data)
    const partitionOnly = { ...over, order_by: [], frame: null }
    // Rows after this one: COUNT(*) over the whole partition minus this row's number.
    const edge: AstNode = kind === 'lag'
      ? { lte: { left: position, right: n } }
      : { lt: { left: { sub: { left: windowOf(functionNode('count', [{ literal: { literal_type: 'number', value: '1' } }]), partitionOnly, data), right: position } }, right: n } }
    const plain = windowOf({ [kind]: { ...call, default: null } }, over, data)
    return { case: { operand: null, whens: [[edge, fallback]], else_: plain } }
  },
}

export const queryRules: readonly RewriteRule[] = [splitElements, binaryStringKeys, nullOrdering, noArrays, valuesWithColumnNames, lagLeadDefault]
