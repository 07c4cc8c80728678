/** Trino → MySQL-wire: FULL OUTER JOIN, LATERAL and grouping sets (ROLLUP, CUBE, GROUPING()), which MariaDB lacks. */
import { columnName, nodeData, nodeType, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { hasPlaceholder } from '../trino-common/rule-kit.ts'
import { AGGREGATE_NODES, binaryStringKeys, hasAggregate, nullOrdering } from './queries.ts'

interface Join { this: AstNode, on: AstNode | null, using: unknown[], kind: string }

function isEmpty (value: unknown): boolean {
  return value === null || value === undefined || value === false || (Array.isArray(value) && value.length === 0)
}

const EMPTY_SELECT = {
  lateral_views: [], group_by: null, having: null, qualify: null, order_by: null, distribute_by: null, cluster_by: null, sort_by: null,
  limit: null, offset: null, fetch: null, distinct: false, distinct_on: null, top: null, with: null, sample: null, windows: null,
  hint: null, connect: null, into: null, locks: [],
}

/**
 * `SELECT … FROM l FULL JOIN r ON c …` → `SELECT … FROM l LEFT JOIN r ON c … UNION ALL
 * SELECT … FROM l RIGHT JOIN r ON c … AND NOT EXISTS (SELECT 1 FROM l WHERE c)`: the left join
 * gives every matched and unmatched-left row, the right half only the right rows no left row
 * matches. ORDER BY and LIMIT move to the union. polyglot emulates FULL JOIN the same way but
 * repeats the ORDER BY (a syntax error) and splits aggregates per half (a wrong answer).
 */
export const fullOuterJoin: RewriteRule = {
  name: 'mysql-full-outer-join',
  reason: "MySQL has no FULL OUTER JOIN: a plain SELECT becomes LEFT JOIN UNION ALL the right rows no left row matches (NOT EXISTS), ORDER BY/LIMIT on the union; with GROUP BY, aggregates, DISTINCT or several FULL JOINs it is refused (polyglot's own emulation orders twice and aggregates each half apart).",
  nodes: ['select'],
  words: ['full'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const joins = (data.joins as Join[] | undefined) ?? []
    const full = joins.findIndex((j) => j.kind === 'Full')
    if (full < 0) return undefined
    const refuse = (why: string): never => ctx.fail(`FULL OUTER JOIN ${why}: MySQL has none, and only a plain SELECT with one FULL JOIN (the last join, with ON) is rewritten`, node)
    if (joins.some((j, i) => i !== full && j.kind === 'Full')) refuse('appears more than once')
    if (full !== joins.length - 1) refuse('is followed by other joins')
    const join = joins[full]!
    if (join.on === null || !isEmpty(join.using)) refuse('has no ON condition')
    if (!isEmpty(data.group_by) || !isEmpty(data.having) || !isEmpty(data.qualify) || data.distinct === true || !isEmpty(data.distinct_on) ||
      !isEmpty(data.windows) || !isEmpty(data.fetch) || hasAggregate(data.expressions) || hasAggregate(data.order_by)) {
      refuse('is in a query with GROUP BY, aggregates, window functions or DISTINCT')
    }
    const left = { select: { ...data, joins: [...joins.slice(0, full), { ...join, kind: 'Left' }], order_by: null, limit: null, offset: null, with: null } }
    // The right half and the NOT EXISTS repeat parts of the statement: rewritten expressions in them are registered again.
    const leftRows = ctx.duplicate({ select: { ...EMPTY_SELECT, expressions: [{ literal: { literal_type: 'number', value: '1' } }], from: data.from, joins: joins.slice(0, full), where_clause: { this: join.on } } })
    const unmatched: AstNode = { not: { this: { exists: { this: leftRows, not: false } } } }
    const where = data.where_clause as { this?: AstNode } | null | undefined
    const rightWhere = where?.this === undefined ? unmatched : { and: { left: { paren: { this: ctx.duplicate(where.this) } }, right: unmatched, left_comments: [], operator_comments: [] } }
    const rightHalf = ctx.duplicate({ select: { ...data, where_clause: null, joins: [...joins.slice(0, full), { ...join, kind: 'Right' }], order_by: null, limit: null, offset: null, with: null } })
    const right = { select: { ...nodeData(rightHalf), where_clause: { this: rightWhere } } }
    const limit = data.limit as { this?: AstNode } | null | undefined
    const offset = data.offset as { this?: AstNode } | null | undefined
    const union: AstNode = {
      union: {
        left, right, all: true, distinct: false, with: data.with ?? null, order_by: unionOrderBy(data, refuse),
        limit: limit?.this ?? null, offset: offset?.this ?? null, by_name: false, corresponding: false, strict: false,
      },
    }
    // One rule per node: the union's ORDER BY still needs Trino's NULL and string order.
    return nullOrdering.rewrite(union, ctx) ?? union
  },
}

function qualifiedName (node: unknown): { table: string, name: string } | undefined {
  if (nodeType(node) !== 'column') return undefined
  const data = nodeData(node as AstNode)
  const table = (data.table as { name?: unknown } | null | undefined)?.name
  const name = (data.name as { name?: unknown } | undefined)?.name
  return typeof table === 'string' && typeof name === 'string' ? { table, name } : undefined
}

/**
 * The ORDER BY of the union: a UNION sorts by its output columns only, so `ORDER BY r.k` names the
 * select-list column it is (`r.k` or `r.k AS x`); a qualified column not selected is refused.
 */
function unionOrderBy (data: AstNode, refuse: (why: string) => never): unknown {
  const orderBy = data.order_by as { expressions?: Array<{ this: AstNode }> } | null | undefined
  if (orderBy?.expressions === undefined) return orderBy ?? null
  const expressions = (data.expressions as AstNode[] | undefined) ?? []
  return {
    ...orderBy,
    expressions: orderBy.expressions.map((item) => {
      const wanted = qualifiedName(item.this)
      if (wanted === undefined) return item
      const same = (e: AstNode): boolean => {
        const got = qualifiedName(nodeType(e) === 'alias' ? nodeData(e).this : e)
        return got !== undefined && got.table.toLowerCase() === wanted.table.toLowerCase() && got.name.toLowerCase() === wanted.name.toLowerCase()
      }
      const match = expressions.find(same)
      if (match === undefined) return refuse(`is sorted by ${wanted.table}.${wanted.name}, which is not in the select list (a UNION sorts by its output columns)`)
      const output = nodeType(match) === 'alias' ? String((nodeData(match).alias as { name?: unknown }).name) : wanted.name
      return { ...item, this: { column: { name: { name: output, quoted: true }, table: null, join_mark: false } } }
    }),
  }
}

/** The columns a lateral subquery's select list names, with the expression of each. */
function lateralColumns (query: AstNode): Map<string, AstNode> | undefined {
  const expressions = nodeData(query).expressions as AstNode[] | undefined
  const out = new Map<string, AstNode>()
  for (const expression of expressions ?? []) {
    if (nodeType(expression) !== 'alias') return undefined
    const alias = nodeData(expression).alias as { name?: unknown } | undefined
    if (typeof alias?.name !== 'string') return undefined
    out.set(alias.name.toLowerCase(), expression)
  }
  return out
}

/**
 * `CROSS JOIN LATERAL (SELECT agg(…) AS c … WHERE <correlated>) t` returns exactly one row per
 * outer row when its query aggregates without GROUP BY: each `t.c` becomes the scalar subquery
 * `(SELECT agg(…) … WHERE <correlated>)`, which MariaDB runs as a correlated subquery.
 */
export const lateralAggregate: RewriteRule = {
  name: 'mysql-lateral-aggregate',
  reason: 'MariaDB has no LATERAL. A CROSS JOIN LATERAL subquery that aggregates without GROUP BY (one row per outer row) becomes one correlated scalar subquery per column used; any other LATERAL is refused.',
  nodes: ['select'],
  words: ['lateral'],
  // The SELECT's ORDER BY and keys are done by the rules after this one.
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const joins = (data.joins as Join[] | undefined) ?? []
    const index = joins.findIndex((j) => nodeType(j.this) === 'subquery' && nodeData(j.this).lateral === true)
    const fromLateral = (data.from as { expressions?: AstNode[] } | null | undefined)?.expressions
      ?.some((f) => nodeType(f) === 'subquery' && nodeData(f).lateral === true)
    if (index < 0) return fromLateral === true ? ctx.fail('LATERAL has no MySQL equivalent (MariaDB has no LATERAL)', node) : undefined
    const join = joins[index]!
    const sub = nodeData(join.this)
    const query = sub.this as AstNode
    const alias = (sub.alias as { name?: unknown } | null | undefined)?.name
    const q = nodeData(query)
    const columns = nodeType(query) === 'select' ? lateralColumns(query) : undefined
    if (join.kind !== 'Cross' || typeof alias !== 'string' || columns === undefined || !isEmpty(sub.column_aliases) ||
      !isEmpty(q.group_by) || !isEmpty(q.having) || !isEmpty(q.limit) || !isEmpty(q.offset) || !isEmpty(q.fetch) || !hasAggregate(q.expressions) ||
      joins.some((j, i) => i !== index && nodeType(j.this) === 'subquery' && nodeData(j.this).lateral === true)) {
      return ctx.fail('LATERAL has no MySQL equivalent (MariaDB has no LATERAL); only CROSS JOIN LATERAL of a subquery that aggregates without GROUP BY, its columns aliased, is rewritten (as correlated scalar subqueries)', node)
    }
    // The subquery itself goes away: its rewritten expressions come back only in the copies made below.
    transformBottomUp(query, (n) => {
      if (nodeType(n) === 'function' && /^qf_rewrite_\d+$/.test(String(nodeData(n).name))) ctx.retract(n)
      return undefined
    })
    const scalar = (name: string): AstNode | undefined => {
      const expression = columns.get(name.toLowerCase())
      if (expression === undefined) return undefined
      const body = { select: { ...q, expressions: [expression] } }
      return { subquery: { this: ctx.duplicate(body), alias: null, column_aliases: [], alias_explicit_as: false, order_by: null, limit: null, offset: null, lateral: false, modifiers_inside: false } }
    }
    // A select-list `t.c` keeps its output name c.
    const named = (data.expressions as AstNode[]).map((e) => {
      const name = (nodeData(e).name as { name?: unknown } | undefined)?.name
      const table = (nodeData(e).table as { name?: unknown } | null | undefined)?.name
      const isOurs = nodeType(e) === 'column' && typeof name === 'string' && columns.has(name.toLowerCase()) && (table === undefined || (typeof table === 'string' && table.toLowerCase() === alias.toLowerCase()))
      return isOurs ? { alias: { this: e, alias: { name, quoted: true }, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [] } } : e
    })
    // ORDER BY t.c of a selected t.c sorts by the output column c, not a second copy of the subquery.
    const selected = new Set(named.filter((e, i) => e !== (data.expressions as AstNode[])[i]).map((e) => String((nodeData(e).alias as { name: string }).name).toLowerCase()))
    const orderBy = data.order_by as { expressions?: Array<{ this: AstNode }> } | null | undefined
    const ordered = orderBy?.expressions === undefined ? orderBy : {
      ...orderBy,
      expressions: orderBy.expressions.map((item) => {
        const column = nodeData(item.this)
        const name = (column.name as { name?: unknown } | undefined)?.name
        const table = (column.table as { name?: unknown } | null | undefined)?.name
        const isSelected = nodeType(item.this) === 'column' && typeof name === 'string' && typeof table === 'string' && table.toLowerCase() === alias.toLowerCase() && selected.has(name.toLowerCase())
        const replace = (value: unknown): AstNode => transformBottomUp(value, (n) => replaceColumn(n, alias, scalar, ctx)) as AstNode
        return isSelected ? { ...item, this: { column: { name: { name, quoted: true }, table: null, join_mark: false } } } : replace(item)
      }),
    }
    const rest = { ...data, expressions: named, order_by: null, joins: joins.filter((_, i) => i !== index) }
    const replaced = { ...transformBottomUp(rest, (n) => replaceColumn(n, alias, scalar, ctx)) as AstNode, order_by: ordered ?? null }
    return { select: replaced }
  },
}

