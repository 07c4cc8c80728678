/**
 * What a MySQL statement proves about a value's type: rule-kit's knownType (literals, casts,
 * schema-typed columns, rule placeholders) plus MySQL's own functions and operators, and the
 * scale of decimals, which MySQL's `/` and AVG add four digits to (div_precision_increment).
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import { isSchemaTyped } from '../schema-typed.ts'
import { knownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'

/** MySQL functions (polyglot node types or call names) whose result is an integer. */
const INTEGER_RESULTS = new Set([
  'year', 'month', 'day', 'day_of_month', 'dayofmonth', 'hour', 'minute', 'second', 'quarter', 'day_of_week', 'dayofweek',
  'weekday', 'day_of_year', 'dayofyear', 'week', 'datediff', 'date_diff', 'timestampdiff', 'length', 'char_length',
  'str_position', 'locate', 'instr', 'field', 'count', 'unix_timestamp',
])

export function mysqlType (node: AstNode | undefined): KnownType | undefined {
  if (node === undefined) return undefined
  const type = nodeType(node)
  const call = asCall(node)
  const name = call?.name ?? type
  if (name !== undefined && INTEGER_RESULTS.has(name)) return 'integer'
  if (type === 'paren') return mysqlType(child(node, 'this'))
  return knownType(node)
}

/** Integers and decimals: the operands MySQL's `/` and AVG compute exactly, as decimals. */
export function isExactNumber (node: AstNode | undefined): boolean {
  const type = mysqlType(node)
  return type === 'integer' || type === 'decimal'
}

const placeholderScales = new WeakMap<AstNode, number>()

/** Records the decimal scale a rule's template returns (for enclosing `/` and AVG rules). */
export function withScale (placeholder: AstNode, scale: number): AstNode {
  placeholderScales.set(placeholder, scale)
  return placeholder
}

/**
 * The scale of an exact number when the statement proves it: 0 for integers, the declared scale
 * of a schema-typed decimal column or a CAST, the digits of a decimal literal.
 */
export function decimalScale (node: AstNode | undefined): number | undefined {
  if (node === undefined) return undefined
  const recorded = placeholderScales.get(node)
  if (recorded !== undefined) return recorded
  const type = mysqlType(node)
  if (type === 'integer') return 0
  if (type !== 'decimal') return undefined
  const data = nodeData(node)
  switch (nodeType(node)) {
    case 'paren': case 'neg': return decimalScale(child(node, 'this'))
    case 'literal': {
      const value = typeof data.value === 'string' ? data.value : ''
      const dot = value.indexOf('.')
      return dot < 0 ? 0 : value.length - dot - 1
    }
    case 'column': {
      const inferred = data.inferred_type as { scale?: unknown } | undefined
      return isSchemaTyped(node) && typeof inferred?.scale === 'number' ? inferred.scale : undefined
    }
    case 'cast': {
      const to = data.to as { scale?: unknown } | undefined
      return typeof to?.scale === 'number' ? to.scale : undefined
    }
    case 'add': case 'sub': {
      const left = decimalScale(child(node, 'left'))
      const right = decimalScale(child(node, 'right'))
      return left === undefined || right === undefined ? undefined : Math.max(left, right)
    }
    case 'mul': {
      const left = decimalScale(child(node, 'left'))
      const right = decimalScale(child(node, 'right'))
      return left === undefined || right === undefined ? undefined : left + right
    }
    default: return undefined
  }
}

/** MySQL's div_precision_increment default: `/` and AVG give this many more decimal digits. */
export const DIV_PRECISION_INCREMENT = 4
/** MySQL's largest decimal scale. */
export const MAX_SCALE = 30
