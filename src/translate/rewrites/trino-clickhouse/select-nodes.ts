/**
 * Reading and building the query-level nodes of polyglot's AST (SELECT, FROM items, boolean
 * conjunctions) for the Trino → ClickHouse rules that reshape statements for ClickHouse 18.16.
 * polyglot's generator needs every field of a SELECT, so new ones start from a full default.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'

/** A SELECT with every field polyglot's generator requires, set to "absent". */
export function selectNode (fields: AstNode): AstNode {
  return {
    select: {
      expressions: [], from: null, joins: [], lateral_views: [], where_clause: null, group_by: null, having: null, qualify: null,
      order_by: null, distribute_by: null, cluster_by: null, sort_by: null, limit: null, offset: null, fetch: null, distinct: false,
      distinct_on: null, top: null, with: null, sample: null, windows: null, hint: null, connect: null, into: null, locks: [],
      leading_comments: [],
      ...fields,
    },
  }
}

export function starNode (): AstNode {
  return { star: { table: null, except: null, replace: null, rename: null } }
}

export function identifier (name: string, quoted = false): AstNode {
  return { name, quoted, trailing_comments: [] }
}

/** A derived table `(query) AS alias(columns…)`. */
export function subqueryNode (query: AstNode, alias: string | undefined, columns: readonly AstNode[] = []): AstNode {
  return {
    subquery: {
      this: query, alias: alias === undefined ? null : identifier(alias), column_aliases: columns, alias_explicit_as: alias !== undefined,
      alias_keyword: alias === undefined ? null : 'AS', order_by: null, limit: null, offset: null, lateral: false, modifiers_inside: false,
      trailing_comments: [],
    },
  }
}

export function binary (type: 'and' | 'or' | 'eq', left: AstNode, right: AstNode): AstNode {
  return { [type]: { left, right, left_comments: [], operator_comments: [], trailing_comments: [] } }
}

/** `a AND b AND …`, or undefined for none. */
export function conjunction (parts: readonly AstNode[]): AstNode | undefined {
  if (parts.length === 0) return undefined
  return parts.slice(1).reduce((all, part) => binary('and', all, parenthesised(part)), parenthesised(parts[0]!))
}

function parenthesised (node: AstNode): AstNode {
  const type = nodeType(node)
  return type === 'or' ? { paren: { this: node, trailing_comments: [] } } : node
}

function unwrap (node: AstNode): AstNode {
  let current = node
  while (nodeType(current) === 'paren') current = nodeData(current).this as AstNode
  return current
}

/** The operands of a chain of `type` (AND or OR), parentheses removed. */
export function flatten (node: AstNode | undefined, type: 'and' | 'or'): AstNode[] {
  if (node === undefined) return []
  const inner = unwrap(node)
  if (nodeType(inner) !== type) return [node]
  const data = nodeData(inner)
  return [...flatten(data.left as AstNode, type), ...flatten(data.right as AstNode, type)]
}

/** The WHERE condition of a SELECT's data, or undefined. */
export function whereOf (select: AstNode): AstNode | undefined {
  const where = select.where_clause as { this?: AstNode } | null | undefined
  return nodeType(where?.this) === undefined ? undefined : where!.this
}

export function whereClause (condition: AstNode | undefined): AstNode | null {
  return condition === undefined ? null : { this: condition }
}

/** The name a FROM item is referred to by: its alias, else the table's own name (lower case). */
export function itemName (item: AstNode | undefined): string | undefined {
  if (item === undefined) return undefined
  const data = nodeData(item)
  const alias = data.alias as { name?: unknown } | null | undefined
  if (typeof alias?.name === 'string') return alias.name.toLowerCase()
  if (nodeType(item) === 'table') {
    const name = data.name as { name?: unknown } | undefined
    return typeof name?.name === 'string' ? name.name.toLowerCase() : undefined
  }
  return undefined
}

/**
 * The table qualifiers the columns of `node` use, lower case, not looking into nested
 * queries (whose columns may name their own tables). `unqualified` is set when a column has none.
 */
export function qualifiers (node: unknown): { names: Set<string>, unqualified: boolean } {
  const names = new Set<string>()
  let unqualified = false
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) { for (const item of value) walk(item); return }
    if (typeof value !== 'object' || value === null) return
    const type = nodeType(value)
    if (type === 'select' || type === 'subquery' || type === 'union' || type === 'intersect' || type === 'except') return
    if (type === 'column') {
      const table = nodeData(value as AstNode).table as { name?: unknown } | null | undefined
      if (typeof table?.name === 'string') names.add(table.name.toLowerCase())
      else unqualified = true
      return
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'span' && key !== 'inferred_type') walk(child)
  }
  walk(node)
  return { names, unqualified }
}

/** True when every column of `node` is qualified by a name in `names` (and it has a column). */
export function onlyFrom (node: AstNode, names: ReadonlySet<string>): boolean {
  const used = qualifiers(node)
  return !used.unqualified && used.names.size > 0 && [...used.names].every((n) => names.has(n))
}

/** True when `node` contains a node of one of `types` (not looking into nested queries unless asked). */
export function contains (node: unknown, types: ReadonlySet<string>, intoQueries = false): boolean {
  let found = false
  const walk = (value: unknown): void => {
    if (found) return
    if (Array.isArray(value)) { for (const item of value) walk(item); return }
    if (typeof value !== 'object' || value === null) return
    const type = nodeType(value)
    if (type !== undefined && types.has(type)) { found = true; return }
    if (!intoQueries && (type === 'select' || type === 'subquery')) return
    for (const [key, child] of Object.entries(value)) if (key !== 'span' && key !== 'inferred_type') walk(child)
  }
  walk(node)
  return found
}

/** Structural equality ignoring positions and comments (the same condition written twice). */
export function sameExpression (a: unknown, b: unknown): boolean {
  return JSON.stringify(a, ignored) === JSON.stringify(b, ignored)
}

const IGNORED = new Set(['span', 'inferred_type', 'trailing_comments', 'left_comments', 'operator_comments', 'leading_comments'])

function ignored (key: string, value: unknown): unknown {
  return IGNORED.has(key) ? undefined : value
}

/** The first SELECT of a query (the one whose column names a UNION takes). */
export function firstSelect (query: AstNode): AstNode | undefined {
  const type = nodeType(query)
  if (type === 'select') return query
  if (type === 'union' || type === 'intersect' || type === 'except') return firstSelect(nodeData(query).left as AstNode)
  if (type === 'subquery' || type === 'paren') return firstSelect(nodeData(query).this as AstNode)
  return undefined
}
