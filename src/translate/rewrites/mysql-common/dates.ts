/** MySQL → DuckDB / PostgreSQL / Trino: date and time functions with MySQL's results. */
import { columnName, nodeData, nodeType, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, extractFieldName } from '../calls.ts'
import type { RewriteContext } from '../rewrite-rule.ts'
import { mysqlFormatToPostgres } from '../trino-common/date-patterns.ts'
import { DAY_OR_LONGER, intervalUnit, operands, withKnownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'
import { convertMysqlFormat } from '../trino-duckdb/date-format.ts'
import type { MysqlTarget, PerTargetRule, TargetRewrite } from './per-target.ts'
import { mysqlType } from './types.ts'

/** A rewrite of a one-argument function (or node) by a per-target template of __0. */
function unary (template: string, type?: KnownType): TargetRewrite {
  return (node, ctx) => {
    const args = operands(node)
    return args.length === 1 ? withKnownType(ctx.target(template, args), type) : undefined
  }
}

function dateArithmetic (target: MysqlTarget, operator: '+' | '-') {
  return (left: AstNode | undefined, interval: AstNode | undefined, ctx: RewriteContext): AstNode | undefined => {
    if (left === undefined || interval === undefined || nodeType(interval) !== 'interval') return undefined
    const type = mysqlType(left)
    const unit = intervalUnit(interval)
    if (type !== 'date' && type !== 'timestamp') return undefined
    if (target === 'trino') return withKnownType(ctx.target(`__0 ${operator} __1`, [left, interval]), type)
    // A date plus whole days, months or years stays a date in MySQL; DuckDB and PostgreSQL give a timestamp.
    if (type !== 'date' || unit === undefined || !DAY_OR_LONGER.has(unit)) return undefined
    return withKnownType(ctx.target(`CAST(__0 ${operator} __1 AS DATE)`, [left, interval]), 'date')
  }
}

function dateAddFunction (target: MysqlTarget): TargetRewrite {
  return (node, ctx) => {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    return dateArithmetic(target, call.name === 'date_sub' || call.name === 'subdate' ? '-' : '+')(call.args[0], call.args[1], ctx)
  }
}

function dateAddOperator (target: MysqlTarget): TargetRewrite {
  return (node, ctx) => dateArithmetic(target, nodeType(node) === 'sub' ? '-' : '+')(child(node, 'left'), child(node, 'right'), ctx)
}

export const dateAddKeepsDate: PerTargetRule = {
  name: 'my-date-add-interval',
  reason: 'MySQL DATE_ADD/DATE_SUB and date ± INTERVAL of whole days or more give a DATE (DuckDB and PostgreSQL give a timestamp); Trino has no date_add(date, interval), only date ± interval.',
  functions: ['date_add', 'date_sub', 'adddate', 'subdate'],
  nodes: ['add', 'sub'],
  words: ['interval'],
  targets: {
    duckdb: (node, ctx) => asCall(node) === undefined ? dateAddOperator('duckdb')(node, ctx) : dateAddFunction('duckdb')(node, ctx),
    postgres: (node, ctx) => asCall(node) === undefined ? dateAddOperator('postgres')(node, ctx) : dateAddFunction('postgres')(node, ctx),
    trino: (node, ctx) => asCall(node) === undefined ? undefined : dateAddFunction('trino')(node, ctx),
  },
}

/** PostgreSQL EXTRACT is numeric (with fractions of seconds); MySQL's date parts are integers. */
const pgPart = (field: string): string => `CAST(FLOOR(EXTRACT(${field} FROM __0)) AS INTEGER)`

export const datePartsPostgres: PerTargetRule = {
  name: 'my-date-parts',
  reason: 'MySQL YEAR(), MONTH(), DAY(), HOUR(), MINUTE(), SECOND(), QUARTER(), DAYOFYEAR() are integer functions PostgreSQL does not have; its EXTRACT returns numeric.',
  nodes: ['year', 'month', 'day', 'day_of_month', 'hour', 'minute', 'second', 'quarter', 'day_of_year'],
  words: ['year', 'month', 'day', 'hour', 'minute', 'second', 'quarter'],
  targets: {
    postgres: (node, ctx) => {
      const field: Readonly<Record<string, string>> = {
        year: 'YEAR', month: 'MONTH', day: 'DAY', day_of_month: 'DAY', hour: 'HOUR', minute: 'MINUTE', second: 'SECOND', quarter: 'QUARTER', day_of_year: 'DOY',
      }
      const name = field[nodeType(node) ?? '']
      return name === undefined ? undefined : unary(pgPart(name), 'integer')(node, ctx)
    },
  },
}

const EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  year: 'YEAR', quarter: 'QUARTER', month: 'MONTH', day: 'DAY', hour: 'HOUR', minute: 'MINUTE', second: 'SECOND',
}

