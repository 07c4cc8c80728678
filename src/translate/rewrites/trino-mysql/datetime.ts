/** Trino → MySQL-wire: dates, times and their functions. */
import { nodeData, nodeType, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, extractFieldName } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { jodaToMysql } from '../trino-common/date-patterns.ts'
import { dateTruncRule, hasPlaceholder, intervalAmount, intervalUnit, knownType, templateRule, temporalDifferenceRefusal, withKnownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'

/** Trino field accessors → MySQL expressions; Trino's day_of_week is ISO (Monday = 1). */
const FIELDS: Readonly<Record<string, string>> = {
  year: 'YEAR(__0)', month: 'MONTH(__0)', day: 'DAYOFMONTH(__0)', day_of_month: 'DAYOFMONTH(__0)', quarter: 'QUARTER(__0)',
  hour: 'HOUR(__0)', minute: 'MINUTE(__0)', second: 'SECOND(__0)', week: 'WEEK(__0, 3)', week_of_year: 'WEEK(__0, 3)',
  day_of_week: '(WEEKDAY(__0) + 1)', dow: '(WEEKDAY(__0) + 1)', dayofweek: '(WEEKDAY(__0) + 1)',
  day_of_year: 'DAYOFYEAR(__0)', doy: 'DAYOFYEAR(__0)', dayofyear: 'DAYOFYEAR(__0)',
  year_of_week: 'FLOOR(YEARWEEK(__0, 3) / 100)', yow: 'FLOOR(YEARWEEK(__0, 3) / 100)', yearofweek: 'FLOOR(YEARWEEK(__0, 3) / 100)',
}

export const fieldAccessors = templateRule({
  name: 'mysql-date-fields',
  reason: "Trino day_of_week/EXTRACT(DOW) is ISO (Monday = 1), week is the ISO week and year_of_week the ISO year; MySQL's DAYOFWEEK is 1 = Sunday, WEEK() defaults to mode 0, and EXTRACT has no DOW.",
  nodes: ['year', 'month', 'day', 'quarter', 'hour', 'minute', 'second', 'day_of_week', 'day_of_year', 'week_of_year', 'week', 'day_of_month'],
  functions: Object.keys(FIELDS),
  template: (args, node) => args.length === 1 ? FIELDS[asCall(node)?.name ?? Object.keys(node)[0] ?? ''] : undefined,
  resultType: 'integer',
})

export const extractFields: RewriteRule = {
  name: 'mysql-extract-fields',
  reason: 'MySQL EXTRACT has no DOW/DOY/ISO fields; the MySQL functions give Trino\'s values.',
  nodes: ['extract'],
  rewrite (node, ctx) {
    const name = extractFieldName(node)
    const value = child(node, 'this')
    if (name === undefined || value === undefined) return undefined
    const template = FIELDS[name.toLowerCase()] ?? FIELDS[name.toLowerCase().replaceAll('_', '')]
    return template === undefined ? undefined : withKnownType(ctx.target(template, [value]), 'integer')
  },
}

/** date_trunc units → MySQL; day-or-longer units give a DATE (Trino's type for a date argument). */
const TRUNC: Readonly<Record<string, string>> = {
  year: 'MAKEDATE(YEAR(__0), 1)',
  quarter: 'MAKEDATE(YEAR(__0), 1) + INTERVAL (QUARTER(__0) - 1) QUARTER',
  month: 'DATE_SUB(DATE(__0), INTERVAL DAYOFMONTH(__0) - 1 DAY)',
  week: 'DATE_SUB(DATE(__0), INTERVAL WEEKDAY(__0) DAY)',
  day: 'DATE(__0)',
  hour: "CAST(DATE_FORMAT(__0, '%Y-%m-%d %H:00:00') AS DATETIME)",
  minute: "CAST(DATE_FORMAT(__0, '%Y-%m-%d %H:%i:00') AS DATETIME)",
  second: "CAST(DATE_FORMAT(__0, '%Y-%m-%d %H:%i:%s') AS DATETIME)",
}

export const dateTrunc = dateTruncRule({
  name: 'mysql-date-trunc',
  reason: "MySQL has no date_trunc and polyglot turns every unit into DATE(x) (a day). Each unit is written out; units of a day or more return a DATE, so a timestamp argument comes back as a date at midnight.",
  target: 'MySQL',
  templates: TRUNC,
  // A timestamp truncated to a day or more stays a timestamp (at midnight), as in Trino.
  adjust: (template, _unit, value, isTime) => !isTime && knownType(value) === 'timestamp'
    ? { template: `CAST(${template} AS DATETIME)` }
    : { template, type: isTime ? 'timestamp' : 'date' },
})

const MONTHS: Readonly<Record<string, number>> = { month: 1, quarter: 3, year: 12 }
const UNITS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'])

export const dateDiff: RewriteRule = {
  name: 'mysql-date-diff',
  reason: "polyglot writes DATEDIFF(unit, a, b), which MySQL rejects (its DATEDIFF takes two dates); TIMESTAMPDIFF counts whole units as Trino's date_diff does.",
  functions: ['date_diff'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const unit = stringValue(call?.args[0])?.toLowerCase()
    if (call?.args.length !== 3) return undefined
    if (unit === undefined || !UNITS.has(unit)) return ctx.fail('date_diff needs a literal unit (second … year) to be translated to MySQL', node)
    const months = MONTHS[unit]
    if (months === undefined) return withKnownType(ctx.target(`TIMESTAMPDIFF(${unit.toUpperCase()}, __0, __1)`, [call.args[1]!, call.args[2]!]), 'integer')
    // Trino (Joda) counts a month from Jan 31 to Feb 28: adding m months clamps to the month's end.
    const m = '((YEAR(__1) - YEAR(__0)) * 12 + MONTH(__1) - MONTH(__0))'
    const whole = `(${m} - CASE WHEN ${m} > 0 AND DATE_ADD(__0, INTERVAL ${m} MONTH) > __1 THEN 1 WHEN ${m} < 0 AND DATE_ADD(__0, INTERVAL ${m} MONTH) < __1 THEN -1 ELSE 0 END)`
    const template = months === 1 ? `CAST(${whole} AS SIGNED)` : `CAST(TRUNCATE(${whole} / ${months}, 0) AS SIGNED)`
    return withKnownType(ctx.target(template, [call.args[1]!, call.args[2]!]), 'integer')
  },
}

export const dateAdd: RewriteRule = {
  name: 'mysql-date-add',
  reason: "Trino date_add(unit, n, x) is MySQL DATE_ADD(x, INTERVAL n unit), which keeps a DATE a DATE for day-or-longer units.",
  functions: ['date_add'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const unit = stringValue(call?.args[0])?.toLowerCase()
    if (call?.args.length !== 3) return undefined
    if (unit === undefined || !UNITS.has(unit)) return ctx.fail('date_add needs a literal unit (second … year) to be translated to MySQL', node)
    return ctx.target(`DATE_ADD(__1, INTERVAL __0 ${unit.toUpperCase()})`, [call.args[1]!, call.args[2]!])
  },
}

export const lastDayOfMonth = templateRule({
  name: 'mysql-last-day-of-month',
  reason: 'Trino last_day_of_month is MySQL LAST_DAY (polyglot writes something MySQL cannot parse).',
  functions: ['last_day_of_month'],
  template: (args) => args.length === 1 ? 'LAST_DAY(__0)' : undefined,
  resultType: 'date',
})

export const formatDatetime: RewriteRule = {
  name: 'mysql-format-datetime',
  reason: 'Trino format_datetime takes Joda-Time patterns; MySQL DATE_FORMAT takes % specifiers. Converted for the common letters, refused otherwise.',
  functions: ['format_datetime'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    const pattern = stringValue(call.args[1])
    if (pattern === undefined) return ctx.fail('format_datetime needs a literal pattern to be translated to MySQL', node)
    const converted = jodaToMysql(pattern)
    if ('unsupported' in converted) return ctx.fail(`format_datetime pattern '${pattern}' uses ${converted.unsupported}, which is not translated to MySQL`, node)
    return ctx.target('DATE_FORMAT(__0, __1)', [call.args[0]!, stringLiteral(converted.format)])
  },
}

export const dateParse = templateRule({
  name: 'mysql-date-parse',
  reason: 'Trino date_parse is MySQL STR_TO_DATE (the same % specifiers).',
  functions: ['date_parse'],
  template: (args) => args.length === 2 ? 'CAST(STR_TO_DATE(__0, __1) AS DATETIME(3))' : undefined,
  resultType: 'timestamp',
})

export const dateMinusDate = temporalDifferenceRefusal({
  name: 'mysql-date-minus-date',
  reason: "Trino date - date (and timestamp - timestamp) is an INTERVAL DAY TO SECOND; MySQL has no interval type and subtracts dates as numbers (2024-03-01 - 2024-02-29 = 72), so the subtraction is refused.",
  message: (left, right) => `${left} - ${right} is an interval in Trino and MySQL has no interval type; use date_diff('day', a, b) (or another unit) for a number`,
})

interface FrameBound { readonly Preceding?: unknown, readonly Following?: unknown }

/** The INTERVAL offsets of a RANGE frame (one per bound, undefined for a bound without one), or undefined when it has none. */
function intervalOffsets (window: AstNode): Array<AstNode | undefined> | undefined {
  const frame = (nodeData(window).over as { frame?: { kind?: unknown, start?: unknown, end?: unknown } | null } | undefined)?.frame
  if (frame === null || frame === undefined || frame.kind !== 'Range') return undefined
  const offsets = [frame.start, frame.end].map((b) => {
    const offset = typeof b === 'object' && b !== null ? ((b as FrameBound).Preceding ?? (b as FrameBound).Following) : undefined
    return nodeType(offset) === 'interval' ? offset as AstNode : undefined
  })
  return offsets.every((o) => o === undefined) ? undefined : offsets
}

/** The single ORDER BY key of a window, when it has exactly one. */
export function windowKey (window: AstNode): AstNode | undefined {
  const order = (nodeData(window).over as { order_by?: Array<{ this: AstNode }> } | undefined)?.order_by
  return order?.length === 1 ? order[0]!.this : undefined
}

/** True for a window whose RANGE frame still has an INTERVAL offset (not yet rewritten). */
export function hasIntervalFrame (window: AstNode): boolean {
  return nodeType(window) === 'window_function' && intervalOffsets(window) !== undefined
}

/** The window with its day-interval RANGE frame over TO_DAYS(key), when the key is a DATE; refused otherwise. */
export function rangeFrameOverDays (window: AstNode, keyType: KnownType | undefined, ctx: RewriteContext): AstNode {
  const data = nodeData(window)
  const over = data.over as AstNode
  const frame = over.frame as { start: unknown, end: unknown }
  const offsets = intervalOffsets(window)!
  const key = windowKey(window)
  const days = offsets.map((i) => i === undefined ? undefined : (DAY_UNITS[intervalUnit(i) ?? ''] ?? 0) * (intervalAmount(i) ?? Number.NaN))
  if (key === undefined || keyType !== 'date' || hasPlaceholder(key) || days.some((d) => d !== undefined && !(Number.isInteger(d) && d >= 0))) {
    return ctx.fail('a RANGE frame with an INTERVAL offset is translated to MySQL only over one DATE ordering key and a literal day or week offset', window)
  }
  const number = (d: number): AstNode => ({ literal: { literal_type: 'number', value: String(d) } })
  const bounds = [frame.start, frame.end].map((b, i) => {
    const d = days[i]
    if (d === undefined) return b
    return 'Preceding' in (b as FrameBound) ? { Preceding: number(d) } : { Following: number(d) }
  })
  const order = over.order_by as Array<{ this: AstNode }>
  const orderBy = [{ ...order[0]!, this: ctx.target('TO_DAYS(__0)', [key]) }]
  return { window_function: { ...data, over: { ...over, order_by: orderBy, frame: { ...frame, start: bounds[0], end: bounds[1] } } } }
}

/**
 * polyglot types no column inside OVER (…): a bare column key is left for the enclosing SELECT
 * (queries.ts), which looks its type up from the same column elsewhere in the SELECT.
 */
export const rangeFrameDays: RewriteRule = {
  name: 'mysql-range-frame-days',
  reason: "MariaDB's RANGE frames take numeric offsets only (no INTERVAL). Over one ORDER BY key known to be a DATE, an offset of n days is n over TO_DAYS(key), the same frame; other interval frames are refused.",
  nodes: ['window_function'],
  words: ['range'],
  // The window may still need mysql-sum-window-cast.
  passesOn: true,
  rewrite (node, ctx) {
    if (!hasIntervalFrame(node)) return undefined
    const key = windowKey(node)
    const type = knownType(key)
    if (type === undefined && nodeType(key) === 'column') return undefined
    return rangeFrameOverDays(node, type, ctx)
  },
}

const DAY_UNITS: Readonly<Record<string, number>> = { day: 1, week: 7 }

export const datetimeRules: readonly RewriteRule[] = [fieldAccessors, extractFields, dateTrunc, dateDiff, dateAdd, lastDayOfMonth, formatDatetime, dateParse, dateMinusDate, rangeFrameDays]
