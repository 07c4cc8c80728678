/** Trino → DuckDB: dates, times and their functions. */
import { nodeData, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, sqlType } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { convertMysqlFormat } from './date-format.ts'

export const dateDiffWholeUnits: RewriteRule = {
  name: 'date-diff-whole-units',
  reason: "Trino date_diff counts whole units elapsed (23:00 → 01:00 next day is 0 days); DuckDB date_diff counts boundaries crossed (1). DuckDB's date_sub counts whole units, as Trino does.",
  functions: ['date_diff'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 3) return undefined
    return ctx.target('date_sub(__0, __1, __2)', call.args)
  },
}

/** Units of a whole day or more: adding them to a date gives a date in Trino. */
const DAY_OR_LONGER = new Set(['day', 'week', 'month', 'quarter', 'year'])

function isDate (node: AstNode | undefined): boolean {
  return sqlType(node) === 'date'
}

function intervalUnit (node: AstNode | undefined): string | undefined {
  if (node === undefined) return undefined
  const data = nodeData(node)
  const unit = data.unit as { type?: unknown, unit?: unknown } | null | undefined
  return unit?.type === 'simple' && typeof unit.unit === 'string' ? unit.unit.toLowerCase() : undefined
}

function keepDate (node: AstNode, ctx: RewriteContext): AstNode {
  return ctx.target('CAST(__0 AS DATE)', [node], 'date')
}

export const dateArithmeticKeepsDate: RewriteRule = {
  name: 'date-plus-interval-stays-date',
  reason: "Trino: date ± interval of days or longer is a date; DuckDB returns a timestamp. Cast back when the operand is known to be a date (a literal, a cast, current_date); a bare column's type is unknown here.",
  nodes: ['add', 'sub'],
  words: ['interval'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    const [date, interval] = isDate(left) ? [left, right] : isDate(right) ? [right, left] : [undefined, undefined]
    if (date === undefined || interval === undefined || Object.keys(interval)[0] !== 'interval') return undefined
    const unit = intervalUnit(interval)
    return unit !== undefined && DAY_OR_LONGER.has(unit) ? keepDate(node, ctx) : undefined
  },
}

export const dateAddKeepsDate: RewriteRule = {
  name: 'date-add-stays-date',
  reason: "Trino date_add(unit, n, date) returns a date for day-or-longer units; DuckDB's date + interval returns a timestamp. Cast back when the argument is known to be a date.",
  functions: ['date_add'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 3) return undefined
    const unit = stringValue(call.args[0])?.toLowerCase()
    return unit !== undefined && DAY_OR_LONGER.has(unit) && isDate(call.args[2]) ? keepDate(node, ctx) : undefined
  },
}

export const dateTruncKeepsDate: RewriteRule = {
  name: 'date-trunc-stays-date',
  reason: "Trino date_trunc on a date returns a date; DuckDB returns a timestamp. Cast back when the argument is known to be a date.",
  functions: ['date_trunc'],
  rewrite (node, ctx) {
    const call = asCall(node)
    return call?.args.length === 2 && isDate(call.args[1]) ? keepDate(node, ctx) : undefined
  },
}

function formatArgument (call: { name: string, args: readonly AstNode[] }, ctx: RewriteContext): AstNode {
  const literal = call.args[1]
  const format = stringValue(literal)
  if (format === undefined) ctx.fail(`${call.name} needs a literal format string to be translated to DuckDB; this one is computed at run time`, literal)
  const converted = convertMysqlFormat(format)
  if ('unsupported' in converted) ctx.fail(`${call.name} format '${format}' uses ${converted.unsupported}`, literal)
  return stringLiteral(converted.format)
}

export const dateFormatSpecifiers: RewriteRule = {
  name: 'date-format-specifiers',
  reason: "Trino date_format/date_parse take MySQL specifiers (%i = minutes, %M = month name, %e, %r, %W); DuckDB strftime/strptime take C specifiers, where %M means minutes. Converted from the literal format; a computed format fails.",
  functions: ['date_format', 'date_parse'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2 || call.args[0] === undefined) return undefined
    const format = formatArgument(call, ctx)
    return ctx.target(call.name === 'date_format' ? 'strftime(__0, __1)' : 'strptime(__0, __1)', [call.args[0], format])
  },
}

export const isoWeekFields: RewriteRule = {
  name: 'iso-week-fields',
  reason: 'Trino year_of_week/yow is the ISO week-numbering year and dow/day_of_week is ISO (Monday = 1 … Sunday = 7); DuckDB has no year_of_week, and its dow is 0 = Sunday. DuckDB isoyear/isodow match Trino.',
  functions: ['year_of_week', 'yow', 'dow', 'day_of_week'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 1) return undefined
    return ctx.target(call.name === 'year_of_week' || call.name === 'yow' ? 'isoyear(__0)' : 'isodow(__0)', call.args)
  },
}

/** polyglot's names for EXTRACT fields (see its `extract.field`) that mean something else in DuckDB. */
const EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  dayofweek: 'isodow(__0)',
  day_of_week: 'isodow(__0)',
  dow: 'isodow(__0)',
  yearofweek: 'isoyear(__0)',
  year_of_week: 'isoyear(__0)',
  yow: 'isoyear(__0)',
}

export const extractIsoFields: RewriteRule = {
  name: 'extract-iso-fields',
  reason: 'Trino EXTRACT(DOW / DAY_OF_WEEK …) is ISO (Sunday = 7) and EXTRACT(YEAR_OF_WEEK …) the ISO year; DuckDB extract(dow) gives Sunday = 0.',
  nodes: ['extract'],
  words: ['extract'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const field = data.field
    // Known fields are strings ('DayOfWeek'); others come as { Custom: 'DAY_OF_WEEK' }.
    const name = typeof field === 'string' ? field : (field as { Custom?: unknown } | null)?.Custom
    if (typeof name !== 'string') return undefined
    const template = EXTRACT_FIELDS[name.toLowerCase()]
    const value = child(node, 'this')
    return template === undefined || value === undefined ? undefined : ctx.target(template, [value])
  },
}

export const datetimeRules: readonly RewriteRule[] = [
  dateDiffWholeUnits, dateArithmeticKeepsDate, dateAddKeepsDate, dateTruncKeepsDate,
  dateFormatSpecifiers, isoWeekFields, extractIsoFields,
]
