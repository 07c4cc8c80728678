/**
 * PostgreSQL → Trino rewrites: where polyglot's translation would make Trino fail or return
 * something other than PostgreSQL's answer. Each rule names itself and says why; the corpus
 * (test/corpus) measures them on a real Trino.
 */
import { nodeData, nodeType, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, extractFieldName } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { templateRule } from '../trino-common/rule-kit.ts'
import { postgresFormatToMysql } from './to-char.ts'

export const unconstrainedNumeric: RewriteRule = {
  name: 'pgt-unconstrained-numeric',
  reason: "PostgreSQL numeric without a precision keeps every digit (1::numeric / 4 = 0.25); Trino's bare DECIMAL is decimal(38,0), which would truncate to 0. decimal(38,10) keeps the fraction.",
  nodes: ['cast'],
  rewrite (node) {
    const data = nodeData(node)
    const to = data.to as { data_type?: unknown, precision?: unknown } | undefined
    if (to?.data_type !== 'decimal' || (to.precision !== null && to.precision !== undefined)) return undefined
    return { cast: { ...data, to: { ...to, precision: 38, scale: 10 } } }
  },
}

export const stringAgg: RewriteRule = {
  name: 'pgt-string-agg',
  reason: 'Trino has no string_agg; array_join(array_agg(x ORDER BY …), sep) skips NULLs and is NULL over no rows, as string_agg is.',
  nodes: ['string_agg'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = child(node, 'this')
    const separator = child(node, 'separator')
    if (value === undefined || separator === undefined || data.distinct === true || (data.filter ?? null) !== null) return undefined
    const order = (data.order_by as Array<{ this: AstNode, desc?: boolean }> | undefined ?? [])
    const orderText = order.map((o, i) => `__${i + 2}${o.desc === true ? ' DESC' : ''}`).join(', ')
    return ctx.target(`array_join(array_agg(CAST(__0 AS VARCHAR)${orderText === '' ? '' : ` ORDER BY ${orderText}`}), __1)`, [value, separator, ...order.map((o) => o.this)])
  },
}

/** PostgreSQL date field → Trino expression of the same value. */
const FIELDS: Readonly<Record<string, string>> = {
  year: 'year(__0)', month: 'month(__0)', day: 'day(__0)', hour: 'hour(__0)', minute: 'minute(__0)', quarter: 'quarter(__0)',
  week: 'week(__0)', doy: 'day_of_year(__0)', isodow: 'day_of_week(__0)', dow: '(day_of_week(__0) % 7)', isoyear: 'year_of_week(__0)',
  second: '(second(__0) + millisecond(__0) / 1000.0)', epoch: 'to_unixtime(CAST(__0 AS TIMESTAMP))',
}

export const datePart: RewriteRule = {
  name: 'pgt-date-part',
  reason: 'PostgreSQL date_part returns double precision and EXTRACT numeric, with DOW 0 = Sunday, ISODOW, EPOCH; Trino has no date_part, its EXTRACT returns bigint, DOW is ISO and there is no EPOCH.',
  functions: ['date_part'],
  nodes: ['extract'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const isExtract = nodeType(node) === 'extract'
    let field: string | undefined
    let value: AstNode | undefined
    if (isExtract) {
      field = extractFieldName(node)
      value = child(node, 'this')
    } else if (call?.args.length === 2) {
      field = stringValue(call.args[0])
      value = call.args[1]
    }
    const key = field?.toLowerCase().replace('dayofweek', 'dow').replace('dayofyear', 'doy')
    const template = key === undefined ? undefined : FIELDS[key]
    if (value === undefined) return undefined
    if (template === undefined) return ctx.fail(`${isExtract ? 'EXTRACT' : 'date_part'} field '${field ?? '?'}' is not translated to Trino`, node)
    return ctx.target(isExtract ? `CAST(${template} AS DECIMAL(38, 10))` : `CAST(${template} AS DOUBLE)`, [value])
  },
}

export const toChar: RewriteRule = {
  name: 'pgt-to-char',
  reason: "PostgreSQL to_char patterns (YYYY, MM, FMMonth) are not Trino's; date_format takes MySQL specifiers. Converted from the literal pattern, refused otherwise.",
  functions: ['to_char'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 2) return undefined
    const pattern = stringValue(call.args[1])
    if (pattern === undefined) return ctx.fail('to_char needs a literal pattern to be translated to Trino', node)
    const converted = postgresFormatToMysql(pattern)
    if ('unsupported' in converted) return ctx.fail(`to_char pattern '${pattern}' uses ${converted.unsupported}, which is not translated to Trino (number formats are not either)`, node)
    return ctx.target('date_format(__0, __1)', [call.args[0]!, stringLiteral(converted.format)])
  },
}

