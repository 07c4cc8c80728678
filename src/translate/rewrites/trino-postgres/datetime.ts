/** Trino → PostgreSQL: dates, times and their functions. */
import { stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, extractFieldName } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { jodaToPostgres, mysqlFormatToPostgres } from '../trino-common/date-patterns.ts'
import type { Converted } from '../trino-common/date-patterns.ts'
import { DAY_OR_LONGER, intervalUnit, knownType, templateRule, withKnownType } from '../trino-common/rule-kit.ts'

/** Trino field accessor (function or EXTRACT field) → PostgreSQL EXTRACT field. Trino returns bigint for all. */
const FIELDS: Readonly<Record<string, string>> = {
  year: 'YEAR', month: 'MONTH', day: 'DAY', day_of_month: 'DAY', quarter: 'QUARTER', hour: 'HOUR', minute: 'MINUTE',
  second: 'SECOND', week: 'WEEK', week_of_year: 'WEEK', day_of_week: 'ISODOW', dow: 'ISODOW', dayofweek: 'ISODOW',
  day_of_year: 'DOY', doy: 'DOY', dayofyear: 'DOY', year_of_week: 'ISOYEAR', yow: 'ISOYEAR', yearofweek: 'ISOYEAR',
}

function fieldTemplate (field: string): string {
  // EXTRACT(SECOND …) has a fraction in PostgreSQL; Trino's second() is the whole second.
  return field === 'SECOND' ? 'CAST(floor(EXTRACT(SECOND FROM __0)) AS BIGINT)' : `CAST(EXTRACT(${field} FROM __0) AS BIGINT)`
}

export const fieldAccessors = templateRule({
  name: 'pg-date-fields-are-bigint',
  reason: 'Trino year()/month()/…/EXTRACT return bigint, day_of_week is ISO (Monday = 1), year_of_week the ISO year; PostgreSQL EXTRACT returns numeric, has no year()/day_of_week() functions, and its DOW is 0 = Sunday.',
  nodes: ['year', 'month', 'day', 'quarter', 'hour', 'minute', 'second', 'day_of_week', 'day_of_year', 'week_of_year', 'week', 'day_of_month'],
  functions: ['year', 'month', 'day', 'day_of_month', 'quarter', 'hour', 'minute', 'second', 'week', 'week_of_year', 'day_of_week', 'dow', 'day_of_year', 'doy', 'year_of_week', 'yow'],
  template: (args, node) => {
    if (args.length !== 1) return undefined
    const name = asCall(node)?.name ?? Object.keys(node)[0] ?? ''
    const field = FIELDS[name]
    return field === undefined ? undefined : fieldTemplate(field)
  },
  resultType: 'integer',
})

export const extractFields: RewriteRule = {
  name: 'pg-extract-is-bigint',
  reason: 'Trino EXTRACT returns bigint and its DOW/DAY_OF_WEEK is ISO (Sunday = 7); PostgreSQL EXTRACT returns numeric and DOW 0 = Sunday.',
  nodes: ['extract'],
  rewrite (node, ctx) {
    const name = extractFieldName(node)
    const value = child(node, 'this')
    if (name === undefined || value === undefined) return undefined
    const mapped = FIELDS[name.toLowerCase().replaceAll('_', '')] ?? FIELDS[name.toLowerCase()]
    if (mapped === undefined) return undefined
    return withKnownType(ctx.target(fieldTemplate(mapped), [value]), 'integer')
  },
}

export const dateTruncKeepsType: RewriteRule = {
  name: 'pg-date-trunc-keeps-type',
  reason: 'Trino date_trunc keeps its argument\'s type (a date stays a date); PostgreSQL returns a timestamp with time zone for a date. For units of a day or more, x - (x - CAST(date_trunc(unit, x) AS DATE)) is a date for a date and a timestamp for a timestamp, so the type follows the argument even when it is unknown.',
  functions: ['date_trunc'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const unit = stringValue(call?.args[0])?.toLowerCase()
    const value = call?.args[1]
    if (call?.args.length !== 2 || unit === undefined || value === undefined || !DAY_OR_LONGER.has(unit)) return undefined
    const type = knownType(value)
    if (type === 'date') return withKnownType(ctx.target(`CAST(date_trunc('${unit}', __0) AS DATE)`, [value]), 'date')
    if (type === 'timestamp') return undefined
    return ctx.target(`__0 - (__0 - CAST(date_trunc('${unit}', __0) AS DATE))`, [value])
  },
}

function keepDate (node: AstNode, ctx: RewriteContext): AstNode {
  return withKnownType(ctx.target('CAST(__0 AS DATE)', [node]), 'date')
}

export const dateArithmeticKeepsDate: RewriteRule = {
  name: 'pg-date-plus-interval-stays-date',
  reason: 'Trino: date ± interval of a day or more is a date; PostgreSQL returns a timestamp. Cast back when the operand is known to be a date (a literal, a cast); a bare column\'s type is unknown.',
  nodes: ['add', 'sub'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    const unit = intervalUnit(right) ?? intervalUnit(left)
    if (unit === undefined || !DAY_OR_LONGER.has(unit)) return undefined
    return knownType(left) === 'date' || knownType(right) === 'date' ? keepDate(node, ctx) : undefined
  },
}

export const dateMinusDate: RewriteRule = {
  name: 'pg-date-minus-date-is-interval',
  reason: 'Trino date - date is an interval day to second; PostgreSQL returns an integer number of days. Applied when both sides are known dates.',
  nodes: ['sub'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (knownType(left) !== 'date' || knownType(right) !== 'date' || left === undefined || right === undefined) return undefined
    return ctx.target('make_interval(days => __0 - __1)', [left, right])
  },
}