export const extractIsInteger: PerTargetRule = {
  name: 'my-extract-integer',
  reason: "MySQL EXTRACT(YEAR FROM d) is an integer; PostgreSQL's EXTRACT is numeric (and has fractions of seconds).",
  nodes: ['extract'],
  words: ['extract'],
  targets: {
    postgres: (node, ctx) => {
      const field = extractFieldName(node)
      const name = field === undefined ? undefined : EXTRACT_FIELDS[field.toLowerCase()]
      const value = child(node, 'this')
      if (value === undefined) return undefined
      if (name === undefined) return ctx.fail(`MySQL EXTRACT(${String(field)} FROM …) is not translated to PostgreSQL`, node)
      return withKnownType(ctx.target(pgPart(name), [value]), 'integer')
    },
  },
}

export const dayOfWeek: PerTargetRule = {
  name: 'my-dayofweek',
  reason: 'MySQL DAYOFWEEK() counts Sunday = 1 … Saturday = 7; DuckDB counts from Sunday = 0, PostgreSQL and Trino have no such function (their DOW / day_of_week differ). Written from the ISO day of week (Monday = 1), which polyglot leaves alone.',
  nodes: ['day_of_week'],
  functions: ['dayofweek'],
  targets: {
    duckdb: unary('(isodow(__0) % 7 + 1)', 'integer'),
    postgres: unary('(CAST(EXTRACT(DOW FROM __0) AS INTEGER) + 1)', 'integer'),
    trino: unary('(day_of_week(__0) % 7 + 1)', 'integer'),
  },
}

export const weekday: PerTargetRule = {
  name: 'my-weekday',
  reason: "MySQL WEEKDAY() counts Monday = 0 … Sunday = 6; DuckDB's weekday() counts from Sunday = 0, PostgreSQL and Trino have no such function.",
  functions: ['weekday'],
  nodes: ['weekday'],
  targets: {
    duckdb: unary('(isodow(__0) - 1)', 'integer'),
    postgres: unary('(CAST(EXTRACT(ISODOW FROM __0) AS INTEGER) - 1)', 'integer'),
    trino: unary('(day_of_week(__0) - 1)', 'integer'),
  },
}

/** WEEK(d, mode) templates: mode 3 is the ISO week; mode 0 (the default) counts weeks from the year's first Sunday, 0 before it. */
const WEEK_TEMPLATES: Readonly<Record<Exclude<MysqlTarget, 'clickhouse'>, Readonly<Record<number, string>>>> = {
  duckdb: { 3: 'week(__0)', 0: 'divide(dayofyear(__0) + 6 - isodow(__0) % 7, 7)' },
  postgres: {
    3: 'CAST(EXTRACT(WEEK FROM __0) AS INTEGER)',
    0: '((CAST(EXTRACT(DOY FROM __0) AS INTEGER) + 6 - CAST(EXTRACT(DOW FROM __0) AS INTEGER)) / 7)',
  },
  trino: { 3: 'week(__0)', 0: '((day_of_year(__0) + 6 - day_of_week(__0) % 7) / 7)' },
}

function week (target: Exclude<MysqlTarget, 'clickhouse'>): TargetRewrite {
  return (node, ctx) => {
    const args = operands(node)
    if (args.length < 1 || args.length > 2) return undefined
    const modeText = args.length === 1 ? '0' : nodeData(args[1]!).value
    const mode = nodeType(args[1]) === 'literal' || args.length === 1 ? Number(modeText) : Number.NaN
    const template = WEEK_TEMPLATES[target][mode]
    if (template === undefined) return ctx.fail('MySQL WEEK() is translated for modes 0 (the default) and 3 (ISO) given as literals', node)
    return withKnownType(ctx.target(template, [args[0]!]), 'integer')
  }
}

export const weekMode: PerTargetRule = {
  name: 'my-week-mode',
  reason: 'MySQL WEEK(d, mode) numbers weeks by mode (0: from the first Sunday, 0 before it; 3: ISO); the targets have only the ISO week and no mode argument.',
  functions: ['week'],
  nodes: ['week'],
  targets: { duckdb: week('duckdb'), postgres: week('postgres'), trino: week('trino') },
}

export const lastDay: PerTargetRule = {
  name: 'my-last-day',
  reason: 'MySQL LAST_DAY(d) is the last day of its month; Trino calls it last_day_of_month.',
  functions: ['last_day'],
  nodes: ['last_day'],
  targets: { trino: unary('last_day_of_month(__0)', 'date') },
}