function replaceColumn (node: AstNode, alias: string, scalar: (name: string) => AstNode | undefined, ctx: RewriteContext): AstNode | undefined {
  if (nodeType(node) !== 'column') return undefined
  const data = nodeData(node)
  const table = (data.table as { name?: unknown } | null | undefined)?.name
  const name = (data.name as { name?: unknown } | undefined)?.name
  if (typeof name !== 'string') return undefined
  if (typeof table === 'string') {
    if (table.toLowerCase() !== alias.toLowerCase()) return undefined
    return scalar(name) ?? ctx.fail(`column ${alias}.${name} is not a named column of the LATERAL subquery`, node)
  }
  return columnName(node) === undefined ? undefined : scalar(name)
}

/** An expression's shape without positions or types, for finding a grouping key again. */
function shape (value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => key === 'span' || key === 'inferred_type' || key === 'trailing_comments' || key === 'leading_comments' ? undefined : v)
}

/** True when `a` and `b` are the same key: the same expression, or columns of one name where one side is unqualified. */
function sameKey (a: AstNode, b: AstNode): boolean {
  if (nodeType(a) === 'column' && nodeType(b) === 'column') {
    const [x, y] = [nodeData(a), nodeData(b)]
    const name = (d: AstNode): string => String((d.name as { name?: unknown } | undefined)?.name).toLowerCase()
    const table = (d: AstNode): string | undefined => { const t = (d.table as { name?: unknown } | null | undefined)?.name; return typeof t === 'string' ? t.toLowerCase() : undefined }
    return name(x) === name(y) && (table(x) === undefined || table(y) === undefined || table(x) === table(y))
  }
  return shape(a) === shape(b)
}

