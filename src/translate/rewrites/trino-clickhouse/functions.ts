/** Trino → ClickHouse 18.16: predicates and functions 18.16 lacks or spells differently. */
import { functionNode, nodeData, nodeType, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { knownType, temporalDifferenceRefusal, withKnownType } from '../trino-common/rule-kit.ts'

function binary (type: string, left: AstNode, right: AstNode): AstNode {
  return { [type]: { left, right, left_comments: [], operator_comments: [], trailing_comments: [] } }
}

function paren (node: AstNode): AstNode {
  return { paren: { this: node, trailing_comments: [] } }
}

export const distinctFrom: RewriteRule = {
  name: 'ch-is-distinct-from',
  reason: 'ClickHouse 18.16 has no IS [NOT] DISTINCT FROM; (isNull(a) = isNull(b) AND assumeNotNull(a) = assumeNotNull(b)) is the NULL-safe equality (never NULL itself).',
  nodes: ['null_safe_eq', 'null_safe_neq'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined) return undefined
    const isEqual = nodeType(node) === 'null_safe_eq'
    const build = (args: readonly AstNode[]): AstNode => {
      const [a, b] = args as [AstNode, AstNode]
      const same = paren(binary('and',
        binary('eq', functionNode('isNull', [a]), functionNode('isNull', [b])),
        binary('eq', functionNode('assumeNotNull', [a]), functionNode('assumeNotNull', [b]))))
      return isEqual ? same : { not: { this: same } }
    }
    return withKnownType(ctx.target(build, [left, right]), 'boolean')
  },
}

/** A LIKE pattern with escape character `escape` rewritten for ClickHouse, whose escape is always the backslash. */
function withBackslashEscape (pattern: string, escape: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === escape && i + 1 < pattern.length) { out += `\\${pattern[++i]!}`; continue }
    out += c === '\\' ? '\\\\' : c
  }
  return out
}

export const likeEscape: RewriteRule = {
  name: 'ch-like-escape',
  reason: "ClickHouse 18.16 has no LIKE … ESCAPE; its LIKE always escapes with a backslash. ESCAPE '\\' is dropped; another escape character is rewritten into the (literal) pattern.",
  nodes: ['like', 'i_like'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const escapeNode = data.escape as AstNode | null | undefined
    if (escapeNode === null || escapeNode === undefined) return undefined
    const escape = stringValue(escapeNode)
    if (escape === undefined || escape.length !== 1) return ctx.fail('LIKE … ESCAPE needs a literal one-character escape to be translated to ClickHouse', node)
    if (escape === '\\') return { [nodeType(node)!]: { ...data, escape: null } }
    const pattern = stringValue(data.right as AstNode)
    if (pattern === undefined) return ctx.fail('LIKE … ESCAPE with an escape other than \\ needs a literal pattern to be translated to ClickHouse', node)
    return { [nodeType(node)!]: { ...data, right: stringLiteral(withBackslashEscape(pattern, escape)), escape: null } }
  },
}

export const sign = {
  name: 'ch-sign',
  reason: 'ClickHouse 18.16 has no sign(); multiIf(x > 0, 1, x < 0, -1, 0) is the same (NULL for NULL), as a Float64 for a double argument as in Trino.',
  functions: ['sign'],
  rewrite (node, ctx) {
    const args = asCall(node)?.args
    if (args?.length !== 1) return undefined
    const type = knownType(args[0])
    const value = 'multiIf(__0 > 0, 1, __0 < 0, -1, 0)'
    return withKnownType(ctx.target(type === 'double' ? `toFloat64(${value})` : value, args), type === 'double' ? 'double' : 'integer')
  },
} satisfies RewriteRule

