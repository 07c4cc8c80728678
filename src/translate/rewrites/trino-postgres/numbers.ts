/** Trino → PostgreSQL: numbers, conditionals and aggregates. */
import { nodeData } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateRule, isKnownInteger, knownType, slots, templateRule } from '../trino-common/rule-kit.ts'

export const avgOfIntegerIsDouble = aggregateRule({
  name: 'pg-avg-integer-is-double',
  reason: 'Trino avg() of an integer is a double; PostgreSQL returns numeric. Applied when the argument is known to be an integer (a column\'s type is not known).',
  nodes: ['avg'],
  supportsFilterClause: true,
  template: (args, node, _ctx, filter) => isKnownInteger(child(node, 'this')) ? `avg(CAST(${args[0]} AS DOUBLE PRECISION))${filter}` : undefined,
  resultType: 'double',
})

const STATISTICS = ['stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop', 'corr', 'covar_pop', 'covar_samp', 'regr_slope', 'regr_intercept']
const STATISTIC_NAMES: Readonly<Record<string, string>> = { variance: 'var_samp', stddev: 'stddev_samp' }

export const statisticsAreDouble = aggregateRule({
  name: 'pg-statistics-are-double',
  reason: 'Trino stddev/variance/corr/covar always return a double; PostgreSQL returns numeric for integer and decimal input.',
  functions: STATISTICS,
  nodes: STATISTICS,
  supportsFilterClause: true,
  template: (args, node, _ctx, filter) => {
    const name = asCall(node)?.name ?? String(nodeData(node).name ?? Object.keys(node)[0]).toLowerCase()
    const fn = STATISTIC_NAMES[name] ?? name
    return `${fn}(${args.map((a) => `CAST(${a} AS DOUBLE PRECISION)`).join(', ')})${filter}`
  },
  resultType: 'double',
})

export const geometricMean = aggregateRule({
  name: 'pg-geometric-mean',
  reason: 'PostgreSQL has no geometric_mean; exp(avg(ln(x))) is its definition.',
  functions: ['geometric_mean'],
  supportsFilterClause: true,
  template: (args, _node, _ctx, filter) => `exp(avg(ln(CAST(${args[0]} AS DOUBLE PRECISION)))${filter})`,
  resultType: 'double',
})

export const approxDistinct = aggregateRule({
  name: 'pg-approx-distinct-exact',
  reason: 'PostgreSQL has no approx_distinct; the exact count(DISTINCT x) is within any error bound the approximation promises.',
  nodes: ['approx_distinct'],
  functions: ['approx_distinct'],
  supportsFilterClause: true,
  template: (args, _node, _ctx, filter) => args.length === 1 ? `count(DISTINCT ${args[0]})${filter}` : undefined,
  resultType: 'integer',
})

export const approxPercentile = aggregateRule({
  name: 'pg-approx-percentile',
  reason: 'PostgreSQL has no approx_percentile; percentile_disc returns a value of the input, as Trino\'s approximation does. The weighted form has no equivalent.',
  functions: ['approx_percentile'],
  supportsFilterClause: true,
  template: (args, node, ctx, filter) => {
    if (args.length !== 2) return ctx.fail('approx_percentile with weights or an accuracy argument has no PostgreSQL equivalent', node)
    return `percentile_disc(${args[1]}) WITHIN GROUP (ORDER BY ${args[0]})${filter}`
  },
})

export const maxByMinBy = aggregateRule({
  name: 'pg-max-by-min-by',
  reason: 'PostgreSQL has no max_by/min_by; the first element of array_agg ordered by the key (rows with a NULL key skipped, as Trino does) is the same value.',
  functions: ['max_by', 'min_by'],
  supportsFilterClause: false,
  template: (args, node, ctx) => {
    if (args.length !== 2) return ctx.fail('max_by/min_by with a count argument has no PostgreSQL equivalent', node)
    const order = asCall(node)?.name === 'max_by' ? 'DESC' : 'ASC'
    return `(array_agg(${args[0]} ORDER BY ${args[1]} ${order}) FILTER (WHERE ${args[1]} IS NOT NULL))[1]`
  },
})

export const arbitrary = aggregateRule({
  name: 'pg-arbitrary',
  reason: 'polyglot maps arbitrary() to any_value(), which PostgreSQL 15 lacks; min() returns one of the non-NULL values, which is all arbitrary() promises.',
  functions: ['arbitrary', 'any_value'],
  supportsFilterClause: true,
  template: (args, _node, _ctx, filter) => args.length === 1 ? `min(${args[0]})${filter}` : undefined,
})

export const ifFunction = templateRule({
  name: 'pg-if',
  reason: 'PostgreSQL has no if(); polyglot passes it through. CASE WHEN is the same.',
  nodes: ['if_func'],
  args: (node) => {
    const data = nodeData(node)
    const parts = [data.condition, data.true_value, data.false_value].filter((v) => v !== null && v !== undefined)
    return parts as never
  },
  template: (args) => args.length === 3 ? 'CASE WHEN __0 THEN __1 ELSE __2 END' : 'CASE WHEN __0 THEN __1 END',
})

export const roundDouble = templateRule({
  name: 'pg-round-double',
  reason: 'PostgreSQL has no round(double precision, integer), and round(double precision) rounds half to even; Trino rounds doubles half away from zero. Rounded as numeric, returned as double.',
  functions: ['round'],
  template: (args) => knownType(args[0]) !== 'double' ? undefined : `CAST(round(CAST(${slots(1)} AS NUMERIC)${args.length > 1 ? ', __1' : ''}) AS DOUBLE PRECISION)`,
  resultType: 'double',
})

export const signOfInteger = templateRule({
  name: 'pg-sign-integer',
  reason: 'PostgreSQL sign() of an integer returns a double; Trino keeps the integer type. Applied when the argument is known to be an integer.',
  functions: ['sign'],
  template: (args) => args.length === 1 && isKnownInteger(args[0]) ? 'CAST(sign(__0) AS BIGINT)' : undefined,
})

export const castDoubleToInteger: RewriteRule = {
  name: 'pg-cast-double-to-integer-rounds-half-up',
  reason: 'Trino rounds a double half away from zero when casting it to an integer (2.5 → 3); PostgreSQL rounds half to even (2). Rounded as numeric first.',
  nodes: ['cast'],
  rewrite (node, ctx) {
    const to = nodeData(node).to as { data_type?: unknown } | undefined
    const value = child(node, 'this')
    if (value === undefined || knownType(value) !== 'double' || !['int', 'integer', 'big_int', 'bigint', 'small_int', 'tiny_int'].includes(String(to?.data_type))) return undefined
    const target = to?.data_type === 'big_int' || to?.data_type === 'bigint' ? 'BIGINT' : 'INTEGER'
    return ctx.target(`CAST(round(CAST(__0 AS NUMERIC)) AS ${target})`, [value])
  },
}

export const tryCastRefused: RewriteRule = {
  name: 'pg-try-cast-refused',
  reason: 'PostgreSQL 15 has no TRY_CAST nor a way to test a conversion without failing the query; a plain CAST would fail where Trino returns NULL.',
  nodes: ['try_cast'],
  rewrite (node, ctx) {
    return ctx.fail('TRY_CAST has no PostgreSQL 15 equivalent (a CAST would fail the query where Trino returns NULL)', node)
  },
}

export const numberRules: readonly RewriteRule[] = [
  avgOfIntegerIsDouble, statisticsAreDouble, geometricMean, approxDistinct, approxPercentile, maxByMinBy, arbitrary,
  ifFunction, roundDouble, signOfInteger, castDoubleToInteger, tryCastRefused,
]