const GROUPING_FUNCTIONS = new Set(['rollup', 'cube', 'grouping sets'])
const MAX_GROUPING_SETS = 64

/** The grouping sets of a GROUP BY list (each a list of key expressions), or undefined when it has no ROLLUP/CUBE/GROUPING SETS. */
function groupingSetsOf (items: readonly AstNode[]): AstNode[][] | undefined {
  if (!items.some((i) => GROUPING_FUNCTIONS.has(asCall(i)?.name ?? ''))) return undefined
  let sets: AstNode[][] = [[]]
  for (const item of items) {
    const call = asCall(item)
    const args = call?.args ?? []
    let options: AstNode[][]
    if (call?.name === 'rollup') options = args.map((_, i) => args.slice(0, args.length - i)).concat([[]])
    else if (call?.name === 'cube') options = Array.from({ length: 2 ** args.length }, (_, m) => args.filter((_, i) => ((m >> (args.length - 1 - i)) & 1) === 0))
    else if (call?.name === 'grouping sets') options = args.map((a) => nodeType(a) === 'tuple' ? [...(nodeData(a).expressions as AstNode[])] : [a])
    else options = [[item]]
    sets = sets.flatMap((set) => options.map((o) => [...set, ...o]))
    if (sets.length > MAX_GROUPING_SETS) return [[], ...sets]
  }
  return sets
}

