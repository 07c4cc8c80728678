/** Trino → MySQL-wire (MySQL, MariaDB): numbers, conditionals and aggregates. */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { aggregateModifiers, aggregateRule, isKnownInteger, knownType, operands, templateRule, withKnownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'

export const integerDivision: RewriteRule = {
  name: 'mysql-integer-division',
  reason: "Trino's / truncates when both sides are integers (7 / 2 = 3); MySQL's / returns a decimal (3.5000). DIV truncates toward zero as Trino does. Applied when both sides are known integers; a column's type is not known.",
  nodes: ['div'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined || !isKnownInteger(left) || !isKnownInteger(right)) return undefined
    // polyglot writes a DIV in a template as DIV(a, b), which MySQL cannot parse.
    return withKnownType(ctx.target('CAST(TRUNCATE(__0 / __1, 0) AS SIGNED)', [left, right]), 'integer')
  },
}

export const avgOfIntegerIsDouble = aggregateRule({
  name: 'mysql-avg-integer-is-double',
  reason: "Trino avg() of an integer is a double; MySQL returns a decimal with 4 digits. Applied when the argument is known to be an integer.",
  nodes: ['avg'],
  supportsFilterClause: false,
  template: (args, node) => isKnownInteger(child(node, 'this')) ? `AVG(CAST(${args[0]} AS DOUBLE))` : undefined,
  resultType: 'double',
})

const SAMPLE_STATISTICS: Readonly<Record<string, string>> = {
  stddev: 'STDDEV_SAMP', stddev_samp: 'STDDEV_SAMP', stddev_pop: 'STDDEV_POP', variance: 'VAR_SAMP', var_samp: 'VAR_SAMP', var_pop: 'VAR_POP',
}

export const statistics = aggregateRule({
  name: 'mysql-stddev-is-sample',
  reason: "Trino stddev()/variance() are the SAMPLE statistics and return doubles; MySQL STDDEV()/VARIANCE() are the POPULATION ones (polyglot keeps the names).",
  nodes: Object.keys(SAMPLE_STATISTICS),
  functions: Object.keys(SAMPLE_STATISTICS),
  supportsFilterClause: false,
  template: (args, node) => {
    const name = asCall(node)?.name ?? String(nodeData(node).name ?? Object.keys(node)[0]).toLowerCase()
    const fn = SAMPLE_STATISTICS[name]
    return fn === undefined || args.length !== 1 ? undefined : `${fn}(CAST(${args[0]} AS DOUBLE))`
  },
  resultType: 'double',
})

export const correlation = aggregateRule({
  name: 'mysql-corr-covar',
  reason: 'MySQL has no corr/covar_pop/covar_samp; they are computed from averages over the rows where both arguments are non-NULL, as Trino does.',
  functions: ['corr', 'covar_pop', 'covar_samp'],
  supportsFilterClause: false,
  template: (args, node) => {
    if (args.length !== 2) return undefined
    const both = (x: string): string => `CASE WHEN ${args[0]} IS NOT NULL AND ${args[1]} IS NOT NULL THEN CAST(${x} AS DOUBLE) END`
    const a = both(args[0]!)
    const b = both(args[1]!)
    const covarPop = `(AVG(${a} * ${b}) - AVG(${a}) * AVG(${b}))`
    switch (asCall(node)?.name) {
      case 'covar_pop': return covarPop
      case 'covar_samp': return `(${covarPop} * COUNT(${a}) / NULLIF(COUNT(${a}) - 1, 0))`
      case 'corr': return `(${covarPop} / NULLIF(STDDEV_POP(${a}) * STDDEV_POP(${b}), 0))`
      default: return undefined
    }
  },
  resultType: 'double',
})

export const geometricMean = aggregateRule({
  name: 'mysql-geometric-mean',
  reason: 'MySQL has no geometric_mean; EXP(AVG(LN(x))) is its definition.',
  functions: ['geometric_mean'],
  supportsFilterClause: false,
  template: (args) => `EXP(AVG(LN(CAST(${args[0]} AS DOUBLE))))`,
  resultType: 'double',
})

