/**
 * Trino → DuckDB: results DuckDB computes right but in a wider or other type than Trino
 * (HUGEINT sums and counts, UBIGINT lengths), and TRY_CAST of text to an integer.
 *
 * Types of bare columns are unknown here (no schema). DuckDB's `cast_to_type(value, sample)`
 * casts to the type of `sample`, chosen when DuckDB binds the statement, so a sample built from
 * the argument gives the result Trino's type whatever the column's type turns out to be.
 */
import { functionNode, nodeData } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { hasPositionalParameter } from '../apply.ts'
import { child } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { knownType } from '../trino-common/rule-kit.ts'

/** An aggregate rewritten as a template over aggregate calls, redone with the OVER clause when it is a window. */
interface AggregateRewrite {
  readonly template: string
  readonly aggregates: readonly AstNode[]
}

const aggregateRewrites = new WeakMap<AstNode, AggregateRewrite>()

function aggregateTarget (rewrite: AggregateRewrite, ctx: RewriteContext): AstNode {
  const placeholder = ctx.target(rewrite.template, rewrite.aggregates)
  aggregateRewrites.set(placeholder, rewrite)
  return placeholder
}

function aggregateArgument (node: AstNode): AstNode | undefined {
  return child(node, 'this')
}

export const sumIntegerIsBigint: RewriteRule = {
  name: 'sum-integer-is-bigint',
  reason: "Trino sum() of integers is a bigint; DuckDB's is a HUGEINT (decimal(38,0) to clients). cast_to_type(sum(x), max(x) + CAST(0 AS BIGINT)) is a bigint for integers and leaves doubles and decimals (scale kept) as they are, so the column's type need not be known.",
  nodes: ['sum'],
  words: ['sum'],
  rewrite (node, ctx) {
    const value = aggregateArgument(node)
    if (value === undefined) return undefined
    const type = knownType(value)
    if (type === 'decimal' || type === 'double' || type === 'interval') return undefined
    if (type === 'integer') return aggregateTarget({ template: 'CAST(__0 AS BIGINT)', aggregates: [node] }, ctx)
    // The sample repeats the argument: a ? in it would shift the client's parameters.
    if (hasPositionalParameter(value)) return undefined
    const sample = functionNode('max', [value])
    return aggregateTarget({ template: 'cast_to_type(__0, __1 + CAST(0 AS BIGINT))', aggregates: [node, sample] }, ctx)
  },
}

export const countIfIsBigint: RewriteRule = {
  name: 'count-if-is-bigint',
  reason: "Trino count_if() is a bigint; DuckDB's is a HUGEINT (decimal(38,0) to clients). A count always fits a bigint.",
  nodes: ['count_if'],
  words: ['count_if'],
  rewrite (node, ctx) {
    return aggregateTarget({ template: 'CAST(__0 AS BIGINT)', aggregates: [node] }, ctx)
  },
}

export const aggregateTypeInWindow: RewriteRule = {
  name: 'aggregate-type-in-window',
  reason: 'The sum/count_if result-type casts wrap the aggregate; over a window, the OVER clause must stay on each aggregate inside the cast, not on the cast.',
  nodes: ['window_function'],
  words: ['over'],
  rewrite (node, ctx) {
    const inner = child(node, 'this')
    const rewrite = inner === undefined ? undefined : aggregateRewrites.get(inner)
    if (inner === undefined || rewrite === undefined) return undefined
    ctx.retract(inner)
    const data = nodeData(node)
    return ctx.target(rewrite.template, rewrite.aggregates.map((aggregate) => ({ window_function: { ...data, this: aggregate } })))
  },
}

export const jsonArrayLengthIsBigint: RewriteRule = {
  name: 'json-array-length-is-bigint',
  reason: "Trino json_array_length() is a bigint; DuckDB's is a UBIGINT (decimal(20,0) to clients).",
  nodes: ['json_array_length'],
  words: ['json_array_length'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    return value === undefined ? undefined : ctx.target('CAST(json_array_length(__0) AS BIGINT)', [value])
  },
}

const INTEGER_TARGETS: Readonly<Record<string, string>> = {
  tiny_int: 'TINYINT', tinyint: 'TINYINT', small_int: 'SMALLINT', smallint: 'SMALLINT', int: 'INTEGER', integer: 'INTEGER', big_int: 'BIGINT', bigint: 'BIGINT',
}

export const tryCastTextToInteger: RewriteRule = {
  name: 'try-cast-text-to-integer',
  reason: "Trino TRY_CAST('3.5' AS integer) is NULL (text must be an integer literal); DuckDB rounds it to 4. Text that is not [+-]digits (spaces trimmed) gives NULL; numbers keep DuckDB's cast.",
  nodes: ['try_cast'],
  words: ['try_cast'],
  rewrite (node, ctx) {
    const to = nodeData(node).to as { data_type?: unknown } | undefined
    const target = typeof to?.data_type === 'string' ? INTEGER_TARGETS[to.data_type] : undefined
    const value = child(node, 'this')
    if (target === undefined || value === undefined) return undefined
    const type = knownType(value)
    if (type !== undefined && type !== 'varchar') return undefined
    if (hasPositionalParameter(value)) ctx.fail('TRY_CAST of a ? parameter to an integer needs the value twice (to check its text), which would shift the parameters after it; bind the value in the SQL text', value)
    return ctx.target(
      `CASE WHEN typeof(__0) = 'VARCHAR' AND NOT regexp_full_match(CAST(__0 AS VARCHAR), '[[:space:]]*[+-]?[0-9]+[[:space:]]*') THEN NULL ELSE TRY_CAST(__0 AS ${target}) END`,
      [value], to?.data_type as string)
  },
}

export const resultTypeRules: readonly RewriteRule[] = [sumIntegerIsBigint, countIfIsBigint, aggregateTypeInWindow, jsonArrayLengthIsBigint, tryCastTextToInteger]
