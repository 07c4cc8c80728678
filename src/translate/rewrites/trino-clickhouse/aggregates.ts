/**
 * Trino → ClickHouse: aggregates. ClickHouse returns 0 (or nan) for an aggregate over no rows
 * where Trino returns NULL, and counts are UInt64; polyglot refuses every non-count aggregate
 * for that reason unless the engine runs with aggregate_functions_null_for_empty (which
 * ClickHouse 18.16 does not have). These rules guard each aggregate with its own count.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateModifiers, isKnownInteger, knownType, operands, withKnownType } from '../trino-common/rule-kit.ts'
import { markAggregate } from './grouping.ts'
import { decimalLiteralText, decimalScaleOf, scalePreserving, withDecimalScale } from './numbers.ts'

export const countIsInt64: RewriteRule = {
  name: 'ch-count-is-int64',
  reason: "Trino count() is a bigint; ClickHouse count() is UInt64, which no signed 64-bit type holds (QueryFlux reports it as decimal(20,0)). toInt64 gives Trino's type; counts never reach 2^63.",
  nodes: ['count', 'count_if'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const { filter, distinct } = aggregateModifiers(node)
    const value = child(node, 'this')
    const isCountIf = nodeType(node) === 'count_if'
    if (isCountIf) {
      if (value === undefined) return undefined
      return withKnownType(filter === undefined ? ctx.target('toInt64(countIf(__0))', [value]) : ctx.target('toInt64(countIf((__0) AND (__1)))', [value, filter]), 'integer')
    }
    if (data.star === true || value === undefined) {
      return withKnownType(filter === undefined ? ctx.target('toInt64(count())', []) : ctx.target('toInt64(countIf(__0))', [filter]), 'integer')
    }
    if (distinct) {
      return withKnownType(filter === undefined ? ctx.target('toInt64(uniqExact(__0))', [value]) : ctx.target('toInt64(uniqExactIf(__0, __1))', [value, filter]), 'integer')
    }
    return withKnownType(filter === undefined ? ctx.target('toInt64(count(__0))', [value]) : ctx.target('toInt64(countIf((__0) IS NOT NULL AND (__1)))', [value, filter]), 'integer')
  },
}

/** Trino aggregate → ClickHouse function; all return NULL over no (non-NULL) input in Trino. */
const GUARDED: Readonly<Record<string, string>> = {
  sum: 'sum', avg: 'avg', min: 'min', max: 'max', stddev: 'stddevSamp', stddev_samp: 'stddevSamp', stddev_pop: 'stddevPop',
  variance: 'varSamp', var_samp: 'varSamp', var_pop: 'varPop', arbitrary: 'any', any_value: 'any',
}

