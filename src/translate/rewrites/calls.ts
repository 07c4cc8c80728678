/** Reading function calls and types out of polyglot's source AST, for rewrite rules. */
import { nodeData, nodeType } from './ast.ts'
import type { AstNode } from './ast.ts'

export interface Call {
  /** Lower-case function name. */
  readonly name: string
  readonly args: readonly AstNode[]
}

/** A generic or aggregate function call (`{ function: { name, args } }`), else undefined. */
export function asCall (node: AstNode): Call | undefined {
  const type = nodeType(node)
  if (type !== 'function' && type !== 'aggregate_function') return undefined
  const data = nodeData(node)
  if (typeof data.name !== 'string' || !Array.isArray(data.args)) return undefined
  return { name: data.name.toLowerCase(), args: data.args as AstNode[] }
}

/** The named child expression of a typed node (`this`, `expression`, …). */
export function child (node: AstNode, field: string): AstNode | undefined {
  const value = nodeData(node)[field]
  return nodeType(value) === undefined ? undefined : value as AstNode
}

const INTEGER_TYPES = new Set(['tiny_int', 'small_int', 'int', 'integer', 'big_int', 'bigint', 'smallint', 'tinyint'])
const APPROXIMATE_TYPES = new Set(['double', 'float', 'real', 'double_precision'])

/**
 * The SQL type polyglot inferred or the node states, as polyglot's `data_type` name
 * (`int`, `big_int`, `double`, `decimal`, `date`, `interval`, …); undefined when unknown
 * (columns without a schema, most function results).
 */
export function sqlType (node: AstNode | undefined): string | undefined {
  if (node === undefined) return undefined
  const type = nodeType(node)
  if (type === undefined) return undefined
  const data = nodeData(node)
  const inferred = data.inferred_type as { data_type?: unknown } | undefined
  if (typeof inferred?.data_type === 'string') return inferred.data_type
  switch (type) {
    case 'paren': return sqlType(child(node, 'this'))
    case 'interval': return 'interval'
    case 'cast': {
      const to = data.to as { data_type?: unknown } | undefined
      return typeof to?.data_type === 'string' ? to.data_type : undefined
    }
    case 'literal': return literalType(data)
    default: return undefined
  }
}

function literalType (data: AstNode): string | undefined {
  const value = data.value
  switch (data.literal_type) {
    case 'number':
      if (typeof value !== 'string') return undefined
      if (/^\d+$/.test(value)) return 'int'
      return /e/i.test(value) ? 'double' : 'decimal'
    case 'date': return 'date'
    case 'timestamp': return 'timestamp'
    case 'string': return 'var_char'
    default: return undefined
  }
}

export function isIntegerType (type: string | undefined): boolean {
  return type !== undefined && INTEGER_TYPES.has(type)
}

export function isApproximateType (type: string | undefined): boolean {
  return type !== undefined && APPROXIMATE_TYPES.has(type)
}

/** Known to be a number that is not an integer (double, real, decimal). */
export function isFractionalType (type: string | undefined): boolean {
  return isApproximateType(type) || type === 'decimal' || type === 'numeric'
}

/**
 * The field name of an EXTRACT node as written: polyglot gives known fields as strings
 * ('DayOfWeek') and others as `{ Custom: 'DAY_OF_WEEK' }`.
 */
export function extractFieldName (node: AstNode): string | undefined {
  const field = nodeData(node).field
  const name = typeof field === 'string' ? field : (field as { Custom?: unknown } | null)?.Custom
  return typeof name === 'string' ? name : undefined
}
