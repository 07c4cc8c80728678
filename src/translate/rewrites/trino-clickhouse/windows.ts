/**
 * Trino → ClickHouse 18.16: window functions, which 18.16 does not have (they came in 21.x),
 * emulated with the pre-window ClickHouse technique. The SELECT becomes three levels:
 *
 *   qf_w1  the original FROM / WHERE / GROUP BY / HAVING, its SELECT list replaced by the
 *          window-free parts it needs (select items' operands, the window's keys and arguments)
 *          as qf_c<n> columns: windows are computed after grouping, on these rows;
 *   qf_w   per partition (GROUP BY the partition keys; 18.16 groups NULL keys together, as a
 *          window partition does), groupArray of the rows' tuples sorted by the order key with
 *          arraySort, each window function an array over that sorted array (arrayEnumerate,
 *          arrayEnumerateUniq for peers, arrayEnumerateDense, arrayReduce over a frame's
 *          arraySlice), zipped and expanded back to one row each with arrayJoin;
 *   outer  the original select items reading those columns, with ORDER BY, DISTINCT and LIMIT.
 *
 * Peers (rows equal on the order key) are found with arrayEnumerateUniq on the sorted keys,
 * which are contiguous, so rank, RANGE frames (the default frame: a running sum gives peers the
 * same value) and cume_dist are Trino's. The sort key is (isNull, value) per key, NULLs last
 * unless NULLS FIRST (Trino's default is NULLS LAST); DESC negates the value (numbers, and dates
 * as day numbers): a text key in DESC order is refused (18.16 raises an error for negating any
 * other type, never a different order).
 *
 * Refused with the reason: windows of different PARTITION BY / ORDER BY in one SELECT, RANGE
 * frames with offsets, GROUPS frames, EXCLUDE, IGNORE NULLS, a window outside the SELECT list,
 * aggregates other than count/sum/avg/min/max (or with DISTINCT / FILTER) over a window, avg of
 * a decimal (Trino rounds it to the decimal's scale), and non-literal offsets and bucket counts.
 *
 * Memory: a partition is held in memory as one array (groupArray), and a frame that moves with
 * the row (ROWS n PRECEDING, a running sum) is reduced per row, quadratic in the partition size.
 */
