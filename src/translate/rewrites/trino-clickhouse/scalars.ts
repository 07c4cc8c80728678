/** Trino → ClickHouse (18.16 and later): literals, numbers, dates and strings. */
import { dateAddDiff, dateFormat, dateTrunc } from './dates.ts'
import { nodeData, nodeType, stringLiteral } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, extractFieldName } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { call, intervalAmount, intervalUnit, isKnownInteger, knownType, operands, regexpReplaceRule, templateRule, verbatimCall, withKnownType } from '../trino-common/rule-kit.ts'

/** A literal integer's value (with its sign), else undefined. */
function integerValue (node: AstNode | undefined): number | undefined {
  if (node === undefined) return undefined
  if (nodeType(node) === 'neg') { const v = integerValue(child(node, 'this')); return v === undefined ? undefined : -v }
  const data = nodeData(node)
  return nodeType(node) === 'literal' && data.literal_type === 'number' && typeof data.value === 'string' && /^\d+$/.test(data.value) ? Number(data.value) : undefined
}

/** Longer than any String ClickHouse holds: "to the end" for substringUTF8, which 18.16 wants as a constant. */
const TO_THE_END = 4294967295

export const substringChars: RewriteRule = {
  name: 'ch-substring-characters',
  reason: 'Trino substr counts characters; ClickHouse substring counts bytes (a multi-byte character is cut in half). substringUTF8 counts characters, but 18.16 takes only constant, non-negative positions: a negative start counts from the end through reverseUTF8, a missing length is a constant past any end, and positions that are not literals are refused.',
  nodes: ['substring'],
  rewrite (node, ctx) {
    const value = child(node, 'this')
    const startNode = child(node, 'start')
    const lengthNode = child(node, 'length')
    if (value === undefined || startNode === undefined) return undefined
    const start = integerValue(startNode)
    const length = lengthNode === undefined ? TO_THE_END : integerValue(lengthNode)
    if (start === undefined || length === undefined) return ctx.fail('ClickHouse 18.16 substringUTF8 takes only constant positions, and substring() would count bytes, not characters: substr needs literal start and length to be translated', node)
    if (length < 0) return ctx.fail('substr with a negative length fails in Trino', node)
    if (start === 0) return withKnownType(ctx.target("''", []), 'varchar')
    if (start > 0) return withKnownType(ctx.target(`substringUTF8(__0, ${start}, ${length})`, [value]), 'varchar')
    // substr(s, -n, len): the last n characters, then the first len of them.
    const tail = `reverseUTF8(substringUTF8(reverseUTF8(__0), 1, ${-start}))`
    return withKnownType(ctx.target(lengthNode === undefined ? tail : `substringUTF8(${tail}, 1, ${length})`, [value]), 'varchar')
  },
}

export const regexpReplace = regexpReplaceRule({
  name: 'ch-regexp-replace',
  reason: 'Trino regexp_replace replaces every match and writes groups as $1; ClickHouse replaceRegexpAll writes them as \\1.',
  target: 'ClickHouse',
  template: 'replaceRegexpAll(__0, __1, __2)',
})

export const trimSpaces = templateRule({
  name: 'ch-trim',
  reason: 'ClickHouse 18.16 has no trim(); a regular expression removes the same leading and trailing whitespace.',
  nodes: ['trim'],
  args: (node) => { const v = child(node, 'this'); return v === undefined || (nodeData(node).characters ?? null) !== null ? undefined : [v] },
  template: () => "replaceRegexpAll(__0, '^\\s+|\\s+$', '')",
})

