/** Trino → DuckDB: dates, times and their functions. */
import { nodeData, nodeType, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, extractFieldName, sqlType } from '../calls.ts'
import { hasPositionalParameter } from '../apply.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { knownType } from '../trino-common/rule-kit.ts'
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

/**
 * `result` back in the type of `operand`, whose type is unknown (a bare column): DuckDB's
 * cast_to_type picks the type when it binds, so a date stays a date and a timestamp a timestamp.
 * Undefined when the operand holds a ? parameter, which may not be repeated.
 */
function keepOperandType (result: AstNode, operand: AstNode, ctx: RewriteContext): AstNode | undefined {
  if (hasPositionalParameter(operand)) return undefined
  return ctx.target('cast_to_type(__0, __1)', [result, operand])
}

/** The operand's type is unknown, or known to be a date: its day-or-longer results must keep its type. */
function mayBeDate (node: AstNode): boolean {
  const type = knownType(node)
  return type === undefined || type === 'date'
}

export const dateArithmeticKeepsDate: RewriteRule = {
  name: 'date-plus-interval-stays-date',
  reason: "Trino: date ± interval of days or longer is a date; DuckDB returns a timestamp. Cast back when the operand is known to be a date (a literal, a cast, current_date); when its type is unknown (a bare column), cast_to_type(x ± i, x) keeps x's type.",
  nodes: ['add', 'sub'],
  words: ['interval'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined) return undefined
    const [operand, interval] = nodeType(right) === 'interval' ? [left, right] : nodeType(left) === 'interval' && nodeType(node) === 'add' ? [right, left] : [undefined, undefined]
    if (operand === undefined || interval === undefined) return undefined
    const unit = intervalUnit(interval)
    if (unit === undefined || !DAY_OR_LONGER.has(unit)) return undefined
    if (isDate(operand)) return keepDate(node, ctx)
    return knownType(operand) === undefined ? keepOperandType(node, operand, ctx) : undefined
  },
}

/** DuckDB interval constructors by Trino unit (quarter as 3 months). */
const INTERVAL_OF: Readonly<Record<string, string>> = {
  millisecond: 'to_milliseconds(__0)', second: 'to_seconds(__0)', minute: 'to_minutes(__0)', hour: 'to_hours(__0)',
  day: 'to_days(__0)', week: 'to_weeks(__0)', month: 'to_months(__0)', quarter: 'to_months(3 * __0)', year: 'to_years(__0)',
}

export const dateAddKeepsDate: RewriteRule = {
  name: 'date-add-stays-date',
  reason: "Trino date_add(unit, n, x) returns x's type (a date stays a date for day-or-longer units); polyglot writes x + INTERVAL n unit, which DuckDB cannot parse for a week or a negative n, and which is a timestamp for a date. Written as x + to_<unit>s(n), cast back to x's type (CAST for a known date, cast_to_type when unknown).",
  functions: ['date_add'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 3) return undefined
    const unit = stringValue(call.args[0])?.toLowerCase()
    const interval = unit === undefined ? undefined : INTERVAL_OF[unit]
    const [, amount, value] = call.args
    if (unit === undefined || interval === undefined || amount === undefined || value === undefined) return undefined
    const sum = `__1 + ${interval}`
    if (!DAY_OR_LONGER.has(unit) || !mayBeDate(value)) return ctx.target(sum, [amount, value])
    if (isDate(value)) return ctx.target(`CAST(${sum} AS DATE)`, [amount, value], 'date')
    // A ? in x may not be repeated: x + interval, a timestamp for a date (the value is right).
    return ctx.target(hasPositionalParameter(value) ? sum : `cast_to_type(${sum}, __1)`, [amount, value])
  },
}

export const dateTruncKeepsDate: RewriteRule = {
  name: 'date-trunc-stays-date',
  reason: "Trino date_trunc on a date returns a date; DuckDB returns a timestamp. Cast back when the argument is known to be a date; when its type is unknown, cast_to_type(date_trunc(unit, x), x) keeps x's type (units of a day or more).",
  functions: ['date_trunc'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2 || call.args[1] === undefined) return undefined
    if (isDate(call.args[1])) return keepDate(node, ctx)
    const unit = stringValue(call.args[0])?.toLowerCase()
    if (unit === undefined || !DAY_OR_LONGER.has(unit) || knownType(call.args[1]) !== undefined) return undefined
    return keepOperandType(node, call.args[1], ctx)
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
    const name = extractFieldName(node)
    if (name === undefined) return undefined
    const template = EXTRACT_FIELDS[name.toLowerCase()]
    const value = child(node, 'this')
    return template === undefined || value === undefined ? undefined : ctx.target(template, [value])
  },
}

export const datetimeRules: readonly RewriteRule[] = [
  dateDiffWholeUnits, dateArithmeticKeepsDate, dateAddKeepsDate, dateTruncKeepsDate,
  dateFormatSpecifiers, isoWeekFields, extractIsoFields,
]
