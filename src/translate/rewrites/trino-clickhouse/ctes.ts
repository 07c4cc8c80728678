/**
 * Trino → ClickHouse 18.16: WITH and VALUES. 18.16's WITH names expressions (`WITH 1 AS x`,
 * `WITH (SELECT …) AS x` for one scalar), not tables, and it has no VALUES table: a CTE is
 * inlined as a subquery at each reference (a CTE is a pure query, so running it once per
 * reference gives the same rows), and a VALUES list becomes a UNION ALL of one-row SELECTs.
 */
import { nodeData, nodeType, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { knownType, withKnownType } from '../trino-common/rule-kit.ts'
import { emptyInputValue } from './aggregates.ts'
import { aggregatePlaceholders } from './grouping.ts'
import { copyDecimalFacts, scalePreserving } from './numbers.ts'
import { firstSelect, identifier, selectNode, subqueryNode } from './select-nodes.ts'

interface Cte { readonly name: string, readonly query: AstNode }

function aliased (expression: AstNode, name: AstNode): AstNode {
  const inner = nodeType(expression) === 'alias' ? nodeData(expression).this as AstNode : expression
  return { alias: { this: inner, alias: name, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } }
}

/** `query` with its output columns named `columns` (a CTE's or a derived table's column list), else undefined. */
export function renameColumns (query: AstNode, columns: readonly AstNode[]): AstNode | undefined {
  if (columns.length === 0) return query
  const first = firstSelect(query)
  const expressions = first === undefined ? undefined : nodeData(first).expressions as AstNode[] | undefined
  if (expressions?.length !== columns.length || expressions.some((e) => nodeType(e) === 'star')) return undefined
  const renamed = { select: { ...nodeData(first!), expressions: expressions.map((e, i) => aliased(e, columns[i]!)) } }
  return transformBottomUp(query, (node) => node === first ? renamed : undefined) as AstNode
}

function tableName (node: AstNode): string | undefined {
  if (nodeType(node) !== 'table') return undefined
  const data = nodeData(node)
  if ((data.schema ?? null) !== null || (data.catalog ?? null) !== null) return undefined
  const name = data.name as { name?: unknown } | undefined
  return typeof name?.name === 'string' ? name.name.toLowerCase() : undefined
}

/**
 * ctx.duplicate, with what rules recorded about the original placeholders (result type,
 * decimal scale, aggregate kind) given to their copies: the copy has the same shape.
 */
function duplicateWithFacts (query: AstNode, ctx: RewriteContext): AstNode {
  const copy = ctx.duplicate(query)
  const walk = (original: unknown, copied: unknown): void => {
    if (typeof original !== 'object' || original === null || typeof copied !== 'object' || copied === null || original === copied) return
    if (Array.isArray(original)) { original.forEach((item, i) => walk(item, (copied as unknown[])[i])); return }
    const from = original as AstNode
    const to = copied as AstNode
    withKnownType(to, knownType(from))
    copyDecimalFacts(from, to)
    if (aggregatePlaceholders.has(from)) aggregatePlaceholders.add(to)
    if (scalePreserving.has(from)) scalePreserving.add(to)
    const empty = emptyInputValue.get(from)
    if (empty !== undefined) emptyInputValue.set(to, empty)
    for (const key of Object.keys(from)) if (key !== 'span' && key !== 'inferred_type') walk(from[key], to[key])
  }
  walk(query, copy)
  return copy
}

/** Every reference to a CTE in `scope` replaced by the CTE's query as a subquery under the reference's name. */
function inline (scope: AstNode, ctes: readonly Cte[], ctx: RewriteContext, uses: Map<string, number>): AstNode {
  return transformBottomUp(scope, (node) => {
    const name = tableName(node)
    const cte = name === undefined ? undefined : ctes.find((c) => c.name === name)
    if (cte === undefined) return undefined
    const seen = uses.get(cte.name) ?? 0
    uses.set(cte.name, seen + 1)
    const alias = nodeData(node).alias as { name?: unknown } | null | undefined
    const query = seen === 0 ? cte.query : duplicateWithFacts(cte.query, ctx)
    return subqueryNode(query, typeof alias?.name === 'string' ? alias.name : cte.name)
  }) as AstNode
}

function retractAll (node: AstNode, ctx: RewriteContext): void {
  transformBottomUp(node, (inner) => {
    const name = nodeType(inner) === 'function' ? nodeData(inner).name : undefined
    if (typeof name === 'string' && /^qf_rewrite_\d+$/.test(name)) ctx.retract(inner)
    return undefined
  })
}

export const inlineCtes: RewriteRule = {
  name: 'ch-inline-ctes',
  reason: "ClickHouse 18.16's WITH names expressions, not tables (WITH t AS (SELECT …) is a syntax error there): each CTE is inlined as a subquery where it is referenced, its column list (WITH t(a, b)) as aliases. WITH RECURSIVE is refused.",
  nodes: ['select', 'union', 'intersect', 'except'],
  passesOn: true,
  rewrite (node, ctx) {
    const type = nodeType(node)!
    const data = nodeData(node)
    const clause = data.with as { ctes?: AstNode[], recursive?: unknown } | null | undefined
    if (clause?.ctes === undefined || clause.ctes.length === 0) return undefined
    if (clause.recursive === true) return ctx.fail('ClickHouse 18.16 has no recursive WITH (WITH RECURSIVE)', node)
    const ctes: Cte[] = []
    const uses = new Map<string, number>()
    for (const cte of clause.ctes) {
      const alias = cte.alias as { name?: unknown } | undefined
      if (typeof alias?.name !== 'string') return ctx.fail('a WITH entry without a name cannot be translated to ClickHouse 18.16', node)
      const renamed = renameColumns(inline(cte.this as AstNode, ctes, ctx, uses), (cte.columns as AstNode[] | undefined) ?? [])
      if (renamed === undefined) return ctx.fail(`WITH ${alias.name}(…) lists columns that cannot be matched to its query's SELECT list; name them in the query instead`, node)
      ctes.push({ name: alias.name.toLowerCase(), query: renamed })
    }
    const body = inline({ [type]: { ...data, with: null } }, ctes, ctx, uses)
    // An unreferenced CTE is dropped, and with it the placeholders inner rules put in it.
    for (const cte of ctes) if (!uses.has(cte.name)) retractAll(cte.query, ctx)
    return body
  },
}

/** The rows of a VALUES list, each a list of expressions. */
function valuesRows (values: AstNode): AstNode[][] | undefined {
  const rows = nodeData(values).expressions as Array<{ expressions?: AstNode[] }> | undefined
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r.expressions))) return undefined
  return rows.map((r) => r.expressions!)
}