export const approxDistinct = aggregateRule({
  name: 'mysql-approx-distinct-exact',
  reason: 'MySQL has no approx_distinct; the exact COUNT(DISTINCT x) is within any error bound the approximation promises.',
  nodes: ['approx_distinct'],
  functions: ['approx_distinct'],
  supportsFilterClause: false,
  template: (args) => args.length === 1 ? `COUNT(DISTINCT ${args[0]})` : undefined,
  resultType: 'integer',
})

export const arbitrary = aggregateRule({
  name: 'mysql-arbitrary',
  reason: 'polyglot maps arbitrary() to ANY_VALUE(), which MariaDB lacks; MIN() returns one of the non-NULL values, which is all arbitrary() promises.',
  functions: ['arbitrary', 'any_value'],
  supportsFilterClause: false,
  template: (args) => args.length === 1 ? `MIN(${args[0]})` : undefined,
})

export const countIf = aggregateRule({
  name: 'mysql-count-if',
  reason: 'Trino count_if returns a bigint; polyglot writes SUM(CASE … 1 ELSE 0), which is a DECIMAL in MySQL. COUNT(CASE WHEN c THEN 1 END) is a BIGINT.',
  nodes: ['count_if'],
  functions: ['count_if'],
  supportsFilterClause: false,
  template: (args) => args.length === 1 ? `COUNT(CASE WHEN ${args[0]} THEN 1 END)` : undefined,
  resultType: 'integer',
})

/**
 * MySQL has no FILTER clause: the condition moves into the aggregate's argument
 * (`sum(x) FILTER (WHERE c)` → `SUM(CASE WHEN c THEN x END)`), which aggregates skip as NULL.
 */
const FILTERABLE: Readonly<Record<string, string>> = { sum: 'SUM', avg: 'AVG', min: 'MIN', max: 'MAX', count: 'COUNT' }

export const filterClause: RewriteRule = {
  name: 'mysql-filter-clause',
  reason: 'MySQL has no aggregate FILTER (WHERE …) clause (polyglot keeps it, MySQL rejects it); the condition moves into the argument as CASE WHEN, which aggregates skip as NULL.',
  nodes: Object.keys(FILTERABLE),
  rewrite (node, ctx) {
    const type = nodeType(node) ?? ''
    const { filter, distinct } = aggregateModifiers(node)
    if (filter === undefined) return undefined
    const fn = FILTERABLE[type]!
    const data = nodeData(node)
    const value = child(node, 'this')
    const prefix = distinct ? 'DISTINCT ' : ''
    if (type === 'count' && (data.star === true || value === undefined)) {
      return withKnownType(ctx.target('COUNT(CASE WHEN __0 THEN 1 END)', [filter]), 'integer')
    }
    if (value === undefined) return undefined
    return withKnownType(ctx.target(`${fn}(${prefix}CASE WHEN __1 THEN __0 END)`, [value, filter]), type === 'count' ? 'integer' : undefined)
  },
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'count_if', 'approx_distinct', 'aggregate_function', 'window_function'])

const sumAsBigint = aggregateRule({
  name: 'mysql-sum-integer-is-bigint',
  reason: 'Trino sum() of integers is a bigint; MySQL SUM() of integers is a DECIMAL. Cast back when the argument is known to be an integer (e.g. CASE … THEN 1 ELSE 0).',
  nodes: ['sum'],
  supportsFilterClause: false,
  // Not over an aggregate: sum(count(*)) OVER (…) is a window, where a CAST around SUM breaks the syntax.
  template: (args, node) => isKnownInteger(child(node, 'this')) && !AGGREGATES.has(nodeType(child(node, 'this')) ?? '') ? `CAST(SUM(${args[0]}) AS SIGNED)` : undefined,
  resultType: 'integer',
})