export const guardedAggregates: RewriteRule = {
  name: 'ch-aggregates-null-on-empty',
  reason: 'Trino sum/avg/min/max/stddev/variance over no non-NULL input return NULL; ClickHouse returns 0 or nan. if(count(x) = 0, NULL, f(x)) gives Trino\'s answer; stddev and variance take their sample forms (Trino\'s default).',
  nodes: ['sum', 'avg', 'min', 'max', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop'],
  functions: ['arbitrary', 'any_value'],
  rewrite (node, ctx) {
    const name = (asCall(node)?.name ?? nodeType(node) ?? '').toLowerCase()
    const fn = GUARDED[name]
    const args = operands(node)
    const { filter, distinct, orderBy } = aggregateModifiers(node)
    if (fn === undefined || args.length !== 1 || distinct || orderBy) return undefined
    const integer = name === 'sum' && isKnownInteger(args[0])
    const scale = decimalScaleOf(args[0])
    // ClickHouse 18.16 throws on avg over no rows even in an if() branch it does not take; sum / count does not.
    const quotient = filter === undefined ? 'sum(__0) / greatest(count(__0), 1)' : 'sumIf(__0, __1) / greatest(countIf((__0) IS NOT NULL AND (__1)), 1)'
    // Trino's avg of a decimal(p, s) is rounded half away from zero to scale s; ClickHouse's division truncates.
    const value = name === 'avg'
      ? (scale === undefined ? quotient : `toDecimal128(round(${quotient.replace(/^(sum(?:If)?\(__0(?:, __1)?\))/, `toDecimal128($1, ${scale + 1})`)}, ${scale}), ${scale})`)
      : (filter === undefined ? `${fn}(__0)` : `${fn}If(__0, __1)`)
    // A sum of small integers is UInt64 in ClickHouse; Trino's is a bigint.
    const typed = integer ? `toInt64(${value})` : name.startsWith('std') || name.startsWith('var') ? `toFloat64(${value})` : value
    const placeholder = filter === undefined
      ? withKnownType(ctx.target(`if(count(__0) = 0, NULL, ${typed})`, args), integer ? 'integer' : undefined)
      : withKnownType(ctx.target(`if(countIf((__0) IS NOT NULL AND (__1)) = 0, NULL, ${typed})`, [args[0]!, filter]), integer ? 'integer' : undefined)
    if (['sum', 'avg', 'min', 'max', 'arbitrary', 'any_value'].includes(name)) scalePreserving.add(placeholder)
    // A sum of decimals is a Decimal128 of the same scale in ClickHouse; avg, min and max keep the scale.
    return scale === undefined || !['sum', 'avg', 'min', 'max'].includes(name) ? placeholder : withDecimalScale(placeholder, scale, name === 'sum' || name === 'avg')
  },
}

const PAIRED: Readonly<Record<string, string>> = { corr: 'corr', covar_pop: 'covarPop', covar_samp: 'covarSamp', max_by: 'argMax', min_by: 'argMin' }

export const pairedAggregates: RewriteRule = {
  name: 'ch-paired-aggregates',
  reason: 'Trino corr/covar/max_by/min_by are ClickHouse corr/covarPop/covarSamp/argMax/argMin, guarded so that no input gives NULL as in Trino.',
  functions: Object.keys(PAIRED),
  rewrite (node, ctx) {
    const call = asCall(node)
    const fn = call === undefined ? undefined : PAIRED[call.name]
    const { filter, distinct } = aggregateModifiers(node)
    if (call?.args.length !== 2 || fn === undefined || filter !== undefined || distinct) return undefined
    // corr/covar take Float64 in ClickHouse 18.16 (not Decimal); Trino returns a double anyway.
    const inner = fn.startsWith('arg') ? `${fn}(__0, __1)` : `${fn}(toFloat64(__0), toFloat64(__1))`
    return ctx.target(`if(countIf((__0) IS NOT NULL AND (__1) IS NOT NULL) = 0, NULL, ${inner})`, call.args)
  },
}

export const approxAggregates: RewriteRule = {
  name: 'ch-approx-aggregates',
  reason: "Trino approx_distinct and approx_percentile are ClickHouse uniq (as Int64) and quantile(p)(x); geometric_mean is exp(avg(log(x))).",
  nodes: ['approx_distinct'],
  functions: ['approx_distinct', 'approx_percentile', 'geometric_mean'],
  rewrite (node, ctx) {
    const name = asCall(node)?.name ?? nodeType(node)
    const args = operands(node)
    const { filter, distinct } = aggregateModifiers(node)
    if (filter !== undefined || distinct) return undefined
    if (name === 'approx_distinct' && args.length === 1) return withKnownType(ctx.target('toInt64(uniq(__0))', args), 'integer')
    if (name === 'geometric_mean' && args.length === 1) return withKnownType(ctx.target('if(count(__0) = 0, NULL, exp(sum(log(__0)) / greatest(count(__0), 1)))', args), 'double')
    if (name === 'approx_percentile' && args.length === 2) {
      const p = decimalLiteralText(args[1])
      if (typeof p !== 'string' || !/^(0(\.\d+)?|1(\.0+)?)$/.test(p)) return ctx.fail('approx_percentile needs a literal fraction to be translated to ClickHouse', node)
      if (args[1] !== undefined && nodeType(args[1]) === 'function') ctx.retract(args[1])
      // Trino has no decimal approx_percentile: a decimal is read as a double (and 18.16's quantile takes no Decimal).
      const isDecimal = knownType(args[0]) === 'decimal'
      const value = isDecimal ? `quantile(${p})(toFloat64(__0))` : `quantile(${p})(__0)`
      return withKnownType(ctx.target(`if(count(__0) = 0, NULL, ${value})`, [args[0]!]), isDecimal ? 'double' : undefined)
    }
    return undefined
  },
}

/** Aggregates NULL over no input (the guarded ones) and counts (0 over no input), for decorrelation (correlated.ts). */
export const emptyInputValue = new WeakMap<object, 'null' | 'zero'>()

/** Each rule's result marked as an aggregate, for the grouping-set expansion (grouping.ts) and decorrelation. */
function marked (rule: RewriteRule, empty?: 'null' | 'zero'): RewriteRule {
  return {
    ...rule,
    rewrite: (node, ctx) => {
      const out = rule.rewrite(node, ctx)
      if (out !== undefined && empty !== undefined) emptyInputValue.set(out, empty)
      return out === undefined ? undefined : markAggregate(out)
    },
  }
}

export const aggregateRules: readonly RewriteRule[] = [marked(countIsInt64, 'zero'), marked(guardedAggregates, 'null'), marked(pairedAggregates, 'null'), marked(approxAggregates)]

void (null as unknown as AstNode)