export const dayAndMonthNames: PerTargetRule = {
  name: 'my-day-month-names',
  reason: "MySQL DAYNAME()/MONTHNAME() give English names (en_US, MySQL's default lc_time_names); PostgreSQL and Trino have no such functions.",
  functions: ['dayname', 'monthname'],
  nodes: ['dayname', 'monthname', 'day_name', 'month_name'],
  targets: {
    postgres: (node, ctx) => unary(/day/i.test(asCall(node)?.name ?? nodeType(node) ?? '') ? "TO_CHAR(__0, 'FMDay')" : "TO_CHAR(__0, 'FMMonth')", 'varchar')(node, ctx),
    trino: (node, ctx) => unary(/day/i.test(asCall(node)?.name ?? nodeType(node) ?? '') ? "date_format(__0, '%W')" : "date_format(__0, '%M')", 'varchar')(node, ctx),
  },
}

const DIFF_SECONDS: Readonly<Record<string, number>> = { second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800 }
const DIFF_MONTHS: Readonly<Record<string, number>> = { month: 1, quarter: 3, year: 12 }

function timestampDiff (target: MysqlTarget): TargetRewrite {
  return (node, ctx) => {
    const call = asCall(node)
    if (call?.args.length !== 3) return undefined
    const unit = (columnName(call.args[0]) ?? stringValue(call.args[0]))?.toLowerCase().replace(/^sql_tsi_/, '')
    if (unit === undefined) return undefined
    const args = [call.args[1]!, call.args[2]!]
    if (target === 'trino') {
      if (DIFF_SECONDS[unit] === undefined && DIFF_MONTHS[unit] === undefined) return ctx.fail(`MySQL TIMESTAMPDIFF(${unit}, …) is not translated to Trino`, node)
      return withKnownType(ctx.target(`date_diff('${unit}', CAST(__0 AS TIMESTAMP), CAST(__1 AS TIMESTAMP))`, args), 'integer')
    }
    if (target !== 'postgres') return undefined
    const months = DIFF_MONTHS[unit]
    if (months !== undefined) {
      // age() counts whole months and days as MySQL does (a month is complete when the day of month is reached).
      const age = 'AGE(CAST(__1 AS TIMESTAMP), CAST(__0 AS TIMESTAMP))'
      return withKnownType(ctx.target(`CAST(TRUNC((EXTRACT(YEAR FROM ${age}) * 12 + EXTRACT(MONTH FROM ${age})) / ${months}) AS BIGINT)`, args), 'integer')
    }
    const seconds = DIFF_SECONDS[unit]
    if (seconds === undefined) return ctx.fail(`MySQL TIMESTAMPDIFF(${unit}, …) is not translated to PostgreSQL`, node)
    return withKnownType(ctx.target(`CAST(TRUNC(EXTRACT(EPOCH FROM CAST(__1 AS TIMESTAMP) - CAST(__0 AS TIMESTAMP)) / ${seconds}) AS BIGINT)`, args), 'integer')
  }
}

export const timestampDiffUnits: PerTargetRule = {
  name: 'my-timestampdiff',
  reason: 'MySQL TIMESTAMPDIFF(unit, a, b) counts whole units from a to b as an integer; PostgreSQL has no such function (polyglot gives an interval) and Trino reads the unit as a column.',
  functions: ['timestampdiff'],
  targets: { postgres: timestampDiff('postgres'), trino: timestampDiff('trino') },
}

/** A MySQL date_format literal for one target, or the statement fails with the specifier it cannot keep. */
function dateFormat (target: MysqlTarget): TargetRewrite {
  return (node, ctx) => {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    const format = stringValue(call.args[1])
    if (format === undefined) return ctx.fail('MySQL DATE_FORMAT is translated only with a literal format', node)
    const converted = target === 'postgres' ? mysqlFormatToPostgres(format) : convertMysqlFormat(format)
    if ('unsupported' in converted) return ctx.fail(`MySQL DATE_FORMAT specifier ${converted.unsupported} is not translated to ${target}`, node)
    const quoted = converted.format.replaceAll("'", "''")
    return withKnownType(ctx.target(target === 'postgres' ? `TO_CHAR(__0, '${quoted}')` : `strftime(__0, '${quoted}')`, [call.args[0]!]), 'varchar')
  }
}

export const dateFormatPatterns: PerTargetRule = {
  name: 'my-date-format',
  reason: "MySQL DATE_FORMAT specifiers (%Y, %m, %i = minutes, %M = month name) are not PostgreSQL to_char's or DuckDB strftime's; converted from the literal format (Trino's date_format takes MySQL's).",
  functions: ['date_format'],
  targets: { duckdb: dateFormat('duckdb'), postgres: dateFormat('postgres') },
}

/** Specifiers of a time of day: with any of them STR_TO_DATE returns a DATETIME, else a DATE. */
const TIME_SPECIFIERS = /%[HhIiklpRrSsTf]/

