/**
 * Source-dialect result types the target cannot produce. MariaDB/MySQL and ClickHouse have no
 * boolean type: `SELECT a > b` comes back as an integer 0/1 where Trino (or PostgreSQL) gives a
 * boolean. From the source statement's inferred types (polyglot's annotateTypes, with the
 * schema), this names the top-level SELECT's output columns that must be reported as boolean;
 * service/result-types.ts converts their values.
 */
import type { Dialect } from '../core/dialect.ts'
import { nodeData, nodeType } from './rewrites/ast.ts'
import type { AstNode } from './rewrites/ast.ts'

/** Source dialects whose comparisons yield a boolean type (in MySQL and ClickHouse they yield integers). */
const HAS_BOOLEAN: ReadonlySet<Dialect> = new Set<Dialect>(['trino', 'postgres', 'duckdb', 'athena', 'starrocks'])
/** Targets without a boolean type: MariaDB/MySQL (TINYINT(1)), ClickHouse 18.x (UInt8). */
const LACKS_BOOLEAN: ReadonlySet<Dialect> = new Set<Dialect>(['mysql', 'clickhouse'])

/**
 * Predicates polyglot leaves untyped but that are boolean in every dialect above. Only ever used
 * to fill a missing type, never to override one: a wrong "boolean" would turn numbers into
 * true/false, a silent wrong answer, while a missed one only keeps today's 0/1.
 */
const BOOLEAN_NODES: ReadonlySet<string> = new Set(['is_null', 'between', 'in', 'exists', 'logical_and', 'logical_or'])

/** Whether a statement from `from` run on `to` can have a column whose type the target cannot produce. */
export function mayNeedResultTypes (from: Dialect, to: Dialect): boolean {
  return HAS_BOOLEAN.has(from) && LACKS_BOOLEAN.has(to)
}

/** The SELECT whose expressions name the statement's output columns (the left-most one of a set operation). */
function outputSelect (statement: AstNode | undefined): AstNode | undefined {
  for (let node = statement, depth = 0; node !== undefined && depth < 64; depth++) {
    const type = nodeType(node)
    const data = nodeData(node)
    if (type === 'select') return data
    if (type === 'union' || type === 'intersect' || type === 'except') node = data.left as AstNode | undefined
    else if (type === 'subquery' || type === 'paren') node = data.this as AstNode | undefined
    else return undefined
  }
  return undefined
}

function isBoolean (expression: AstNode): boolean {
  let node = expression
  if (nodeType(node) === 'alias') node = nodeData(node).this as AstNode
  const type = nodeType(node)
  if (type === undefined) return false
  const inferred = (nodeData(node).inferred_type as { data_type?: unknown } | undefined)?.data_type
  if (inferred !== undefined && inferred !== null) return inferred === 'boolean'
  return BOOLEAN_NODES.has(type)
}

/**
 * Per output column, `'boolean'` where the source's type is boolean and the target has none;
 * undefined when no column needs it, the statement is not a query, or it selects `*` (whose
 * column count the statement does not tell).
 */
export function resultTypesOf (statements: readonly AstNode[], from: Dialect, to: Dialect): Array<string | undefined> | undefined {
  if (!mayNeedResultTypes(from, to) || statements.length !== 1) return undefined
  const select = outputSelect(statements[0])
  const expressions = select?.expressions
  if (!Array.isArray(expressions) || expressions.length === 0) return undefined
  if (expressions.some((e) => nodeType(e) === 'star')) return undefined
  const types = expressions.map((e) => isBoolean(e as AstNode) ? 'boolean' : undefined)
  return types.some((t) => t !== undefined) ? types : undefined
}