/**
 * Aggregates whose rewrite wraps the aggregate call (CAST(SUM(x) AS SIGNED)): in a window the
 * wrapper must go around the whole window call. By placeholder: the aggregate to put under OVER
 * and the wrapper template (`__0` for the window call).
 */
const windowWrapped = new WeakMap<AstNode, { readonly aggregate: AstNode, readonly wrapper: string, readonly type: KnownType | undefined }>()

/** Records that `placeholder` is `wrapper` around `aggregate`, for windowAggregateWrap. */
export function wrapsAggregate (placeholder: AstNode, aggregate: AstNode, wrapper: string, type?: KnownType): AstNode {
  windowWrapped.set(placeholder, { aggregate, wrapper, type })
  return placeholder
}

export const sumOfKnownIntegers: RewriteRule = {
  ...sumAsBigint,
  rewrite (node, ctx) {
    const out = sumAsBigint.rewrite(node, ctx)
    return out === undefined ? undefined : wrapsAggregate(out, node, 'CAST(__0 AS SIGNED)', 'integer')
  },
}

export const windowAggregateWrap: RewriteRule = {
  name: 'mysql-window-aggregate-wrap',
  reason: 'An aggregate rewritten as a wrapper around the call (CAST(SUM(x) AS SIGNED) for a bigint sum, CONVERT(MIN(bytes) USING utf8mb4) for a string min) takes the wrapper around the whole window call in a window: CAST(SUM(x) AS SIGNED) OVER (…) is a syntax error.',
  nodes: ['window_function'],
  words: ['over'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const inner = data.this as AstNode | undefined
    const wrapped = inner === undefined ? undefined : windowWrapped.get(inner)
    if (inner === undefined || wrapped === undefined) return undefined
    if (aggregateModifiers(wrapped.aggregate).filter !== undefined) return ctx.fail('an aggregate with FILTER (WHERE …) in a window is not translated to MySQL (MySQL has no FILTER clause)', node)
    ctx.retract(inner)
    return withKnownType(ctx.target(wrapped.wrapper, [{ window_function: { ...data, this: wrapped.aggregate } }]), wrapped.type)
  },
}

export const ifFunction = templateRule({
  name: 'mysql-if',
  reason: 'Trino if(c, a) has an optional third argument; MySQL IF() needs all three. CASE WHEN is the same for both forms.',
  nodes: ['if_func'],
  args: (node) => {
    const data = nodeData(node)
    return [data.condition, data.true_value, data.false_value].filter((v) => v !== null && v !== undefined) as AstNode[]
  },
  template: (args) => args.length === 3 ? 'CASE WHEN __0 THEN __1 ELSE __2 END' : 'CASE WHEN __0 THEN __1 END',
})

export const roundDouble = templateRule({
  name: 'mysql-round-double',
  reason: 'MariaDB rounds doubles half to even (ROUND(2.5E0) = 2); Trino rounds half away from zero. Rounded as a decimal, returned as a double.',
  functions: ['round'],
  template: (args) => knownType(args[0]) !== 'double' ? undefined : `CAST(ROUND(CAST(__0 AS DECIMAL(65, 30))${args.length > 1 ? ', __1' : ''}) AS DOUBLE)`,
  resultType: 'double',
})

export const truncate = templateRule({
  name: 'mysql-truncate',
  reason: 'MySQL TRUNCATE() needs its digits argument; Trino truncate(x) drops the fraction.',
  functions: ['truncate', 'trunc'],
  template: (args) => args.length === 1 ? 'TRUNCATE(__0, 0)' : args.length === 2 ? 'TRUNCATE(__0, __1)' : undefined,
})