export const formatCalls: RewriteRule = {
  name: 'ch-format',
  reason: "ClickHouse 18.16 has no format(); Trino's format with a literal pattern of %s / %d / %% is a concat of the pieces, a NULL argument printed as null as Java's formatter does. Other patterns are refused.",
  functions: ['format'],
  rewrite (node, ctx) {
    const args = asCall(node)?.args ?? []
    const pattern = stringValue(args[0])
    if (pattern === undefined) return ctx.fail('format() needs a literal pattern to be translated to ClickHouse 18.16', node)
    const pieces: string[] = []
    let next = 1
    let text = ''
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!
      if (c !== '%') { text += c; continue }
      const spec = pattern[++i]
      if (spec === '%') { text += '%'; continue }
      if ((spec !== 's' && spec !== 'd') || next >= args.length) return ctx.fail(`format() pattern '${pattern}' uses %${spec ?? ''}, which is not translated to ClickHouse 18.16 (only %s, %d and %%)`, node)
      if (spec === 'd' && knownType(args[next]) !== 'integer') return ctx.fail('format() %d needs an argument known to be an integer to be translated to ClickHouse 18.16', node)
      if (text !== '') pieces.push(`'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)
      text = ''
      pieces.push(`ifNull(toString(__${next - 1}), 'null')`)
      next++
    }
    if (next !== args.length) return ctx.fail('format() has more arguments than its pattern uses', node)
    if (text !== '') pieces.push(`'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`)
    return withKnownType(ctx.target(pieces.length === 1 ? pieces[0]! : `concat(${pieces.join(', ')})`, args.slice(1)), 'varchar')
  },
}

export const dateDifference = temporalDifferenceRefusal({
  name: 'ch-date-difference-interval',
  reason: 'Trino date - date (and timestamp - timestamp) is an interval day to second; ClickHouse 18.16 has no interval values and returns a number of days or seconds: refused (date_diff gives the number).',
  message: () => 'Trino date - date is an interval day to second, which ClickHouse 18.16 cannot return (it has no interval values); use date_diff(\'day\', a, b)',
})

export const timestampPlusInterval: RewriteRule = {
  name: 'ch-timestamp-plus-interval',
  reason: "ClickHouse 18.16 returns DateTime('server zone') for a DateTime ± interval, a time stamp with a zone where Trino's is without one; toDateTime(toUnixTimestamp(…)) is the same instant as a plain DateTime.",
  nodes: ['add', 'sub'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined || knownType(left) !== 'timestamp' || knownType(right) !== 'interval') return undefined
    return withKnownType(ctx.target(`toDateTime(toUnixTimestamp(__0 ${nodeType(node) === 'add' ? '+' : '-'} __1))`, [left, right]), 'timestamp')
  },
}

/** MySQL-style specifiers date_parse reads, as regular expressions of their digits. */
const PARSE_FIELDS: Readonly<Record<string, { pattern: string, field: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' }>> = {
  Y: { pattern: '(\\d{4})', field: 'year' }, m: { pattern: '(\\d{1,2})', field: 'month' }, c: { pattern: '(\\d{1,2})', field: 'month' },
  d: { pattern: '(\\d{1,2})', field: 'day' }, e: { pattern: '(\\d{1,2})', field: 'day' }, H: { pattern: '(\\d{1,2})', field: 'hour' },
  k: { pattern: '(\\d{1,2})', field: 'hour' }, i: { pattern: '(\\d{1,2})', field: 'minute' }, s: { pattern: '(\\d{1,2})', field: 'second' },
  S: { pattern: '(\\d{1,2})', field: 'second' },
}

/** The time stamp `text` names under MySQL `format`, as YYYY-MM-DD HH:MM:SS, else undefined. */
export function parseLiteralDate (text: string, format: string): string | undefined {
  let pattern = '^'
  const fields: Array<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'> = []
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!
    if (c !== '%') { pattern += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'); continue }
    const spec = format[++i] ?? ''
    if (spec === '%') { pattern += '%'; continue }
    const known = PARSE_FIELDS[spec]
    if (known === undefined) return undefined
    pattern += known.pattern
    fields.push(known.field)
  }
  const match = new RegExp(`${pattern}$`).exec(text)
  if (match === null) return undefined
  const value = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
  fields.forEach((field, i) => { value[field] = Number(match[i + 1]) })
  const date = new Date(Date.UTC(value.year, value.month - 1, value.day, value.hour, value.minute, value.second))
  if (date.getUTCFullYear() !== value.year || date.getUTCMonth() !== value.month - 1 || date.getUTCDate() !== value.day || value.hour > 23 || value.minute > 59 || value.second > 59) return undefined
  return date.toISOString().slice(0, 19).replace('T', ' ')
}

export const dateParse: RewriteRule = {
  name: 'ch-date-parse-literal',
  reason: "ClickHouse 18.16 cannot parse a date with a format (parseDateTimeBestEffort guesses the field order): date_parse of a literal with a literal format is parsed during translation into toDateTime('…'); others are refused.",
  functions: ['date_parse'],
  rewrite (node, ctx) {
    const args = asCall(node)?.args ?? []
    const text = stringValue(args[0])
    const format = stringValue(args[1])
    if (args.length !== 2 || text === undefined || format === undefined) return ctx.fail('ClickHouse 18.16 has no date parsing with a format: date_parse is translated only for a literal string and format', node)
    const parsed = parseLiteralDate(text, format)
    if (parsed === undefined) return ctx.fail(`date_parse('${text}', '${format}') is not translated to ClickHouse 18.16 (a specifier other than %Y %m %c %d %e %H %k %i %s %S, or a value that does not match)`, node)
    return withKnownType(ctx.target(`toDateTime('${parsed}')`, []), 'timestamp')
  },
}

/** A literal positive integer argument, else undefined. */
function literalInteger (node: AstNode | undefined): number | undefined {
  const data = node === undefined ? undefined : nodeData(node)
  return node !== undefined && nodeType(node) === 'literal' && data?.literal_type === 'number' && typeof data.value === 'string' && /^\d+$/.test(data.value) ? Number(data.value) : undefined
}