const UNION_ALL = { all: true, distinct: false, with: null, order_by: null, limit: null, offset: null, by_name: false, corresponding: false, strict: false }

export const derivedTables: RewriteRule = {
  name: 'ch-derived-tables',
  reason: 'ClickHouse 18.16 has no VALUES table and no column list on a derived table ((VALUES (1, 2), …) AS t(a, b) and (SELECT …) AS t(a, b) are syntax errors there): VALUES becomes (SELECT 1 AS a, 2 AS b UNION ALL …) AS t, a column list becomes aliases in the SELECT list.',
  nodes: ['subquery'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const inner = data.this as AstNode
    const columns = (data.column_aliases as AstNode[] | undefined) ?? []
    if (nodeType(inner) === 'values') {
      const rows = valuesRows(inner)
      if (rows === undefined || rows.length === 0) return ctx.fail('this VALUES list cannot be translated to ClickHouse 18.16', node)
      const width = rows[0]!.length
      if (rows.some((r) => r.length !== width)) return ctx.fail('VALUES rows of different lengths', node)
      if (columns.length !== 0 && columns.length !== width) return ctx.fail('the VALUES column list does not match its rows', node)
      const names = columns.length === width ? columns : rows[0]!.map((_, i) => identifier(`_col${i}`, true))
      const selects = rows.map((row) => selectNode({ expressions: row.map((value, i) => aliased(value, names[i]!)) }))
      const union = selects.slice(1).reduce((all, next) => ({ union: { left: all, right: next, ...UNION_ALL } }), selects[0]!)
      return { subquery: { ...data, this: union, column_aliases: [] } }
    }
    if (columns.length === 0) return undefined
    const renamed = renameColumns(inner, columns)
    if (renamed === undefined) return ctx.fail('a derived table\'s column list (AS t(a, b)) must match its SELECT list, without *, to be translated to ClickHouse 18.16', node)
    return { subquery: { ...data, this: renamed, column_aliases: [] } }
  },
}

export const cteRules: readonly RewriteRule[] = [inlineCtes, derivedTables]
