/** Trino → ClickHouse (18.16 and later): date_trunc, date_add / date_diff, date_format. */
import { stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { mysqlFormatToClickHouse } from '../trino-common/date-patterns.ts'
import { dateTruncRule, withKnownType } from '../trino-common/rule-kit.ts'

const TRUNC: Readonly<Record<string, string>> = {
  year: 'toStartOfYear(__0)', quarter: 'toStartOfQuarter(__0)', month: 'toStartOfMonth(__0)', week: 'toMonday(__0)',
  day: 'toDate(__0)', hour: 'toStartOfHour(__0)', minute: 'toStartOfMinute(__0)', second: 'toStartOfSecond(__0)',
}

export const dateTrunc = dateTruncRule({
  name: 'ch-date-trunc',
  reason: "Trino date_trunc(unit, x) is ClickHouse's toStartOfYear/Quarter/Month, toMonday, toStartOfHour/Minute; day-or-longer units return a Date as Trino does for a date.",
  target: 'ClickHouse',
  templates: TRUNC,
  // 18.16's toStartOfHour/Minute return DateTime('server zone'); Trino's result has no zone.
  adjust: (template, _unit, _value, isTime) => isTime ? { template: `toDateTime(toUnixTimestamp(${template}))`, type: 'timestamp' } : { template, type: 'date' },
})

const ADD: Readonly<Record<string, string>> = {
  second: 'addSeconds', minute: 'addMinutes', hour: 'addHours', day: 'addDays', week: 'addWeeks', month: 'addMonths', quarter: 'addQuarters', year: 'addYears',
}
const SECONDS: Readonly<Record<string, number>> = { second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800 }
const MONTHS: Readonly<Record<string, number>> = { month: 1, quarter: 3, year: 12 }

export const dateAddDiff: RewriteRule = {
  name: 'ch-date-add-diff',
  reason: "Trino date_add is ClickHouse addDays/addMonths/… (month ends clamp in both); Trino date_diff counts whole units elapsed (truncated toward zero, months as Joda does), where ClickHouse dateDiff counts boundaries crossed.",
  functions: ['date_add', 'date_diff'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const unit = stringValue(call?.args[0])?.toLowerCase()
    if (call?.args.length !== 3) return undefined
    if (unit === undefined || ADD[unit] === undefined) return ctx.fail(`${call.name} needs a literal unit (second … year) to be translated to ClickHouse`, node)
    const [, a, b] = call.args as [AstNode, AstNode, AstNode]
    if (call.name === 'date_add') return ctx.target(`${ADD[unit]}(__1, __0)`, [a, b])
    const seconds = SECONDS[unit]
    if (seconds !== undefined) {
      return withKnownType(ctx.target(`intDiv(toInt64(toUnixTimestamp(toDateTime(__1))) - toInt64(toUnixTimestamp(toDateTime(__0))), ${seconds})`, [a, b]), 'integer')
    }
    const m = '((toYear(__1) - toYear(__0)) * 12 + toMonth(__1) - toMonth(__0))'
    const whole = `(${m} - multiIf(${m} > 0 AND addMonths(__0, ${m}) > __1, 1, ${m} < 0 AND addMonths(__0, ${m}) < __1, -1, 0))`
    return withKnownType(ctx.target(`toInt64(intDiv(${whole}, ${MONTHS[unit]}))`, [a, b]), 'integer')
  },
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const list = (names: readonly string[]): string => `[${names.map((n) => `'${n}'`).join(', ')}]`
/** Month and weekday names as Trino prints them (English), looked up by toMonth / toDayOfWeek (Monday = 1). */
const NAMES: Readonly<Record<string, string>> = {
  '%M': `arrayElement(${list(MONTH_NAMES)}, toMonth(__0))`,
  '%b': `arrayElement(${list(MONTH_NAMES.map((m) => m.slice(0, 3)))}, toMonth(__0))`,
  '%W': `arrayElement(${list(DAY_NAMES)}, toDayOfWeek(__0))`,
  '%a': `arrayElement(${list(DAY_NAMES.map((d) => d.slice(0, 3)))}, toDayOfWeek(__0))`,
}

export const dateFormat: RewriteRule = {
  name: 'ch-date-format',
  reason: "Trino date_format takes MySQL specifiers; ClickHouse formatDateTime takes its own (%M is minutes there), and 18.16 has no month or day names: converted from the literal format, names looked up in a literal array; refused otherwise.",
  functions: ['date_format'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    const format = stringValue(call.args[1])
    if (format === undefined) return ctx.fail('date_format needs a literal format to be translated to ClickHouse', node)
    // 18.16 prints no month or weekday names: %M / %W / %b / %a become a lookup in a literal array.
    const pieces: string[] = []
    for (const part of format.split(/(%[MWba])/)) {
      const names = NAMES[part]
      if (names !== undefined) { pieces.push(names); continue }
      if (part === '') continue
      const converted = mysqlFormatToClickHouse(part)
      if ('unsupported' in converted) return ctx.fail(`date_format format '${format}' uses ${converted.unsupported}, which ClickHouse's formatDateTime cannot print`, node)
      pieces.push(`formatDateTime(__0, '${converted.format.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')`)
    }
    if (pieces.length === 0) return withKnownType(ctx.target("''", []), 'varchar')
    return withKnownType(ctx.target(pieces.length === 1 ? pieces[0]! : `concat(${pieces.join(', ')})`, [call.args[0]!]), 'varchar')
  },
}