export const boolAggregates: RewriteRule = {
  name: 'mysql-bool-aggregates',
  reason: 'MySQL has no bool_and/bool_or/every; over a condition (1, 0 or NULL in MySQL) they are MIN/MAX of `c <> 0`, NULLs skipped as in Trino. The output column is reported as boolean from the source type.',
  nodes: ['logical_and', 'logical_or'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    const { filter, distinct, orderBy } = aggregateModifiers(node)
    if (value === undefined || distinct || orderBy) return undefined
    const fn = nodeType(node) === 'logical_and' ? 'MIN' : 'MAX'
    // A paren node: the generator does not parenthesise a filled-in argument (`a OR b <> 0`).
    const args = [{ paren: { this: value } }, ...(filter === undefined ? [] : [filter])]
    const input = filter === undefined ? '__0 <> 0' : 'CASE WHEN __1 THEN __0 <> 0 END'
    return withKnownType(ctx.target(`${fn}(${input})`, args), 'boolean')
  },
}

/** How max_by/min_by's value, carried as text, is read back, by the value's type. */
const FROM_TEXT: Readonly<Partial<Record<KnownType, string>>> = {
  integer: 'CAST(__t AS SIGNED)', double: 'CAST(__t AS DOUBLE)', date: 'CAST(__t AS DATE)', varchar: '__t',
}

export const maxByMinBy = aggregateRule({
  name: 'mysql-max-by-min-by',
  reason: "MySQL has no max_by/min_by. GROUP_CONCAT(… ORDER BY y LIMIT 1) keeps the x of the largest (smallest) non-NULL y as text ('v' before a value, 'n' for NULL, which GROUP_CONCAT would skip), read back as x's type; applied when that type is known (integer, double, date, varchar), refused otherwise.",
  functions: ['max_by', 'min_by'],
  supportsFilterClause: false,
  template: (args, node, ctx) => {
    const call = asCall(node)
    if (call === undefined || args.length !== 2) return undefined
    const read = FROM_TEXT[knownType(call.args[0]) ?? 'boolean']
    if (read === undefined) return ctx.fail(`${call.name}() is translated to MySQL only when the type of its first argument is known to be an integer, double, date or varchar`, node)
    const order = call.name === 'max_by' ? `${args[1]} DESC` : `${args[1]} IS NULL, ${args[1]}`
    const text = `SUBSTRING(NULLIF(GROUP_CONCAT(CASE WHEN ${args[1]} IS NOT NULL THEN IFNULL(CONCAT('v', ${args[0]}), 'n') END ORDER BY ${order} SEPARATOR '' LIMIT 1), 'n'), 2)`
    return read.replace('__t', text)
  },
  resultType: (args) => knownType(args[0]),
})

/** Integer ranges of Trino's integer types. */
const INTEGER_RANGES: Readonly<Record<string, readonly [string, string]>> = {
  tiny_int: ['-128', '127'], small_int: ['-32768', '32767'], int: ['-2147483648', '2147483647'], integer: ['-2147483648', '2147483647'],
  big_int: ['-9223372036854775808', '9223372036854775807'], bigint: ['-9223372036854775808', '9223372036854775807'],
}

/** Trino trims characters up to U+0020 (Java's String.trim) before parsing. */
const TRIMMED = "REGEXP_REPLACE(__0, '^[[:cntrl:] ]+|[[:cntrl:] ]+$', '')"
/** A failure, for input Trino parses but MariaDB cannot represent: MariaDB reports 'Subquery returns more than 1 row'. */
const UNREPRESENTABLE = '(SELECT 1 UNION ALL SELECT 2)'

/**
 * TRY_CAST of a string (`type` is what is known of the operand) to an integer type, double or
 * date, with Trino's parsing rules (measured on Trino 476): surrounding control characters and
 * spaces trimmed; integers with an optional sign and in range; doubles in decimal or exponent
 * form (a d/f suffix allowed, NaN/Infinity not); dates y-m-d with 1–2 digit month and day.
 * Anything else Trino would parse but MariaDB cannot hold (hex doubles, years outside
 * 1000–9999 written with other than four digits) fails at run time; everything else is refused.
 */
