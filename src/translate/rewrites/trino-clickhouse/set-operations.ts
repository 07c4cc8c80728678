/**
 * Trino → ClickHouse 18.16: set operations. 18.16 has UNION ALL only. UNION (distinct) is
 * SELECT DISTINCT over the UNION ALL; INTERSECT / EXCEPT (distinct) are a NULL-safe IN / NOT IN
 * of the left rows against the right ones; INTERSECT ALL / EXCEPT ALL (multisets) are refused.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { call } from '../trino-common/rule-kit.ts'
import { firstSelect, identifier, selectNode, starNode, subqueryNode, whereClause } from './select-nodes.ts'

/** The output column names of a query, when each is a plain column or has an alias. */
function outputNames (query: AstNode): string[] | undefined {
  const select = firstSelect(query)
  const expressions = select === undefined ? undefined : nodeData(select).expressions as AstNode[] | undefined
  if (expressions === undefined) return undefined
  const names: string[] = []
  for (const e of expressions) {
    const data = nodeData(e)
    const name = nodeType(e) === 'alias' ? (data.alias as { name?: unknown }).name : nodeType(e) === 'column' ? (data.name as { name?: unknown }).name : undefined
    if (typeof name !== 'string') return undefined
    names.push(name)
  }
  return new Set(names.map((n) => n.toLowerCase())).size === names.length ? names : undefined
}

function column (name: string): AstNode {
  return { column: { name: identifier(name, !/^[a-z_][a-z0-9_]*$/i.test(name)), table: null, join_mark: false, trailing_comments: [] } }
}

/** ORDER BY of a set operation for the SELECT around it: positions become the output names. */
function outerOrderBy (orderBy: unknown, names: readonly string[] | undefined, ctx: RewriteContext, at: AstNode): unknown {
  const items = (orderBy as { expressions?: Array<{ this: AstNode }> } | null | undefined)?.expressions
  if (items === undefined) return orderBy ?? null
  return {
    ...(orderBy as AstNode),
    expressions: items.map((item) => {
      const data = nodeData(item.this)
      if (nodeType(item.this) !== 'literal' || data.literal_type !== 'number') return item
      const name = names?.[Number(data.value) - 1]
      if (name === undefined) return ctx.fail('ORDER BY a position of a set operation whose columns have no names cannot be translated to ClickHouse 18.16; use an alias', at)
      return { ...item, this: column(name) }
    }),
  }
}

/** SELECT DISTINCT * FROM (query) [WHERE …] with the set operation's ORDER BY / LIMIT / OFFSET. */
function distinctOver (query: AstNode, data: AstNode, where: AstNode | undefined, ctx: RewriteContext, at: AstNode): AstNode {
  return selectNode({
    expressions: [starNode()],
    distinct: true,
    from: { expressions: [subqueryNode(query, 'qf_set')] },
    where_clause: whereClause(where),
    order_by: outerOrderBy(data.order_by, outputNames(query), ctx, at),
    // A set operation holds LIMIT / OFFSET as expressions, a SELECT as { this }.
    limit: nodeType(data.limit) === undefined ? null : { this: data.limit },
    offset: nodeType(data.offset) === undefined ? null : { this: data.offset },
  })
}

/** NULL-safe row keys: (isNull(c), assumeNotNull(c), …); NULL matches NULL as in Trino's set operations. */
function keys (names: readonly string[], ctx: RewriteContext): AstNode[] {
  return names.flatMap((name) => [ctx.target(call('isNull', 0), [column(name)]), ctx.target(call('assumeNotNull', 0), [column(name)])])
}

const CLAUSES = { order_by: null, limit: null, offset: null, with: null }

export const setOperations: RewriteRule = {
  name: 'ch-set-operations',
  reason: 'ClickHouse 18.16 has only UNION ALL: UNION becomes SELECT DISTINCT * over the UNION ALL; INTERSECT / EXCEPT become SELECT DISTINCT * of the left rows whose NULL-safe key (isNull(c), assumeNotNull(c), …) is IN / NOT IN the right rows\' keys. INTERSECT ALL / EXCEPT ALL are refused.',
  nodes: ['union', 'intersect', 'except'],
  rewrite (node, ctx) {
    const type = nodeType(node)!
    const data = nodeData(node)
    if (data.by_name === true || data.corresponding === true) return ctx.fail(`${type.toUpperCase()} CORRESPONDING / BY NAME cannot be translated to ClickHouse 18.16`, node)
    const left = data.left as AstNode
    const right = data.right as AstNode
    if (type === 'union') {
      if (data.all === true) return undefined
      return distinctOver({ union: { ...data, ...CLAUSES, all: true, distinct: false } }, data, undefined, ctx, node)
    }
    if (data.all === true) return ctx.fail(`ClickHouse 18.16 has no ${type.toUpperCase()} ALL (set operations on multisets), and no window function to count duplicates with`, node)
    const leftNames = outputNames(left)
    const rightNames = outputNames(right)
    if (leftNames === undefined || rightNames === undefined || leftNames.length !== rightNames.length) {
      return ctx.fail(`each column of both sides of ${type.toUpperCase()} needs a name (a column or an alias) to be translated to ClickHouse 18.16`, node)
    }
    const rightKeys = selectNode({ expressions: keys(rightNames, ctx), from: { expressions: [subqueryNode(right, 'qf_right')] } })
    const test = { in: { this: { tuple: { expressions: keys(leftNames, ctx) } }, expressions: [], query: rightKeys, not: type === 'except' } }
    return distinctOver(left, data, test, ctx, node)
  },
}

export const setOperationRules: readonly RewriteRule[] = [setOperations]