import { nodeData, nodeType, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { aggregateModifiers, knownType, operands } from '../trino-common/rule-kit.ts'
import { contains, identifier, sameExpression, selectNode, subqueryNode } from './select-nodes.ts'
import { isSafeToCollect } from './decimal128-guard.ts'

/** What an aggregate rule's placeholder stood for (it hides the aggregate's name), for aggregates used over a window. */
const aggregateKinds = new WeakMap<object, { readonly name: string, readonly args: readonly AstNode[], readonly plain: boolean }>()

/** An aggregate rule whose placeholders record the aggregate they replace. */
export function rememberingAggregates (rule: RewriteRule): RewriteRule {
  return {
    ...rule,
    rewrite: (node, ctx) => {
      const out = rule.rewrite(node, ctx)
      if (out !== undefined && typeof out === 'object') {
        const name = (asCall(node)?.name ?? nodeType(node) ?? '').toLowerCase()
        const { filter, distinct, orderBy } = aggregateModifiers(node)
        const star = nodeData(node).star === true
        aggregateKinds.set(out, { name, args: star ? [] : operands(node), plain: filter === undefined && !distinct && !orderBy })
      }
      return out
    },
  }
}

const WINDOW = new Set(['window_function'])

interface Spec { readonly partition: AstNode[], readonly order: Array<{ this: AstNode, desc?: unknown, nulls_first?: unknown }> }

function columnRef (name: string): AstNode {
  return { column: { name: identifier(name), table: null, join_mark: false, trailing_comments: [] } }
}

function aliased (expression: AstNode, name: AstNode): AstNode {
  return { alias: { this: expression, alias: name, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } }
}

function isLiteral (node: AstNode): boolean {
  const type = nodeType(node)
  return type === 'literal' || type === 'null' || type === 'boolean' || (type === 'neg' && isLiteral(nodeData(node).this as AstNode))
}

function positiveInteger (node: unknown): number | undefined {
  if (nodeType(node) !== 'literal') return undefined
  const data = nodeData(node as AstNode)
  return data.literal_type === 'number' && typeof data.value === 'string' && /^\d+$/.test(data.value) ? Number(data.value) : undefined
}

/** The window's PARTITION BY / ORDER BY / frame, a named window (WINDOW w AS (…)) resolved. */
function specOf (over: AstNode, windows: ReadonlyArray<{ name?: { name?: unknown }, spec?: AstNode }>, ctx: RewriteContext, at: AstNode): { spec: Spec, frame: AstNode | null } {
  let partition = (over.partition_by as AstNode[] | undefined) ?? []
  let order = (over.order_by as Spec['order'] | undefined) ?? []
  let frame = (over.frame as AstNode | null | undefined) ?? null
  const name = (over.window_name as { name?: unknown } | null | undefined)?.name
  if (typeof name === 'string') {
    const named = windows.find((w) => typeof w.name?.name === 'string' && w.name.name.toLowerCase() === name.toLowerCase())?.spec
    if (named === undefined) return ctx.fail(`window ${name} is not defined in this SELECT`, at)
    if ((named.window_name ?? null) !== null) return ctx.fail('a named window based on another one is not translated to ClickHouse 18.16', at)
    if (partition.length === 0) partition = (named.partition_by as AstNode[] | undefined) ?? []
    if (order.length === 0) order = (named.order_by as Spec['order'] | undefined) ?? []
    if (frame === null) frame = (named.frame as AstNode | null | undefined) ?? null
  }
  return { spec: { partition, order }, frame }
}

/** The frame of one row as 1-based positions lo..hi in the sorted partition (i: the row, f/l: its first/last peer, n: rows). */
function frameBounds (frame: AstNode | null, ordered: boolean, ctx: RewriteContext, at: AstNode): { lo: string, hi: string } {
  if (frame === null) return ordered ? { lo: '1', hi: 'l' } : { lo: '1', hi: 'n' }
  const kind = frame.kind
  if (kind !== 'Rows' && kind !== 'Range') return ctx.fail('ClickHouse 18.16 has no window functions, and a GROUPS frame is not emulated', at)
  if ((frame.exclude ?? null) !== null) return ctx.fail('ClickHouse 18.16 has no window functions, and a frame with EXCLUDE is not emulated', at)
  const bound = (value: unknown, side: 'start' | 'end'): string => {
    if (value === 'UnboundedPreceding') return '1'
    if (value === 'UnboundedFollowing') return 'n'
    if (value === 'CurrentRow') return kind === 'Rows' ? 'i' : side === 'start' ? 'f' : 'l'
    const offset = typeof value === 'object' && value !== null ? (value as AstNode) : undefined
    const preceding = offset?.Preceding
    const following = offset?.Following
    const amount = positiveInteger(preceding ?? following)
    if (kind !== 'Rows') return ctx.fail('ClickHouse 18.16 has no window functions, and a RANGE frame with an offset is not emulated', at)
    if (amount === undefined) return ctx.fail('ClickHouse 18.16 has no window functions, and a ROWS frame is emulated only with literal offsets', at)
    return preceding !== undefined ? `(i - ${amount})` : `(i + ${amount})`
  }
  const lo = bound(frame.start, 'start')
  const hi = frame.end === null || frame.end === undefined ? (kind === 'Rows' ? 'i' : 'l') : bound(frame.end, 'end')
  return { lo, hi }
}

/**
 * The SQL arrays the emulation is built from, over the sorted partition S (an array of row
 * tuples: the sort key first, then the qf_w1 columns).
 */
class Partition {
  readonly s: string
  constructor (sorted: string) { this.s = sorted }
  get n (): string { return `length(${this.s})` }
  get e (): string { return `arrayEnumerate(${this.s})` }
  get k (): string { return `arrayMap(x -> tupleElement(x, 1), ${this.s})` }
  /** First peer of each row (its rank). */
  get f (): string { return `arrayMap((i, u) -> i - u + 1, ${this.e}, arrayEnumerateUniq(${this.k}))` }
  /** Last peer of each row. */
  get l (): string { return `arrayMap((i, u) -> i + u - 1, ${this.e}, arrayReverse(arrayEnumerateUniq(arrayReverse(${this.k}))))` }
  values (position: number): string { return `arrayMap(x -> tupleElement(x, ${position}), ${this.s})` }
  /** An array with `body` computed per row, where body reads i, f, l, n (and `extra` names bound to more arrays). */
  perRow (body: string, values?: string, extra: ReadonlyArray<readonly [string, string]> = []): string {
    const peers = [['f', this.f], ['l', this.l]].filter(([name]) => new RegExp(`\\b${name}\\b`).test(body))
    const bound = [['i', this.e], ...peers, ...extra]
    const names = bound.map(([name]) => name)
    const arrays = bound.map(([, array]) => array)
    // The lambda reads the partition's values array as a captured column: V[i] is another row's value.
    const filled = body.replaceAll(/\bn\b/g, this.n).replaceAll(/\bV\b/g, `(${values ?? '[]'})`)
    return `arrayMap((${names.join(', ')}) -> ${filled}, ${arrays.join(', ')})`
  }
}

const FRAME_AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max'])

/** polyglot types no column inside OVER (…): the same column elsewhere in the SELECT, typed. */
function typedTwin (expression: AstNode, select: AstNode): AstNode | undefined {
  if (nodeType(expression) !== 'column') return undefined
  const keyOf = (column: AstNode): string => {
    const data = nodeData(column)
    return `${String((data.table as { name?: unknown } | null)?.name ?? '')}.${String((data.name as { name?: unknown }).name)}`.toLowerCase()
  }
  const key = keyOf(expression)
  let found: AstNode | undefined
  transformBottomUp(select, (node) => {
    if (found === undefined && nodeType(node) === 'column' && nodeData(node).inferred_type !== undefined && keyOf(node) === key) found = node
    return undefined
  })
  return found
}

/** See decimal128-guard.ts; a column inside OVER (…) has no type of its own, its twin elsewhere in the SELECT has. */
function safeToCollect (expression: AstNode, select: AstNode): boolean {
  const typed = nodeType(expression) === 'column' && nodeData(expression).inferred_type === undefined ? typedTwin(expression, select) ?? expression : expression
  return isSafeToCollect(expression, typed)
}

export const windowFunctions: RewriteRule = {
  name: 'ch-window-functions',
  reason: 'ClickHouse 18.16 has no window functions (… OVER came in 21.x): one window (PARTITION BY / ORDER BY) per SELECT is emulated with groupArray per partition, arraySort, array functions and arrayJoin, with Trino\'s peers, frames and NULL order; other forms are refused with the reason.',
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const items = (data.expressions as AstNode[] | undefined) ?? []
    if (!contains(items, WINDOW)) {
      if (contains(data, WINDOW, true)) return ctx.fail('ClickHouse 18.16 has no window functions (… OVER (…)); they are emulated only in a SELECT list', node)
      return undefined
    }
    for (const key of ['where_clause', 'group_by', 'having', 'qualify', 'joins', 'from']) {
      if (contains(data[key], WINDOW, true)) return ctx.fail('ClickHouse 18.16 has no window functions (… OVER (…)); they are emulated only in a SELECT list', node)
    }
    if (items.some((item) => nodeType(item) === 'star')) return ctx.fail('ClickHouse 18.16 has no window functions, and a window beside SELECT * is not emulated; list the columns', node)
    const windows = (data.windows as Array<{ name?: { name?: unknown }, spec?: AstNode }> | null | undefined) ?? []

    // qf_w1's columns: window-free expressions the levels above read.
    const base: AstNode[] = []
    // qf_w1 names a column qf_b<n>; the per-partition level gives it back as qf_c<n> (one name for both would be a cyclic alias).
    const hoist = (expression: AstNode): string => {
      const n = base.length
      base.push(aliased(expression, identifier(`qf_b${n}`)))
      return `qf_c${n}`
    }
    const baseName = (column: string): string => column.replace(/^qf_c/, 'qf_b')

    let spec: Spec | undefined
    const calls: Array<{ column: string, build: (p: Partition, position: (column: string) => number) => string }> = []

    const windowCall = (window: AstNode): AstNode => {
      const wd = nodeData(window)
      const { spec: own, frame } = specOf((wd.over ?? {}) as AstNode, windows, ctx, window)
      if (spec === undefined) spec = own
      else if (!sameExpression(spec, own)) return ctx.fail('ClickHouse 18.16 has no window functions, and windows with different PARTITION BY / ORDER BY in one SELECT are not emulated; compute each in its own subquery', window)
      const fn = wd.this as AstNode
      const kind = aggregateKinds.get(fn)
      // row_number() is { row_number: null }, which nodeType does not count as a node.
      const type = kind?.name ?? nodeType(fn) ?? (typeof fn === 'object' && fn !== null && Object.keys(fn).length === 1 ? Object.keys(fn)[0]! : '')
      const fd = nodeData(fn)
      const ordered = own.order.length > 0
      const column = `qf_v${calls.length}`
      if (kind !== undefined) {
        if (!FRAME_AGGREGATES.has(type) || !kind.plain) return ctx.fail(`ClickHouse 18.16 has no window functions; ${type} over a window (or with DISTINCT / FILTER) is not emulated, only count, sum, avg, min and max`, window)
        const arg = kind.args[0]
        if (type === 'avg' && arg !== undefined && nodeType(arg) !== undefined && /decimal/i.test(String((nodeData(arg).inferred_type as { data_type?: unknown } | undefined)?.data_type))) {
          return ctx.fail('ClickHouse 18.16 has no window functions, and avg of a decimal over a window is not emulated (Trino rounds it to the decimal\'s scale)', window)
        }
        ctx.retract(fn)
        const { lo, hi } = frameBounds(frame, ordered, ctx, window)
        const source = arg === undefined ? undefined : hoist(arg)
        calls.push({
          column,
          build: (p, position) => {
            const from = `greatest(${lo}, 1)`
            const to = `least(${hi}, n)`
            const length = `greatest(${to} - ${from} + 1, 0)`
            if (source === undefined) return p.perRow(`toInt64(${length})`)
            const slice = `arraySlice(V, ${from}, ${length})`
            const body = type === 'count'
              ? `toInt64(arrayReduce('count', ${slice}))`
              : `if(arrayReduce('count', ${slice}) = 0, NULL, arrayReduce('${type}', ${slice}))`
            return p.perRow(body, p.values(position(source)))
          },
        })
        return columnRef(column)
      }
      if (fd.ignore_nulls === true) return ctx.fail('ClickHouse 18.16 has no window functions, and IGNORE NULLS is not emulated', window)
      switch (type) {
        case 'row_number': calls.push({ column, build: (p) => p.perRow('toInt64(i)') }); break
        case 'rank': calls.push({ column, build: (p) => p.perRow('toInt64(f)') }); break
        case 'dense_rank': calls.push({ column, build: (p) => `arrayMap(d -> toInt64(d), arrayEnumerateDense(${p.k}))` }); break
        case 'percent_rank': calls.push({ column, build: (p) => p.perRow('if(n = 1, 0., (f - 1) / (n - 1))') }); break
        case 'cume_dist': calls.push({ column, build: (p) => p.perRow('l / n') }); break
        case 'n_tile': {
          const buckets = positiveInteger(fd.num_buckets)
          if (buckets === undefined || buckets === 0) return ctx.fail('ClickHouse 18.16 has no window functions; ntile is emulated with a literal bucket count only', window)
          // Trino: the first n % b buckets get one row more; intDiv by greatest(q, 1) because if() evaluates both branches.
          const q = `intDiv(n, ${buckets})`
          const r = `(n % ${buckets})`
          calls.push({ column, build: (p) => p.perRow(`toInt64(if(i <= ${r} * (${q} + 1), intDiv(i - 1, ${q} + 1) + 1, ${r} + intDiv(i - 1 - ${r} * (${q} + 1), greatest(${q}, 1)) + 1))`) })
          break
        }
        case 'lag':
        case 'lead': {
          const offset = fd.offset === null || fd.offset === undefined ? 1 : positiveInteger(fd.offset)
          if (offset === undefined) return ctx.fail(`ClickHouse 18.16 has no window functions; ${type} is emulated with a literal offset only`, window)
          const valueNode = fd.this as AstNode
          const valueTyped = nodeData(valueNode).inferred_type === undefined ? typedTwin(valueNode, data) ?? valueNode : valueNode
          // 18.16's if() takes no Decimal beside another type ("Conditional function with Decimal and non Decimal").
          if (fd.default !== null && fd.default !== undefined && knownType(valueTyped) === 'decimal' && knownType(fd.default as AstNode) !== 'decimal') {
            return ctx.fail(`ClickHouse 18.16 has no window functions, and ${type} of a decimal with a default that is not a decimal of its type is not emulated; CAST the default to the column's type`, window)
          }
          const value = hoist(valueNode)
          const fallback = fd.default === null || fd.default === undefined ? undefined : hoist(fd.default as AstNode)
          const target = type === 'lag' ? `i - ${offset}` : `i + ${offset}`
          const inside = type === 'lag' ? `i > ${offset}` : `i + ${offset} <= n`
          calls.push({
            column,
            build: (p, position) => fallback === undefined
              ? p.perRow(`if(${inside}, V[${target}], NULL)`, p.values(position(value)))
              : p.perRow(`if(${inside}, V[${target}], d)`, p.values(position(value)), [['d', p.values(position(fallback))]]),
          })
          break
        }
        case 'first_value':
        case 'last_value':
        case 'nth_value': {
          const nth = type === 'nth_value' ? positiveInteger(fd.offset) : 1
          if (nth === undefined || nth === 0) return ctx.fail('ClickHouse 18.16 has no window functions; nth_value is emulated with a literal position only', window)
          const { lo, hi } = frameBounds(frame, ordered, ctx, window)
          const value = hoist(fd.this as AstNode)
          const from = `greatest(${lo}, 1)`
          const to = `least(${hi}, n)`
          const at = type === 'last_value' ? to : `${from} + ${nth - 1}`
          calls.push({ column, build: (p, position) => p.perRow(`if(${at} > ${to} OR ${from} > ${to}, NULL, V[${at}])`, p.values(position(value))) })
          break
        }
        default:
          return ctx.fail(`ClickHouse 18.16 has no window functions, and ${type || 'this function'} over a window is not emulated`, window)
      }
      return columnRef(column)
    }

    // The select items with each window replaced by its column and window-free operands moved to qf_w1.
    const split = (expression: AstNode): AstNode => {
      if (nodeType(expression) === 'window_function') return windowCall(expression)
      if (!contains(expression, WINDOW)) return isLiteral(expression) ? expression : columnRef(hoist(expression))
      const type = nodeType(expression)!
      const rebuilt: AstNode = {}
      for (const [key, value] of Object.entries(nodeData(expression))) {
        rebuilt[key] = Array.isArray(value)
          ? value.map((v) => typeof v === 'object' && v !== null && nodeType(v) !== undefined && contains(v, WINDOW) ? split(v as AstNode) : (typeof v === 'object' && v !== null && nodeType(v) !== undefined && !isLiteral(v as AstNode) ? columnRef(hoist(v as AstNode)) : v))
          : typeof value === 'object' && value !== null && nodeType(value) !== undefined ? (contains(value, WINDOW) || !isLiteral(value as AstNode) ? split(value as AstNode) : value) : value
      }
      return { [type]: rebuilt }
    }
    const outputs = items.map((item) => {
      if (nodeType(item) === 'alias') return { alias: { ...nodeData(item), this: split(nodeData(item).this as AstNode) } }
      const name = nodeType(item) === 'column' ? nodeData(item).name as AstNode : undefined
      const out = split(item)
      return name === undefined ? out : aliased(out, { ...name, quoted: true })
    })
    const outputNames = new Set(outputs.map((o) => nodeType(o) === 'alias' ? String((nodeData(o).alias as { name?: unknown }).name).toLowerCase() : ''))

    // ORDER BY: an output name stays; a select item's expression becomes its output; anything else is computed in qf_w1.
    const orderBy = data.order_by as { expressions?: Array<{ this: AstNode }> } | null | undefined
    const outerOrder = orderBy?.expressions?.map((entry) => {
      const expression = entry.this
      const column = nodeType(expression) === 'column' ? nodeData(expression) : undefined
      const bare = column !== undefined && (column.table ?? null) === null ? String((column.name as { name?: unknown }).name).toLowerCase() : undefined
      if (bare !== undefined && outputNames.has(bare)) return entry
      const same = items.findIndex((item) => sameExpression(nodeType(item) === 'alias' ? nodeData(item).this : item, expression))
      if (same >= 0 && nodeType(outputs[same]) === 'alias') return { ...entry, this: { column: { name: { ...(nodeData(outputs[same]!).alias as AstNode), quoted: true }, table: null, join_mark: false, trailing_comments: [] } } }
      if (contains(expression, WINDOW)) return ctx.fail('ClickHouse 18.16 has no window functions; ORDER BY a window function is emulated only through a select item\'s name', node)
      return { ...entry, this: isLiteral(expression) ? expression : columnRef(hoist(expression)) }
    })

    const window = spec!
    const partitionColumns = window.partition.map((key) => baseName(hoist(key)))
    const sortParts: string[] = []
    for (const key of window.order) {
      const column = baseName(hoist(key.this))
      const typed = nodeData(key.this).inferred_type === undefined ? typedTwin(key.this, data) ?? key.this : key.this
      const declared = String((nodeData(typed).inferred_type as { data_type?: unknown } | undefined)?.data_type ?? '').toLowerCase()
      const nullsFirst = key.nulls_first === true
      sortParts.push(nullsFirst ? `isNotNull(${column})` : `isNull(${column})`)
      if (key.desc === true) {
        if (/char|text|string/.test(declared)) return ctx.fail('ClickHouse 18.16 has no window functions, and a window ordered by text in DESC order is not emulated', node)
        sortParts.push(/date|time/.test(declared) ? `-toInt64(assumeNotNull(${column}))` : `-(assumeNotNull(${column}))`)
      } else {
        sortParts.push(`assumeNotNull(${column})`)
      }
    }
    const unsafe = base.find((item) => !safeToCollect(nodeData(item).this as AstNode, data))
    if (unsafe !== undefined) return ctx.fail('ClickHouse 18.16 has no window functions, and the emulation (groupArray of the rows) is not used on a value that may be a Decimal128 (a sum of decimals, a wide decimal, or a value of unknown type): 18.16 crashes on those', node)

    const rowColumns = base.map((item) => String((nodeData(item).alias as { name?: unknown }).name))
    const position = (column: string): number => rowColumns.indexOf(baseName(column)) + 2
    const rows = `groupArray(tuple(tuple(${sortParts.length === 0 ? '0' : sortParts.join(', ')}), ${rowColumns.join(', ')}))`
    const partition = new Partition(sortParts.length === 0 ? rows : `arraySort(x -> tupleElement(x, 1), ${rows})`)
    const arrays = calls.map((c) => c.build(partition, position))
    const names = ['r', ...calls.map((_, i) => `v${i}`)]
    const zipped = `arrayJoin(arrayMap((${names.join(', ')}) -> tuple(${names.join(', ')}), ${partition.s}, ${arrays.join(', ')}))`

    const perPartition: AstNode[] = [
      aliased(ctx.target(zipped, []), identifier('qf_z')),
      ...rowColumns.map((_, i) => aliased(ctx.target(`tupleElement(tupleElement(qf_z, 1), ${i + 2})`, []), identifier(`qf_c${i}`))),
      ...calls.map((c, i) => aliased(ctx.target(`tupleElement(qf_z, ${i + 2})`, []), identifier(c.column))),
    ]
    const inner = selectNode({ ...data, expressions: base, order_by: null, limit: null, offset: null, fetch: null, distinct: false, distinct_on: null, windows: null, qualify: null })
    const grouped = selectNode({
      expressions: perPartition,
      from: { expressions: [subqueryNode(inner, 'qf_w1')] },
      group_by: partitionColumns.length === 0 ? null : { expressions: partitionColumns.map(columnRef), all: null, totals: false },
    })
    const outer = selectNode({
      expressions: outputs,
      from: { expressions: [subqueryNode(grouped, 'qf_w')] },
      order_by: outerOrder === undefined ? null : { ...orderBy, expressions: outerOrder },
      limit: data.limit ?? null, offset: data.offset ?? null, fetch: data.fetch ?? null, distinct: data.distinct ?? false, distinct_on: data.distinct_on ?? null,
    })
    if (contains(outer, WINDOW, true)) return ctx.fail('ClickHouse 18.16 has no window functions (… OVER (…)); this use of them is not emulated', node)
    return outer
  },
}