export function tryCastFrom (node: AstNode, type: KnownType | undefined, ctx: RewriteContext): AstNode {
  const to = (nodeData(node).to as { data_type?: unknown } | undefined)?.data_type
  const value = child(node, 'this')
  if (value === undefined || type !== 'varchar' || typeof to !== 'string') {
    return ctx.fail("TRY_CAST is translated to MySQL only from a string to an integer type, double or date (MySQL's CAST turns bad input into 0 or a truncated value instead of NULL)", node)
  }
  const t = TRIMMED
  const range = INTEGER_RANGES[to]
  let template: string | undefined
  let result: KnownType | undefined
  if (range !== undefined) {
    template = `CASE WHEN REGEXP_INSTR(${t}, '^[+-]?[0-9]+$') > 0 AND CAST(${t} AS DECIMAL(65, 0)) BETWEEN ${range[0]} AND ${range[1]} THEN CAST(${t} AS SIGNED) END`
    result = 'integer'
  } else if (to === 'double') {
    template = `CASE WHEN REGEXP_INSTR(${t}, '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?[dDfF]?$') > 0 THEN CAST(REGEXP_REPLACE(${t}, '[dDfF]$', '') AS DOUBLE) WHEN REGEXP_INSTR(${t}, '^[+-]?0[xX]') > 0 THEN ${UNREPRESENTABLE} END`
    result = 'double'
  } else if (to === 'date') {
    // The CAST around: a CASE of a DATE and the failing subquery's integer would be a string.
    template = `CAST(CASE WHEN REGEXP_INSTR(${t}, '^[+]?[0-9]{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])$') > 0 THEN CAST(REPLACE(${t}, '+', '') AS DATE) WHEN REGEXP_INSTR(${t}, '^[+-]?[0-9]+-[0-9]{1,2}-[0-9]{1,2}$') > 0 AND REGEXP_INSTR(${t}, '^[+]?[0-9]{4}-') = 0 THEN ${UNREPRESENTABLE} END AS DATE)`
    result = 'date'
  }
  if (template === undefined) return ctx.fail(`TRY_CAST to ${to} is not translated to MySQL (only integer types, double and date)`, node)
  return withKnownType(ctx.target(template, [value]), result)
}

export const tryCast: RewriteRule = {
  name: 'mysql-try-cast',
  reason: "MySQL has no TRY_CAST and its CAST turns bad input into 0 or a truncated value. From a string to an integer type, double or date, Trino's parse rules are checked with REGEXP first (NULL when they fail, range included); a bare column's type is taken from the SELECT; other TRY_CASTs are refused.",
  nodes: ['try_cast'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    const type = knownType(value)
    // polyglot leaves a column of a derived table or VALUES untyped: the enclosing SELECT finishes it (queries.ts).
    if (type === undefined && nodeType(value) === 'column') return undefined
    return tryCastFrom(node, type, ctx)
  },
}

/** Functions and constructs MySQL-wire engines cannot answer as Trino does. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  approx_percentile: 'MariaDB has no percentile aggregate (PERCENTILE_DISC is a window function there)',
  levenshtein_distance: 'MySQL has no levenshtein', typeof: "MySQL type names differ from Trino's",
  array_agg: 'MySQL-wire engines have no arrays',
}

export const unsupported: RewriteRule = {
  name: 'mysql-known-unsupported',
  reason: 'Trino functions MySQL-wire engines cannot answer the same way: fail instead of returning something else.',
  functions: Object.keys(UNSUPPORTED),
  nodes: ['array_agg'],
  rewrite (node, ctx) {
    const type = nodeType(node)
    const name = asCall(node)?.name ?? type ?? ''
    return ctx.fail(`${name}() has no MySQL equivalent: ${UNSUPPORTED[name] ?? 'MySQL-wire engines have no arrays'}`, node)
  },
}

export const numberRules: readonly RewriteRule[] = [
  integerDivision, avgOfIntegerIsDouble, statistics, correlation, geometricMean, approxDistinct, arbitrary, countIf,
  filterClause, sumOfKnownIntegers, windowAggregateWrap, ifFunction, roundDouble, truncate, boolAggregates, maxByMinBy, tryCast, unsupported,
]

void operands