const UNIT_INTERVALS: Readonly<Record<string, string>> = {
  millisecond: "INTERVAL '1 millisecond'", second: "INTERVAL '1 second'", minute: "INTERVAL '1 minute'", hour: "INTERVAL '1 hour'",
  day: "INTERVAL '1 day'", week: "INTERVAL '7 days'", month: "INTERVAL '1 month'", quarter: "INTERVAL '3 months'", year: "INTERVAL '1 year'",
}

export const dateAdd = templateRule({
  name: 'pg-date-add',
  reason: 'Trino date_add(unit, n, x) returns x\'s type; polyglot\'s x + INTERVAL is a timestamp in PostgreSQL for a date. Cast back when x is known to be a date.',
  functions: ['date_add'],
  args: (node) => { const call = asCall(node); return call?.args.length === 3 ? [call.args[1]!, call.args[2]!] : undefined },
  template: (args, node) => {
    const unit = stringValue(asCall(node)?.args[0])?.toLowerCase()
    const interval = unit === undefined ? undefined : UNIT_INTERVALS[unit]
    if (interval === undefined) return undefined
    const sum = `__1 + __0 * ${interval}`
    return knownType(args[1]) === 'date' && DAY_OR_LONGER.has(unit!) ? `CAST(${sum} AS DATE)` : sum
  },
})

const SECONDS: Readonly<Record<string, number>> = { millisecond: 0.001, second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800 }
const MONTHS: Readonly<Record<string, number>> = { month: 1, quarter: 3, year: 12 }

export const dateDiff = templateRule({
  name: 'pg-date-diff-whole-units',
  reason: 'Trino date_diff counts whole units elapsed, truncated toward zero, with month arithmetic that clamps to the month\'s end (Jan 31 → Feb 28 is one month); polyglot\'s epoch division floors, and has no month/year form.',
  functions: ['date_diff'],
  args: (node) => { const call = asCall(node); return call?.args.length === 3 ? [call.args[1]!, call.args[2]!] : undefined },
  template: (_args, node, ctx) => {
    const unit = stringValue(asCall(node)?.args[0])?.toLowerCase()
    if (unit === undefined) return ctx.fail('date_diff needs a literal unit to be translated to PostgreSQL', node)
    const seconds = SECONDS[unit]
    if (seconds !== undefined) {
      return `CAST(trunc((EXTRACT(EPOCH FROM CAST(__1 AS TIMESTAMP)) - EXTRACT(EPOCH FROM CAST(__0 AS TIMESTAMP))) / ${seconds}) AS BIGINT)`
    }
    const months = MONTHS[unit]
    if (months === undefined) return ctx.fail(`date_diff unit '${unit}' is not translated to PostgreSQL`, node)
    const m = '((EXTRACT(YEAR FROM __1) - EXTRACT(YEAR FROM __0)) * 12 + EXTRACT(MONTH FROM __1) - EXTRACT(MONTH FROM __0))'
    const whole = `(${m} - CASE WHEN ${m} > 0 AND __0 + ${m} * INTERVAL '1 month' > __1 THEN 1 WHEN ${m} < 0 AND __0 + ${m} * INTERVAL '1 month' < __1 THEN -1 ELSE 0 END)`
    return months === 1 ? `CAST(${whole} AS BIGINT)` : `CAST(trunc(${whole} / ${months}) AS BIGINT)`
  },
  resultType: 'integer',
})

export const lastDayOfMonth = templateRule({
  name: 'pg-last-day-of-month',
  reason: 'PostgreSQL has no last_day_of_month (polyglot writes LAST_DAY, which it lacks too).',
  functions: ['last_day_of_month'],
  template: (args) => args.length === 1 ? "CAST(date_trunc('month', __0) + INTERVAL '1 month' - INTERVAL '1 day' AS DATE)" : undefined,
  resultType: 'date',
})

function formatRule (name: string, reason: string, functions: string[], convert: (f: string) => Converted, build: (fn: string) => string): RewriteRule {
  return {
    name,
    reason,
    functions,
    rewrite (node, ctx) {
      const call = asCall(node)
      if (call?.args.length !== 2 || call.args[0] === undefined) return undefined
      const format = stringValue(call.args[1])
      if (format === undefined) return ctx.fail(`${call.name} needs a literal format to be translated to PostgreSQL`, node)
      const converted = convert(format)
      if ('unsupported' in converted) return ctx.fail(`${call.name} format '${format}' uses ${converted.unsupported}, which is not translated to PostgreSQL`, node)
      return ctx.target(build(call.name), [call.args[0], stringLiteral(converted.format)])
    },
  }
}

export const dateFormat = formatRule('pg-date-format', "Trino date_format/date_parse take MySQL specifiers; PostgreSQL's to_char/to_timestamp take their own patterns. Converted from the literal format.",
  ['date_format', 'date_parse'], mysqlFormatToPostgres, (fn) => fn === 'date_format' ? 'to_char(__0, __1)' : 'CAST(to_timestamp(__0, __1) AS TIMESTAMP(3))')

export const formatDatetime = formatRule('pg-format-datetime', "Trino format_datetime/parse_datetime take Joda-Time patterns; converted to PostgreSQL's to_char/to_timestamp patterns for the common letters, refused otherwise.",
  ['format_datetime'], jodaToPostgres, () => 'to_char(__0, __1)')

export const datetimeRules: readonly RewriteRule[] = [
  fieldAccessors, extractFields, dateTruncKeepsType, dateArithmeticKeepsDate, dateMinusDate, dateAdd, dateDiff, lastDayOfMonth, dateFormat, formatDatetime,
]