/**
 * `value` for the branch grouping by `set`: outside aggregates, a key not in the set is NULL and
 * GROUPING(…) is its constant (bit 1 per argument not grouped, first argument highest).
 */
function forSet (value: unknown, keys: readonly AstNode[], set: readonly AstNode[]): unknown {
  if (Array.isArray(value)) return value.map((v) => forSet(v, keys, set))
  if (typeof value !== 'object' || value === null) return value
  const type = nodeType(value)
  if (type !== undefined && AGGREGATE_NODES.has(type)) return value
  if (type === 'subquery' || type === 'exists' || type === 'select') return value
  const node = value as AstNode
  const call = type === undefined ? undefined : asCall(node)
  if (call?.name === 'grouping') {
    const bits = call.args.reduce((n, arg) => n * 2 + (set.some((k) => sameKey(k, arg)) ? 0 : 1), 0)
    return { literal: { literal_type: 'number', value: String(bits) } }
  }
  if (type !== undefined && keys.some((k) => sameKey(k, node)) && !set.some((k) => sameKey(k, node))) return { null: {} }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'span' || k === 'inferred_type' ? v : forSet(v, keys, set)]))
}

/**
 * GROUP BY ROLLUP / CUBE / GROUPING SETS as a UNION ALL of one GROUP BY per grouping set: keys
 * outside the set are NULL and GROUPING(…) a constant in each branch, as Trino computes them.
 * ORDER BY and LIMIT go to the union, by output column.
 */