export const makeDate = templateRule({
  name: 'pgt-make-date',
  reason: "Trino has no make_date; date(format('%04d-%02d-%02d', y, m, d)) builds the same date and fails on an invalid one, as PostgreSQL does.",
  functions: ['make_date'],
  template: (args) => args.length === 3 ? "date(format('%04d-%02d-%02d', __0, __1, __2))" : undefined,
})

export const substringFromFor = templateRule({
  name: 'pgt-substring-from-for',
  reason: 'polyglot writes SUBSTR(s FROM a FOR b), which Trino cannot parse; substr(s, a, b) is the same.',
  nodes: ['substring'],
  args: (node) => [child(node, 'this'), child(node, 'start'), child(node, 'length')].filter((a): a is AstNode => a !== undefined),
  template: (args) => args.length === 3 ? 'substr(__0, __1, __2)' : args.length === 2 ? 'substr(__0, __1)' : undefined,
})

export const regexpReplace: RewriteRule = {
  name: 'pgt-regexp-replace',
  reason: "PostgreSQL regexp_replace replaces the first match unless given 'g' and writes groups as \\1; Trino replaces every match and writes $1. Only the 'g' form is translated.",
  functions: ['regexp_replace'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 3) return undefined
    const flags = call.args[3] === undefined ? '' : stringValue(call.args[3])
    const replacement = stringValue(call.args[2])
    if (flags !== 'g' || replacement === undefined) return ctx.fail("regexp_replace is translated to Trino only with a literal replacement and the 'g' flag (Trino always replaces every match)", node)
    return ctx.target('regexp_replace(__0, __1, __2)', [call.args[0]!, call.args[1]!, stringLiteral(replacement.replace(/\\(\d)/g, '$$$1'))])
  },
}

export const anyArray: RewriteRule = {
  name: 'pgt-any-array',
  reason: 'Trino has no x = ANY(array); contains(array, x) is true, false or NULL in the same cases.',
  nodes: ['any'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = child(node, 'this')
    const array = data.subquery as AstNode | undefined
    if (data.op !== 'Eq' || value === undefined || array === undefined || ['subquery', 'select'].includes(nodeType(array) ?? '')) return undefined
    return ctx.target('contains(__0, __1)', [array, value])
  },
}

const UNSUPPORTED: Readonly<Record<string, string>> = {
  percentile_cont: 'Trino has only approx_percentile, which gives other values',
  percentile_disc: 'Trino has only approx_percentile, which gives other values',
  mode: 'Trino has no mode() aggregate',
  age: "Trino has no age() (PostgreSQL's symbolic year/month/day interval)",
  generate_series: 'generate_series as a table is not translated (Trino: UNNEST(sequence(…)))',
}

export const unsupported: RewriteRule = {
  name: 'pgt-known-unsupported',
  reason: 'PostgreSQL constructs Trino cannot answer the same way (DISTINCT ON, exact percentiles, mode, age): fail instead of returning something else.',
  functions: Object.keys(UNSUPPORTED),
  nodes: ['select', 'percentile_cont', 'percentile_disc', 'mode'],
  rewrite (node, ctx) {
    const type = nodeType(node)
    if (type === 'select') {
      const data = nodeData(node)
      const on = data.distinct_on
      if (on !== null && on !== undefined && !(Array.isArray(on) && on.length === 0)) return ctx.fail('DISTINCT ON is not translated to Trino (rewrite it with row_number() OVER (PARTITION BY …))', node)
      // polyglot drops the other select items around a set-returning unnest() (one column comes back instead of several).
      const items = (data.expressions as AstNode[] | undefined) ?? []
      const unnests = items.some((item) => nodeType(item) === 'unnest' || (nodeType(item) === 'alias' && nodeType(nodeData(item).this) === 'unnest'))
      return unnests ? ctx.fail('unnest() in the select list is not translated to Trino (use CROSS JOIN UNNEST(…) in FROM)', node) : undefined
    }
    const name = asCall(node)?.name ?? type ?? ''
    return ctx.fail(`${name}() has no Trino equivalent: ${UNSUPPORTED[name] ?? ''}`, node)
  },
}

export const arrayLength = templateRule({
  name: 'pgt-array-length',
  reason: 'PostgreSQL array_length(a, 1) is NULL for an empty array; polyglot maps it to cardinality(), which is 0.',
  functions: ['array_length'],
  template: (args) => args.length === 2 && nodeData(args[1]!).value === '1' ? 'CAST(nullif(cardinality(__0), 0) AS INTEGER)' : undefined,
})

export const postgresToTrinoRules: readonly RewriteRule[] = [
  unsupported, unconstrainedNumeric, stringAgg, datePart, toChar, makeDate, substringFromFor, regexpReplace, anyArray, arrayLength,
]
