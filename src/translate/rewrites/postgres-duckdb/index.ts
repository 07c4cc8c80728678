/**
 * PostgreSQL → DuckDB rewrites: where polyglot's translation runs on DuckDB but answers in
 * another type or value than PostgreSQL (integer `/`, numeric EXTRACT and AVG, double
 * date_part, timestamptz date_trunc of a date, empty-array lengths), or fails (to_char patterns,
 * initcap, generate_series as a table). DuckDB's decimal division and avg are doubles, so
 * numeric results are exact to about 15 significant digits.
 */
import { nodeData, nodeType, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import { aggregateCastInWindow, wrapAggregate } from '../mysql-common/aggregate-casts.ts'
import { postgresFormatToMysql } from '../postgres-trino/to-char.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateModifiers, knownType, withKnownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'
import { convertMysqlFormat } from '../trino-duckdb/date-format.ts'

/** knownType, with PostgreSQL's date - date = integer (days). */
function pgType (node: AstNode | undefined): KnownType | undefined {
  if (node === undefined) return undefined
  const type = nodeType(node)
  if (type === 'paren') return pgType(child(node, 'this'))
  if (type === 'sub' && pgType(child(node, 'left')) === 'date' && pgType(child(node, 'right')) === 'date') return 'integer'
  return knownType(node)
}

const isExact = (node: AstNode | undefined): boolean => { const t = pgType(node); return t === 'integer' || t === 'decimal' }

export const integerDivision: RewriteRule = {
  name: 'pgd-integer-division',
  reason: "PostgreSQL's / of integers truncates toward zero (7 / 2 = 3); DuckDB's / gives a double. divide() truncates the same way.",
  nodes: ['div'],
  words: ['/'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (pgType(left) !== 'integer' || pgType(right) !== 'integer') return undefined
    return withKnownType(ctx.target('divide(__0, __1)', [left!, right!]), 'integer')
  },
}

export const numericDivision: RewriteRule = {
  name: 'pgd-numeric-division',
  reason: 'PostgreSQL divides numeric exactly into a numeric; DuckDB divides decimals as doubles. The quotient is cast back to DECIMAL(38, 10).',
  nodes: ['div'],
  words: ['/'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (!isExact(left) || !isExact(right) || (pgType(left) !== 'decimal' && pgType(right) !== 'decimal')) return undefined
    return withKnownType(ctx.target('CAST(__0 / __1 AS DECIMAL(38, 10))', [left!, right!]), 'decimal')
  },
}

export const unconstrainedNumeric: RewriteRule = {
  name: 'pgd-unconstrained-numeric',
  reason: "PostgreSQL numeric without a precision keeps every digit; DuckDB's bare DECIMAL is DECIMAL(18,3), which rounds to 3 decimals. DECIMAL(38,10) keeps 10.",
  nodes: ['cast'],
  words: ['numeric', 'decimal'],
  rewrite (node) {
    const data = nodeData(node)
    const to = data.to as { data_type?: unknown, precision?: unknown } | undefined
    if (to?.data_type !== 'decimal' || (to.precision !== null && to.precision !== undefined)) return undefined
    return { cast: { ...data, to: { ...to, precision: 38, scale: 10 } } }
  },
}

export const extractIsNumeric: RewriteRule = {
  name: 'pgd-extract-numeric',
  reason: 'PostgreSQL EXTRACT returns numeric (extract(epoch …) with its fraction); DuckDB returns a bigint or a double.',
  nodes: ['extract'],
  words: ['extract'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    if (value === undefined) return undefined
    return withKnownType(ctx.target('CAST(__0 AS DECIMAL(38, 10))', [node]), 'decimal')
  },
}

export const datePartIsDouble: RewriteRule = {
  name: 'pgd-date-part-double',
  reason: 'PostgreSQL date_part() returns double precision; DuckDB returns a bigint.',
  functions: ['date_part'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    return withKnownType(ctx.target('CAST(date_part(__0, __1) AS DOUBLE)', call.args), 'double')
  },
}

export const avgIsNumeric: RewriteRule = {
  name: 'pgd-avg-numeric',
  reason: 'PostgreSQL avg of integers or numeric is numeric; DuckDB avg is a double. Cast to DECIMAL(38, 10).',
  nodes: ['avg'],
  words: ['avg'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    const { filter, orderBy } = aggregateModifiers(node)
    if (filter !== undefined || orderBy || !isExact(value)) return undefined
    return wrapAggregate(node, 'CAST(__0 AS DECIMAL(38, 10))', 'decimal', ctx)
  },
}

export const percentileContIsDouble: RewriteRule = {
  name: 'pgd-percentile-cont-double',
  reason: "PostgreSQL percentile_cont interpolates in double precision and returns a double; DuckDB keeps a decimal ordering key's type. Written as quantile_cont of the key as DOUBLE (1 - fraction for a descending key).",
  nodes: ['within_group'],
  words: ['percentile_cont'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const inner = child(node, 'this')
    const call = inner === undefined ? undefined : asCall(inner)
    const order = data.order_by as Array<{ this: AstNode, desc?: boolean }> | undefined
    if (call?.name !== 'percentile_cont' || call.args.length !== 1 || order?.length !== 1) return undefined
    if (nodeType(nodeData(inner!).filter) !== undefined || nodeData(inner!).distinct === true) return undefined
    if (pgType(order[0]!.this) === 'double') return undefined
    const fraction = order[0]!.desc === true ? '1 - __1' : '__1'
    return withKnownType(ctx.target(`quantile_cont(CAST(__0 AS DOUBLE), ${fraction})`, [order[0]!.this, call.args[0]!]), 'double')
  },
}

const DEVIATIONS = ['stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop']

export const deviationIsNumeric: RewriteRule = {
  name: 'pgd-stddev-numeric',
  reason: 'PostgreSQL stddev/variance of integers or numeric are numeric; DuckDB computes doubles. Cast to DECIMAL(38, 10).',
  nodes: DEVIATIONS,
  words: ['std', 'var'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    const { filter, orderBy } = aggregateModifiers(node)
    if (filter !== undefined || orderBy || !isExact(value)) return undefined
    return wrapAggregate(node, 'CAST(__0 AS DECIMAL(38, 10))', 'decimal', ctx)
  },
}

export const toCharPatterns: RewriteRule = {
  name: 'pgd-to-char',
  reason: "PostgreSQL to_char patterns (YYYY, MM, FMMonth) are not DuckDB strftime's; converted from the literal pattern, refused otherwise.",
  functions: ['to_char'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    const type = pgType(call.args[0])
    if (type !== undefined && type !== 'date' && type !== 'timestamp') return ctx.fail('to_char of a number is not translated to DuckDB', node)
    const pattern = stringValue(call.args[1])
    if (pattern === undefined) return ctx.fail('to_char is translated to DuckDB only with a literal pattern', node)
    const mysql = postgresFormatToMysql(pattern)
    if ('unsupported' in mysql) return ctx.fail(`to_char pattern ${mysql.unsupported} is not translated to DuckDB`, node)
    const duck = convertMysqlFormat(mysql.format)
    if ('unsupported' in duck) return ctx.fail(`to_char pattern ${duck.unsupported} is not translated to DuckDB`, node)
    return withKnownType(ctx.target(`strftime(__0, '${duck.format.replaceAll("'", "''")}')`, [call.args[0]!]), 'varchar')
  },
}

export const initcapWords: RewriteRule = {
  name: 'pgd-initcap',
  reason: 'DuckDB has no initcap(). Each letter or digit after a character that is neither is upper-cased, the rest lower-cased, as PostgreSQL does.',
  nodes: ['initcap'],
  functions: ['initcap'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const value = call === undefined ? child(node, 'this') : call.args[0]
    if (value === undefined || (call !== undefined && call.args.length !== 1)) return undefined
    return withKnownType(ctx.target(
      "array_to_string(list_transform(range(1, length(__0) + 1), i -> CASE WHEN i = 1 OR NOT regexp_matches(substr(__0, i - 1, 1), '[[:alnum:]]') THEN upper(substr(__0, i, 1)) ELSE lower(substr(__0, i, 1)) END), '')",
      [value]), 'varchar')
  },
}

export const generateSeriesColumn: RewriteRule = {
  name: 'pgd-generate-series-column',
  reason: 'In PostgreSQL, FROM generate_series(…) AS d names both the table and its one column d; in DuckDB d alone is the row (a struct). The column alias is added.',
  nodes: ['alias'],
  words: ['generate_series'],
  rewrite (node) {
    const data = nodeData(node)
    const inner = data.this as AstNode | undefined
    const call = inner === undefined ? undefined : asCall(inner)
    const aliases = data.column_aliases as unknown[] | undefined
    const name = data.alias as { name?: unknown } | undefined
    if (call?.name !== 'generate_series' || (aliases?.length ?? 0) > 0 || typeof name?.name !== 'string') return undefined
    return { alias: { ...data, column_aliases: [{ ...name }] } }
  },
}

export const arrayLengthOfEmpty: RewriteRule = {
  name: 'pgd-array-length-empty',
  reason: "PostgreSQL array_length(a, 1) of an empty array is NULL; DuckDB's length is 0.",
  functions: ['array_length'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2 || nodeData(call.args[1]!).value !== '1') return undefined
    return withKnownType(ctx.target('NULLIF(len(__0), 0)', [call.args[0]!]), 'integer')
  },
}

export const dateTruncOfDate: RewriteRule = {
  name: 'pgd-date-trunc-date',
  reason: 'PostgreSQL date_trunc of a date returns a timestamp with time zone (the date at midnight in the session zone); DuckDB returns a timestamp.',
  functions: ['date_trunc'],
  nodes: ['date_trunc'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const value = call === undefined ? child(node, 'this') : call.args[1]
    if (pgType(value) !== 'date') return undefined
    return withKnownType(ctx.target('CAST(__0 AS TIMESTAMPTZ)', [node]), 'timestamp')
  },
}

export const postgresToDuckDbRules: readonly RewriteRule[] = [
  integerDivision, numericDivision, unconstrainedNumeric, extractIsNumeric, datePartIsDouble, avgIsNumeric,
  deviationIsNumeric, aggregateCastInWindow('pgd-aggregate-cast-in-window'), percentileContIsDouble, toCharPatterns, initcapWords,
  generateSeriesColumn, arrayLengthOfEmpty, dateTruncOfDate,
]