function quoted (text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

export const splitPart: RewriteRule = {
  name: 'ch-split-part',
  reason: "Trino split_part returns NULL past the last part; ClickHouse's splitByString(…)[n] returns ''. The part count is checked first (literal delimiter and index).",
  functions: ['split_part'],
  rewrite (node, ctx) {
    const args = asCall(node)?.args ?? []
    const delimiter = stringValue(args[1])
    const index = literalInteger(args[2])
    if (args.length !== 3 || delimiter === undefined || delimiter === '' || index === undefined || index < 1) return undefined
    const parts = `splitByString(${quoted(delimiter)}, assumeNotNull(__0))`
    return withKnownType(ctx.target(`if(isNull(__0), NULL, if(${index} <= length(${parts}), arrayElement(${parts}, ${index}), NULL))`, [args[0]!]), 'varchar')
  },
}

export const padding: RewriteRule = {
  name: 'ch-lpad-rpad',
  reason: 'ClickHouse 18.16 has no leftPad/rightPad (nor repeat): with a literal length and ASCII pad, the pad text is built during translation and cut to length; a longer string is cut to the length, as in Trino.',
  functions: ['lpad', 'rpad'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const args = call?.args ?? []
    const size = literalInteger(args[1])
    const pad = stringValue(args[2])
    if (args.length !== 3 || size === undefined || pad === undefined || pad === '' || !/^[\x20-\x7e]*$/.test(pad)) return undefined
    const text = pad.repeat(Math.ceil(size / pad.length)).slice(0, size)
    const fill = `substring(${quoted(text)}, 1, ${size} - lengthUTF8(__0))`
    const padded = call!.name === 'lpad' ? `concat(${fill}, __0)` : `concat(__0, ${fill})`
    return withKnownType(ctx.target(`if(lengthUTF8(__0) >= ${size}, substringUTF8(__0, 1, ${size}), ${padded})`, [args[0]!]), 'varchar')
  },
}

export const regexpExtract: RewriteRule = {
  name: 'ch-regexp-extract',
  reason: "Trino regexp_extract(s, p) is the whole first match, NULL without one; ClickHouse extract() returns the first group and '' without a match. The pattern is wrapped in a group and the match tested first (literal pattern, no group argument).",
  functions: ['regexp_extract'],
  rewrite (node, ctx) {
    const args = asCall(node)?.args ?? []
    const pattern = stringValue(args[1])
    if (args.length !== 2 || pattern === undefined) return undefined
    const build = (values: readonly AstNode[]): AstNode => functionNode('if', [
      functionNode('match', [values[0]!, stringLiteral(pattern)]),
      functionNode('extract', [values[0]!, stringLiteral(`(${pattern})`)]),
      { null: null },
    ])
    return withKnownType(ctx.target(build, [args[0]!]), 'varchar')
  },
}

const JODA: ReadonlyArray<[RegExp, string]> = [[/^yyyy/, '%Y'], [/^yy/, '%y'], [/^MM/, '%m'], [/^dd/, '%d'], [/^HH/, '%H'], [/^mm/, '%M'], [/^ss/, '%S']]

/** A Joda-Time pattern as formatDateTime's, for the numeric fields; undefined for any other letter or a quote. */
export function jodaToClickHouse (pattern: string): string | undefined {
  let out = ''
  let rest = pattern
  while (rest !== '') {
    const found = JODA.find(([re]) => re.test(rest))
    if (found !== undefined) { out += found[1]; rest = rest.replace(found[0], ''); continue }
    const c = rest[0]!
    if (/[a-zA-Z']/.test(c)) return undefined
    out += c === '%' ? '%%' : c
    rest = rest.slice(1)
  }
  return out
}

export const formatDatetime: RewriteRule = {
  name: 'ch-format-datetime',
  reason: "Trino format_datetime takes a Joda-Time pattern; ClickHouse formatDateTime its own: yyyy yy MM dd HH mm ss are converted from a literal pattern, others refused.",
  functions: ['format_datetime'],
  rewrite (node, ctx) {
    const args = asCall(node)?.args ?? []
    const pattern = stringValue(args[1])
    const converted = pattern === undefined ? undefined : jodaToClickHouse(pattern)
    if (args.length !== 2 || converted === undefined) return undefined
    return withKnownType(ctx.target((values) => functionNode('formatDateTime', [values[0]!, stringLiteral(converted)]), [args[0]!]), 'varchar')
  },
}

export const functionRules: readonly RewriteRule[] = [distinctFrom, likeEscape, sign, formatCalls, dateDifference, timestampPlusInterval, dateParse, splitPart, padding, regexpExtract, formatDatetime]