export const typedLiterals: RewriteRule = {
  name: 'ch-typed-literals',
  reason: "ClickHouse before 20.x cannot parse DATE '…' / TIMESTAMP '…' literals; toDate('…') / toDateTime('…') are the same values on every version.",
  nodes: ['literal'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = data.value
    if (typeof value !== 'string') return undefined
    if (data.literal_type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return withKnownType(ctx.target(`toDate('${value}')`, []), 'date')
    if (data.literal_type === 'timestamp' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return withKnownType(ctx.target(`toDateTime('${value}')`, []), 'timestamp')
    return undefined
  },
}

const INTERVAL_FUNCTIONS: Readonly<Record<string, string>> = {
  second: 'toIntervalSecond', minute: 'toIntervalMinute', hour: 'toIntervalHour', day: 'toIntervalDay', week: 'toIntervalWeek',
  month: 'toIntervalMonth', quarter: 'toIntervalQuarter', year: 'toIntervalYear',
}

export const intervalLiterals: RewriteRule = {
  name: 'ch-interval-literals',
  reason: "polyglot writes INTERVAL '30' DAY as toIntervalDay('30'), which ClickHouse rejects (it wants a number).",
  nodes: ['interval'],
  rewrite (node, ctx) {
    const unit = intervalUnit(node)
    const amount = intervalAmount(node)
    const fn = unit === undefined ? undefined : INTERVAL_FUNCTIONS[unit]
    if (fn === undefined || amount === undefined) return undefined
    return withKnownType(ctx.target(`${fn}(${amount})`, []), 'interval')
  },
}

export const integerDivision: RewriteRule = {
  name: 'ch-integer-division',
  reason: "Trino's / truncates when both sides are integers; ClickHouse's / always returns a Float64. intDiv truncates toward zero. Applied when both sides are known integers.",
  nodes: ['div'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined || !isKnownInteger(left) || !isKnownInteger(right)) return undefined
    return withKnownType(ctx.target('intDiv(__0, __1)', [left, right]), 'integer')
  },
}

/** Trino → ClickHouse functions with another name or argument order (ClickHouse names are case-sensitive). */
const CALLS: Readonly<Record<string, { arity: number, build: string | ((args: readonly AstNode[]) => AstNode), type?: 'integer' | 'date' | 'double' | 'varchar' }>> = {
  year: { arity: 1, build: 'toYear(__0)', type: 'integer' },
  month: { arity: 1, build: 'toMonth(__0)', type: 'integer' },
  day: { arity: 1, build: 'toDayOfMonth(__0)', type: 'integer' },
  day_of_month: { arity: 1, build: 'toDayOfMonth(__0)', type: 'integer' },
  quarter: { arity: 1, build: 'toQuarter(__0)', type: 'integer' },
  hour: { arity: 1, build: 'toHour(__0)', type: 'integer' },
  minute: { arity: 1, build: 'toMinute(__0)', type: 'integer' },
  second: { arity: 1, build: 'toSecond(__0)', type: 'integer' },
  day_of_week: { arity: 1, build: 'toDayOfWeek(__0)', type: 'integer' },
  dow: { arity: 1, build: 'toDayOfWeek(__0)', type: 'integer' },
  day_of_year: { arity: 1, build: 'toDayOfYear(__0)', type: 'integer' },
  doy: { arity: 1, build: 'toDayOfYear(__0)', type: 'integer' },
  week: { arity: 1, build: 'toISOWeek(__0)', type: 'integer' },
  week_of_year: { arity: 1, build: 'toISOWeek(__0)', type: 'integer' },
  year_of_week: { arity: 1, build: 'toISOYear(__0)', type: 'integer' },
  yow: { arity: 1, build: 'toISOYear(__0)', type: 'integer' },
  last_day_of_month: { arity: 1, build: 'addDays(addMonths(toStartOfMonth(__0), 1), -1)', type: 'date' },
  length: { arity: 1, build: 'toInt64(lengthUTF8(__0))', type: 'integer' },
  upper: { arity: 1, build: 'upperUTF8(__0)' },
  lower: { arity: 1, build: 'lowerUTF8(__0)' },
  reverse: { arity: 1, build: 'reverseUTF8(__0)' },
  strpos: { arity: 2, build: call('toInt64', call('positionUTF8', 0, 1)), type: 'integer' },
  starts_with: { arity: 2, build: call('startsWith', 0, 1) },
  replace: { arity: 3, build: call('replaceAll', 0, 1, 2) },
  regexp_like: { arity: 2, build: call('match', 0, 1) },
  split: { arity: 2, build: call('splitByString', 1, 0) },
  ltrim: { arity: 1, build: call('replaceRegexpAll', 0, stringLiteral('^\\s+'), stringLiteral('')) },
  rtrim: { arity: 1, build: call('replaceRegexpAll', 0, stringLiteral('\\s+$'), stringLiteral('')) },
  to_utf8: { arity: 1, build: '__0' },
  to_hex: { arity: 1, build: 'hex(__0)' },
  md5: { arity: 1, build: 'MD5(__0)' },
  abs: { arity: 1, build: call('abs', 0) },
  sqrt: { arity: 1, build: 'sqrt(__0)', type: 'double' },
  ln: { arity: 1, build: 'log(__0)', type: 'double' },
  log10: { arity: 1, build: 'log10(__0)', type: 'double' },
  exp: { arity: 1, build: 'exp(__0)', type: 'double' },
  power: { arity: 2, build: 'pow(__0, __1)', type: 'double' },
  floor: { arity: 1, build: 'floor(__0)' },
  ceil: { arity: 1, build: 'ceil(__0)' },
  ceiling: { arity: 1, build: 'ceil(__0)' },
  cardinality: { arity: 1, build: 'toInt64(length(__0))', type: 'integer' },
  array_join: { arity: 2, build: 'arrayStringConcat(__0, __1)' },
  array_sort: { arity: 1, build: 'arraySort(__0)' },
  array_max: { arity: 1, build: "if(has(__0, NULL), NULL, arrayReduce('max', __0))" },
  array_min: { arity: 1, build: "if(has(__0, NULL), NULL, arrayReduce('min', __0))" },
  array_position: { arity: 2, build: 'toInt64(indexOf(__0, __1))', type: 'integer' },
  contains: { arity: 2, build: 'has(__0, __1)' },
  slice: { arity: 3, build: 'arraySlice(__0, __1, __2)' },
}

/** The CALLS entries built as verbatim calls (templateRule takes only strings). */
export const verbatimCalls: RewriteRule = {
  name: 'ch-function-names-verbatim',
  reason: 'ClickHouse function names are case-sensitive and polyglot upper-cases the ones it knows (abs, match, position, startsWith) when it reads a template, so these calls are built as they must be written.',
  nodes: ['abs', 'str_position', 'starts_with'],
  functions: Object.keys(CALLS).filter((k) => typeof CALLS[k]!.build !== 'string'),
  rewrite (node, ctx) {
    const type = Object.keys(node)[0] ?? ''
    const name = asCall(node)?.name ?? (type === 'str_position' ? 'strpos' : type)
    const spec = CALLS[name]
    const args = type === 'str_position' ? [child(node, 'this'), child(node, 'substr')].filter((a): a is AstNode => a !== undefined) : operands(node)
    if (type === 'str_position' && (nodeData(node).occurrence ?? null) !== null) return ctx.fail('strpos with an instance argument is not translated to ClickHouse', node)
    if (spec === undefined || typeof spec.build === 'string' || args.length !== spec.arity) return undefined
    return withKnownType(ctx.target(spec.build, args), spec.type)
  },
}

export const functionCalls = templateRule({
  name: 'ch-function-names',
  reason: `Trino functions ClickHouse has under another (case-sensitive) name, counting characters rather than bytes where Trino does (length, strpos, upper, lower, reverse use the UTF8 forms): ${Object.keys(CALLS).join(', ')}.`,
  nodes: ['year', 'month', 'day', 'quarter', 'hour', 'minute', 'second', 'day_of_week', 'day_of_year', 'week_of_year', 'week', 'day_of_month',
    'length', 'upper', 'lower', 'reverse', 'str_position', 'starts_with', 'cardinality', 'contains', 'array_position', 'abs', 'sqrt', 'ln', 'exp', 'floor', 'ceil', 'power'],
  functions: Object.keys(CALLS),
  template: (args, node) => {
    const type = Object.keys(node)[0] ?? ''
    const name = asCall(node)?.name ?? (type === 'str_position' ? 'strpos' : type)
    const spec = CALLS[name]
    if (spec === undefined || args.length !== spec.arity) return undefined
    return typeof spec.build === 'string' ? spec.build : undefined
  },
  resultType: (args, node) => CALLS[asCall(node)?.name ?? Object.keys(node)[0] ?? '']?.type,
})

export const fieldExtract: RewriteRule = {
  name: 'ch-extract-fields',
  reason: 'Trino EXTRACT(DOW …) is ISO (Monday = 1) and EXTRACT(DOY/WEEK/QUARTER …) exist; ClickHouse 18.16 EXTRACT knows only YEAR … SECOND. The toX functions give Trino\'s values.',
  nodes: ['extract'],
  rewrite (node, ctx) {
    const name = extractFieldName(node)
    const value = child(node, 'this')
    if (name === undefined || value === undefined) return undefined
    const key = name.toLowerCase().replace(/^dayofweek$/, 'dow').replace(/^dayofyear$/, 'doy').replace(/^dayofmonth$/, 'day').replace(/^weekofyear$/, 'week')
    const spec = CALLS[key]
    return spec === undefined || typeof spec.build !== 'string' ? undefined : withKnownType(ctx.target(spec.build, [value]), 'integer')
  },
}

export const greatestLeast: RewriteRule = {
  name: 'ch-greatest-least-pairs',
  reason: 'ClickHouse 18.16 greatest()/least() take exactly two arguments; more are nested pairwise (NULL in any gives NULL, as in Trino).',
  functions: ['greatest', 'least'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 2) return undefined
    let template = '__0'
    for (let i = 1; i < call.args.length; i++) template = `${call.name}(${template}, __${i})`
    return ctx.target(template, call.args)
  },
}