function strToDate (target: MysqlTarget): TargetRewrite {
  return (node, ctx) => {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    const format = stringValue(call.args[1])
    if (format === undefined) return ctx.fail('MySQL STR_TO_DATE is translated only with a literal format', node)
    const hasTime = TIME_SPECIFIERS.test(format)
    const converted = target === 'postgres' ? mysqlFormatToPostgres(format) : convertMysqlFormat(format)
    if ('unsupported' in converted) return ctx.fail(`MySQL STR_TO_DATE specifier ${converted.unsupported} is not translated to ${target}`, node)
    const quoted = converted.format.replaceAll("'", "''")
    const template = target === 'postgres'
      ? (hasTime ? `CAST(TO_TIMESTAMP(__0, '${quoted}') AS TIMESTAMP)` : `TO_DATE(__0, '${quoted}')`)
      // MySQL gives NULL for text that does not match; try_strptime too.
      : `CAST(try_strptime(__0, '${quoted}') AS ${hasTime ? 'TIMESTAMP' : 'DATE'})`
    return withKnownType(ctx.target(template, [call.args[0]!]), hasTime ? 'timestamp' : 'date')
  }
}

export const strToDatePatterns: PerTargetRule = {
  name: 'my-str-to-date',
  reason: 'MySQL STR_TO_DATE parses MySQL specifiers and returns a DATE when the format has no time of day (DATETIME otherwise); DuckDB has no str_to_date and polyglot gives PostgreSQL a timestamp.',
  functions: ['str_to_date'],
  targets: { duckdb: strToDate('duckdb'), postgres: strToDate('postgres') },
}

function unixTimestamp (template: string): TargetRewrite {
  return (node, ctx) => {
    const call = asCall(node)
    if (call?.args.length !== 1) return undefined
    const type = mysqlType(call.args[0])
    if (type !== 'date' && type !== 'timestamp') return undefined
    return withKnownType(ctx.target(template, call.args), 'integer')
  }
}

export const unixTimestampIsInteger: PerTargetRule = {
  name: 'my-unix-timestamp',
  reason: 'MySQL UNIX_TIMESTAMP(d) of a DATE or DATETIME (no fractional seconds, the default) is an integer count of seconds; the targets give a double or numeric. Session time zone UTC, as the targets read timestamps.',
  functions: ['unix_timestamp'],
  targets: {
    duckdb: unixTimestamp('CAST(FLOOR(epoch(__0)) AS BIGINT)'),
    postgres: unixTimestamp('CAST(FLOOR(EXTRACT(EPOCH FROM __0)) AS BIGINT)'),
    trino: unixTimestamp('CAST(FLOOR(to_unixtime(CAST(__0 AS TIMESTAMP))) AS BIGINT)'),
  },
}

const COMPARISONS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte']

/** A string literal compared with a date (or timestamp) becomes one, as MySQL converts it; Trino refuses date < varchar. */
function castLiteralFor (other: AstNode | undefined, literal: AstNode | undefined, ctx: RewriteContext): AstNode | undefined {
  const type = mysqlType(other)
  if ((type !== 'date' && type !== 'timestamp') || stringValue(literal) === undefined) return undefined
  return ctx.target(`CAST(__0 AS ${type === 'date' ? 'DATE' : 'TIMESTAMP'})`, [literal!])
}

export const dateStringComparison: PerTargetRule = {
  name: 'my-date-string-comparison',
  reason: "MySQL compares a date with a string literal as dates ('1995-01-01'); Trino refuses to compare date with varchar. The literal is cast to the column's type.",
  nodes: [...COMPARISONS, 'between'],
  words: ["'"],
  targets: {
    trino: (node, ctx) => {
      const data = nodeData(node)
      const type = nodeType(node)!
      if (type === 'between') {
        const value = child(node, 'this')
        const low = castLiteralFor(value, child(node, 'low'), ctx)
        const high = castLiteralFor(value, child(node, 'high'), ctx)
        if (low === undefined && high === undefined) return undefined
        return { between: { ...data, ...(low === undefined ? {} : { low }), ...(high === undefined ? {} : { high }) } }
      }
      const left = child(node, 'left')
      const right = child(node, 'right')
      const castRight = castLiteralFor(left, right, ctx)
      if (castRight !== undefined) return { [type]: { ...data, right: castRight } }
      const castLeft = castLiteralFor(right, left, ctx)
      return castLeft === undefined ? undefined : { [type]: { ...data, left: castLeft } }
    },
  },
}

export const dateRules: readonly PerTargetRule[] = [
  dateAddKeepsDate, datePartsPostgres, extractIsInteger, dayOfWeek, weekday, weekMode, lastDay, dayAndMonthNames,
  timestampDiffUnits, dateFormatPatterns, strToDatePatterns, unixTimestampIsInteger, dateStringComparison,
]
