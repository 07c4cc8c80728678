/** MySQL → DuckDB / PostgreSQL / Trino: GROUP BY … WITH ROLLUP, and select aliases where MySQL allows them. */
import { columnName, nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext } from '../rewrite-rule.ts'
import { isSchemaTyped } from '../schema-typed.ts'
import { hasPlaceholder } from '../trino-common/rule-kit.ts'
import { forTargets } from './per-target.ts'
import type { PerTargetRule, TargetRewrite } from './per-target.ts'

const withRollup: TargetRewrite = (node) => {
  const data = nodeData(node)
  const groupBy = data.group_by as { expressions?: AstNode[] } | null | undefined
  const items = groupBy?.expressions
  if (!Array.isArray(items) || items.length < 2) return undefined
  const last = items[items.length - 1]
  if (nodeType(last) !== 'rollup' || (nodeData(last!).expressions as unknown[] | undefined)?.length !== 0) return undefined
  return { select: { ...data, group_by: { ...groupBy, expressions: [{ rollup: { expressions: items.slice(0, -1) } }] } } }
}

export const groupByWithRollup: PerTargetRule = {
  name: 'my-with-rollup',
  reason: 'MySQL GROUP BY a, b WITH ROLLUP is GROUP BY ROLLUP (a, b) in the targets, which do not parse the MySQL form.',
  nodes: ['select'],
  words: ['rollup'],
  passesOn: true,
  targets: forTargets(['duckdb', 'postgres', 'trino'], withRollup),
}

/** Output aliases of a SELECT (lower case) → their position and expression. */
function outputAliases (select: AstNode): Map<string, { index: number, expression: AstNode }> {
  const out = new Map<string, { index: number, expression: AstNode }>()
  const expressions = nodeData(select).expressions as AstNode[] | undefined
  for (const [index, item] of (expressions ?? []).entries()) {
    if (nodeType(item) !== 'alias') continue
    const data = nodeData(item)
    const name = (data.alias as { name?: unknown } | undefined)?.name
    if (typeof name === 'string' && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), { index, expression: data.this as AstNode })
  }
  return out
}

/**
 * An unqualified column naming an output alias rather than a table column: MySQL looks in the
 * FROM tables first for GROUP BY and HAVING, so a column the schema types is a table column.
 */
function aliasOf (node: unknown, aliases: ReadonlyMap<string, { index: number, expression: AstNode }>): { index: number, expression: AstNode } | undefined {
  const name = columnName(node)
  if (name === undefined || isSchemaTyped(node as AstNode)) return undefined
  return aliases.get(name.toLowerCase())
}

const AGGREGATES = /^(count|sum|avg|min|max|aggregate_function|group_concat|window_function|stddev|variance)$/

function hasAggregate (value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasAggregate)
  if (typeof value !== 'object' || value === null) return false
  const type = nodeType(value)
  if (type !== undefined && AGGREGATES.test(type)) return true
  if (type === 'select' || type === 'subquery') return false
  return Object.values(value).some(hasAggregate)
}

const groupByAlias: TargetRewrite = (node) => {
  const data = nodeData(node)
  const groupBy = data.group_by as { expressions?: AstNode[] } | null | undefined
  const items = groupBy?.expressions
  if (!Array.isArray(items)) return undefined
  const aliases = outputAliases(node)
  let changed = false
  const replace = (item: AstNode): AstNode => {
    const alias = aliasOf(item, aliases)
    if (alias === undefined || hasAggregate(alias.expression)) return item
    changed = true
    return { literal: { literal_type: 'number', value: String(alias.index + 1) } }
  }
  const next = items.map((item) => nodeType(item) === 'rollup'
    ? { rollup: { ...nodeData(item), expressions: (nodeData(item).expressions as AstNode[]).map(replace) } }
    : replace(item))
  return changed ? { select: { ...data, group_by: { ...groupBy, expressions: next } } } : undefined
}

export const groupBySelectAlias: PerTargetRule = {
  name: 'my-group-by-alias',
  reason: 'MySQL GROUP BY may name a select alias (GROUP BY y for YEAR(d) AS y); Trino cannot resolve it. The alias becomes its output position.',
  nodes: ['select'],
  words: ['group'],
  passesOn: true,
  targets: { trino: groupByAlias },
}

/** `value` with alias columns replaced by copies of their expressions, not looking into subqueries. */
function replaceAliases (value: unknown, aliases: ReadonlyMap<string, { index: number, expression: AstNode }>, ctx: RewriteContext, changed: { any: boolean }): unknown {
  if (Array.isArray(value)) return value.map((v) => replaceAliases(v, aliases, ctx, changed))
  if (typeof value !== 'object' || value === null) return value
  const alias = aliasOf(value, aliases)
  if (alias !== undefined) {
    changed.any = true
    return hasPlaceholder(alias.expression) ? ctx.duplicate(alias.expression) : structuredClone(alias.expression)
  }
  const type = nodeType(value)
  if (type === 'select' || type === 'subquery') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'span' || k === 'inferred_type' ? v : replaceAliases(v, aliases, ctx, changed)]))
}

const havingAlias: TargetRewrite = (node, ctx) => {
  const data = nodeData(node)
  if (data.having === null || data.having === undefined) return undefined
  const aliases = outputAliases(node)
  if (aliases.size === 0) return undefined
  const changed = { any: false }
  const having = replaceAliases(data.having, aliases, ctx, changed)
  return changed.any ? { select: { ...data, having } } : undefined
}

export const havingSelectAlias: PerTargetRule = {
  name: 'my-having-alias',
  reason: 'MySQL HAVING may name a select alias (HAVING cnt >= 25 for COUNT(*) AS cnt); PostgreSQL and Trino cannot resolve it. The alias is replaced by its expression.',
  nodes: ['select'],
  words: ['having'],
  passesOn: true,
  targets: forTargets(['postgres', 'trino'], havingAlias),
}

export const queryRules: readonly PerTargetRule[] = [groupByWithRollup, groupBySelectAlias, havingSelectAlias]