export const roundHalfUp = templateRule({
  name: 'ch-round-known-double',
  reason: 'ClickHouse round() of a Float64 rounds half to even; Trino rounds half away from zero. Rounded as a decimal when the argument is known to be a double.',
  functions: ['round'],
  template: (args) => knownType(args[0]) !== 'double' ? undefined : args.length === 1 ? 'toFloat64(round(toDecimal128(__0, 12)))' : 'toFloat64(round(toDecimal128(__0, 12), __1))',
  resultType: 'double',
})

/** Functions ClickHouse 18.16 cannot answer as Trino does. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  levenshtein_distance: 'ClickHouse 18.16 has no edit distance', lpad: 'ClickHouse 18.16 has no leftPad', rpad: 'ClickHouse 18.16 has no rightPad',
  chr: 'ClickHouse 18.16 has no char()', codepoint: 'ClickHouse 18.16 has no code point function', format_datetime: 'Joda-Time patterns are not translated to ClickHouse',
  typeof: "ClickHouse type names differ from Trino's", split_part: 'ClickHouse returns an empty string where Trino returns NULL',
  regexp_extract: 'ClickHouse extract() returns the first group where Trino returns the whole match', try_cast: 'ClickHouse 18.16 has no accurate-or-NULL casts',
  json_extract_scalar: 'ClickHouse 18.16 has no JSON path functions (JSONExtract* came in 19.x; visitParam* read only flat, unescaped objects)',
  json_extract: 'ClickHouse 18.16 has no JSON path functions (JSONExtract* came in 19.x)', json_array_length: 'ClickHouse 18.16 has no JSON functions (JSONLength came in 19.x)',
  json_size: 'ClickHouse 18.16 has no JSON path functions', json_format: 'ClickHouse 18.16 has no JSON type', json_parse: 'ClickHouse 18.16 has no JSON type',
}

export const unsupported: RewriteRule = {
  name: 'ch-known-unsupported',
  reason: 'Trino functions ClickHouse 18.16 cannot answer the same way: fail instead of returning something else.',
  functions: Object.keys(UNSUPPORTED),
  nodes: ['try_cast', 'json_extract_scalar', 'json_extract', 'json_array_length'],
  rewrite (node, ctx) {
    const name = asCall(node)?.name ?? Object.keys(node)[0] ?? ''
    return ctx.fail(`${name}() has no ClickHouse equivalent: ${UNSUPPORTED[name] ?? ''}`, node)
  },
}

export const notBetween: RewriteRule = {
  name: 'ch-not-between',
  reason: 'ClickHouse 18.16 cannot parse x NOT BETWEEN a AND b; NOT (x BETWEEN a AND b) is the same test.',
  nodes: ['between'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const [value, low, high] = [child(node, 'this'), child(node, 'low'), child(node, 'high')]
    if (data.not !== true || value === undefined || low === undefined || high === undefined) return undefined
    return withKnownType(ctx.target('NOT (__0 BETWEEN __1 AND __2)', [value, low, high]), 'boolean')
  },
}

export const elementAt = templateRule({
  name: 'ch-element-at',
  reason: "Trino element_at returns NULL past the array's end; ClickHouse's subscript returns the type's default ('' or 0).",
  nodes: ['element_at'],
  // No abs(): polyglot writes it ABS, which 18.16 does not know (its function names are case-sensitive).
  template: (args) => args.length === 2 ? 'if(__1 != 0 AND __1 <= length(__0) AND -__1 <= length(__0), arrayElement(__0, __1), NULL)' : undefined,
})

function lambdaRule (name: string, fn: string, target: string): RewriteRule {
  return {
    name,
    reason: `Trino ${fn}(array, x -> …) is ClickHouse ${target}(x -> …, array).`,
    functions: [fn],
    rewrite (node, ctx) {
      const c = asCall(node)
      if (c?.args.length !== 2) return undefined
      return ctx.target(call(target, 1, 0), c.args)
    },
  }
}

export const transformLambda = lambdaRule('ch-transform', 'transform', 'arrayMap')
export const filterLambda = lambdaRule('ch-filter', 'filter', 'arrayFilter')

export const sequence = templateRule({
  name: 'ch-sequence',
  reason: 'Trino sequence(a, b[, step]) is the inclusive array a … b; ClickHouse 18.16 range(n) takes only a length. A step must be a literal (its sign decides the direction).',
  functions: ['sequence'],
  template: (args, node, ctx) => {
    if (args.length === 2) return 'arrayMap(qf_x -> toInt64(qf_x) + __0, range(toUInt64(greatest(__1 - __0 + 1, 0))))'
    const step = integerValue(args[2])
    if (args.length !== 3) return undefined
    if (step === undefined || step === 0) return ctx.fail('sequence() needs a literal, non-zero step to be translated to ClickHouse 18.16', node)
    return `arrayMap(qf_x -> toInt64(qf_x) * ${step} + __0, range(toUInt64(greatest(intDiv(__1 - __0, ${step}) + 1, 0))))`
  },
})

export const scalarRules: readonly RewriteRule[] = [
  notBetween, elementAt, transformLambda, filterLambda, sequence,
  substringChars, regexpReplace, trimSpaces, verbatimCalls,
  typedLiterals, intervalLiterals, integerDivision, functionCalls, dateTrunc, dateAddDiff, dateFormat, fieldExtract, greatestLeast, roundHalfUp, unsupported,
]

void verbatimCall