export const groupingSets: RewriteRule = {
  name: 'mysql-grouping-sets',
  reason: "MySQL has no GROUPING SETS, CUBE or GROUPING(), and MariaDB's WITH ROLLUP cannot be ordered: each grouping set becomes its own GROUP BY in a UNION ALL, keys outside the set NULL and GROUPING(…) a constant, as Trino defines them; ORDER BY/LIMIT apply to the union by output column.",
  nodes: ['select'],
  functions: ['grouping', 'rollup', 'cube', 'grouping sets'],
  rewrite (node, ctx) {
    if (nodeType(node) !== 'select') return undefined
    const data = nodeData(node)
    const items = (data.group_by as { expressions?: AstNode[] } | null | undefined)?.expressions ?? []
    const sets = groupingSetsOf(items)
    if (sets === undefined) return undefined
    const refuse = (why: string): never => ctx.fail(`GROUP BY with grouping sets ${why}`, node)
    if (sets.length > MAX_GROUPING_SETS) refuse(`makes more than ${MAX_GROUPING_SETS} sets`)
    if (!hasAggregate(data.expressions) && !hasPlaceholder(data.expressions) && sets.some((s) => s.length === 0)) refuse('with an empty set () and no aggregate in the select list is not translated to MySQL')
    if (data.distinct === true || !isEmpty(data.qualify) || !isEmpty(data.windows) || (data.expressions as AstNode[]).some((e) => nodeType(e) === 'star')) refuse('and DISTINCT, QUALIFY, windows or * is not translated to MySQL')
    const keys = sets.flat()
    // Every branch is a copy: the original's rewritten expressions come back only through them.
    for (const [k, v] of Object.entries(data)) {
      if (k === 'with') continue
      transformBottomUp(v, (n) => {
        if (nodeType(n) === 'function' && /^qf_rewrite_\d+$/.test(String(nodeData(n).name))) ctx.retract(n)
        return undefined
      })
    }
    const branches = sets.map((set) => {
      const body = {
        select: {
          ...data,
          // A key column outside the set is `NULL AS name`: the union's columns are named by its first branch.
          expressions: (data.expressions as AstNode[]).map((e) => {
            const out = forSet(e, keys, set) as AstNode
            const name = nodeType(e) === 'column' && nodeType(out) !== 'column' ? (nodeData(e).name as { name?: unknown } | undefined)?.name : undefined
            return typeof name === 'string' ? { alias: { this: out, alias: { name, quoted: true }, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [] } } : out
          }),
          having: forSet(data.having, keys, set) ?? null,
          group_by: set.length === 0 ? null : { expressions: set, all: null, totals: false },
          // The set () is one row; without GROUP BY the rows are identical (every key NULL), and DISTINCT keeps one.
          distinct: set.length === 0,
          order_by: null, limit: null, offset: null, with: null,
        },
      }
      const copy = ctx.duplicate(body)
      return binaryStringKeys.rewrite(copy, ctx) ?? copy
    })
    const limit = data.limit as { this?: AstNode } | null | undefined
    const offset = data.offset as { this?: AstNode } | null | undefined
    const tail = { all: true, distinct: false, with: null, order_by: null, limit: null, offset: null, by_name: false, corresponding: false, strict: false }
    const body = branches.slice(1).reduce<AstNode>((left, right) => ({ union: { ...tail, left, right } }), branches[0]!)
    const union: AstNode = {
      union: {
        ...(nodeType(body) === 'union' ? nodeData(body) : { ...tail, left: body, right: body }),
        with: data.with ?? null, order_by: setOrderBy(data, refuse), limit: limit?.this ?? null, offset: offset?.this ?? null,
      },
    }
    if (nodeType(body) !== 'union') return nullOrdering.rewrite({ select: { ...nodeData(body), with: data.with ?? null, order_by: data.order_by, limit: data.limit, offset: data.offset } }, ctx) ?? body
    return nullOrdering.rewrite(union, ctx) ?? union
  },
}

/** The union's ORDER BY: output names as they are; other items by the output column they equal. */
function setOrderBy (data: AstNode, refuse: (why: string) => never): unknown {
  const orderBy = data.order_by as { expressions?: Array<{ this: AstNode }> } | null | undefined
  if (orderBy?.expressions === undefined) return orderBy ?? null
  const expressions = (data.expressions as AstNode[] | undefined) ?? []
  const outputName = (e: AstNode): string | undefined => nodeType(e) === 'alias'
    ? String((nodeData(e).alias as { name?: unknown }).name)
    : nodeType(e) === 'column' ? String((nodeData(e).name as { name?: unknown }).name) : undefined
  return {
    ...orderBy,
    expressions: orderBy.expressions.map((item) => {
      if (nodeType(item.this) === 'literal' || (nodeType(item.this) === 'column' && qualifiedName(item.this) === undefined)) return item
      const match = expressions.find((e) => sameKey(nodeType(e) === 'alias' ? nodeData(e).this as AstNode : e, item.this))
      const name = match === undefined ? undefined : outputName(match)
      if (name === undefined) return refuse('is sorted by an expression that is not a named output column (the grouping sets become a UNION, which sorts by its output columns)')
      return { ...item, this: { column: { name: { name, quoted: true }, table: null, join_mark: false } } }
    }),
  }
}

export const joinRules: readonly RewriteRule[] = [groupingSets, fullOuterJoin, lateralAggregate]
