/** Trino → ClickHouse: query-level differences. */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { hasPlaceholder } from '../trino-common/rule-kit.ts'
import { arrayAggWithoutGroups } from './collection-aggregates.ts'
import { correlatedScalarAggregates } from './correlated.ts'
import { cteRules } from './ctes.ts'
import { groupingSetsAsUnion } from './grouping.ts'
import { joinChains } from './join-chains.ts'
import { joinRules } from './joins.ts'
import { decimalScalarSubqueries } from './numbers.ts'
import { refusalRules } from './refusals.ts'
import { setOperationRules } from './set-operations.ts'
import { unnestArrayJoin } from './unnest.ts'
import { windowFunctions } from './windows.ts'

function ordinal (node: AstNode): number | undefined {
  const data = nodeData(node)
  return nodeType(node) === 'literal' && data.literal_type === 'number' && typeof data.value === 'string' && /^\d+$/.test(data.value) ? Number(data.value) : undefined
}

/** The select-list entry an ordinal points at, as a reference ClickHouse resolves: its alias, or a copy of the expression. */
function resolve (select: AstNode, position: number): AstNode | undefined {
  const expressions = nodeData(select).expressions as AstNode[] | undefined
  const chosen = expressions?.[position - 1]
  if (chosen === undefined) return undefined
  if (nodeType(chosen) === 'alias') {
    const alias = nodeData(chosen).alias as { name?: unknown } | undefined
    if (typeof alias?.name === 'string') return { column: { name: { name: alias.name, quoted: true }, table: null, join_mark: false } }
  }
  if (nodeType(chosen) === 'column') return chosen
  return hasPlaceholder(chosen) ? undefined : chosen
}

export const ordinalsToNames: RewriteRule = {
  name: 'ch-group-order-by-position',
  reason: 'ClickHouse 18.16 reads GROUP BY 1 / ORDER BY 1 as the constant 1 (grouping everything together, or not sorting at all); the position is replaced by the select item\'s alias or expression.',
  nodes: ['select'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    let changed = false
    const replace = (item: AstNode): AstNode => {
      const n = ordinal(item)
      if (n === undefined) return item
      const target = resolve(node, n)
      if (target === undefined) ctx.fail(`GROUP BY / ORDER BY position ${n} cannot be written without positions for ClickHouse; name the expression with an alias`, item)
      changed = true
      return target!
    }
    const groupBy = data.group_by as { expressions?: AstNode[] } | null | undefined
    const orderBy = data.order_by as { expressions?: Array<{ this: AstNode }> } | null | undefined
    const nextGroup = groupBy?.expressions?.map(replace)
    const nextOrder = orderBy?.expressions?.map((item) => ({ ...item, this: replace(item.this) }))
    if (!changed) return undefined
    return { select: { ...data, ...(nextGroup === undefined ? {} : { group_by: { ...groupBy, expressions: nextGroup } }), ...(nextOrder === undefined ? {} : { order_by: { ...orderBy, expressions: nextOrder } }) } }
  },
}

/**
 * Order matters on a shared node: refusals first; CTEs are inlined (passing the SELECT or set
 * operation on) before the join and set-operation rules see it; window functions after the
 * rules that reshape a SELECT's FROM (the emulation moves it into a derived table they no longer
 * see); ordinalsToNames last, as it passes nothing on.
 */
export const queryRules: readonly RewriteRule[] = [correlatedScalarAggregates, ...refusalRules, arrayAggWithoutGroups, unnestArrayJoin, ...cteRules, joinChains, ...joinRules, ...setOperationRules, groupingSetsAsUnion, decimalScalarSubqueries, windowFunctions, ordinalsToNames]
