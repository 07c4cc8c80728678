/**
 * ClickHouse 18.16 crashes (segmentation fault in
 * ColumnDecimal<Decimal128>::deserializeAndInsertFromArena, taking the whole server down) when
 * groupArray collects a Decimal128, alone or inside a tuple — checked on the Debian package:
 * `SELECT groupArray(x) FROM (SELECT toDecimal128(number, 2) AS x …)` kills it. A sum of
 * decimals, a decimal(p > 18) column and a rewritten decimal literal are Decimal128;
 * Decimal32/64 are safe. Every rule that puts a value into groupArray asks this first, and a
 * value of unknown type counts as unsafe: a refused translation is better than a crashed engine.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { knownType } from '../trino-common/rule-kit.ts'

/** True when `expression` (typed, or its `typed` stand-in) is known not to be a ClickHouse Decimal128. */
export function isSafeToCollect (expression: AstNode, typed: AstNode = expression): boolean {
  const known = knownType(typed)
  if (known === undefined) return false
  if (known !== 'decimal') return true
  const precision = (nodeData(typed).inferred_type as { precision?: unknown } | undefined)?.precision
  return nodeType(typed) === 'column' && typeof precision === 'number' && precision <= 18
}

export const DECIMAL128_REASON = 'ClickHouse 18.16 crashes when groupArray collects a Decimal128 (a sum of decimals, a decimal wider than 18 digits, or a value of unknown type), so QueryFlux does not send it'
