/**
 * Trino → ClickHouse 18.16: exact numbers. ClickHouse reads 0.05 as a Float64, and 18.16 has no
 * operation between a Decimal and a Float64 (`l_discount BETWEEN 0.05 AND 0.07` fails), while in
 * Trino 0.05 is decimal(2,2). Decimal division truncates in ClickHouse and rounds half away from
 * zero in Trino, at another scale; casts of fractions to integers truncate where Trino rounds.
 */
import { nodeData, nodeType, stringLiteral } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { isSchemaTyped } from '../schema-typed.ts'
import { call, knownType, withKnownType } from '../trino-common/rule-kit.ts'

/** Scales of the decimal placeholders the ClickHouse rules made (a WeakMap, as rule-kit's types). */
const placeholderScales = new WeakMap<AstNode, number>()

/** Placeholders known to be Decimal128 (see decimalMultiply). */
const widePlaceholders = new WeakSet<AstNode>()
/** The text of the decimal literals decimalLiterals replaced, for rules that need the literal. */
const literalTexts = new WeakMap<AstNode, string>()

/** Records that `placeholder` is a decimal of `scale` (and so of known type decimal), a Decimal128 when `wide`. */
export function withDecimalScale (placeholder: AstNode, scale: number | undefined, wide = false): AstNode {
  if (wide) widePlaceholders.add(placeholder)
  if (scale === undefined) return placeholder
  placeholderScales.set(placeholder, scale)
  return withKnownType(placeholder, 'decimal')
}

/** Gives `copy` (a ctx.duplicate of `original`) the scale facts of the original placeholder. */
export function copyDecimalFacts (original: AstNode, copy: AstNode): void {
  const scale = placeholderScales.get(original)
  if (scale !== undefined) placeholderScales.set(copy, scale)
  if (widePlaceholders.has(original)) widePlaceholders.add(copy)
  const text = literalTexts.get(original)
  if (text !== undefined) literalTexts.set(copy, text)
}

/** Aggregate placeholders whose result keeps the argument's scale (sum, avg, min, max, arbitrary). */
export const scalePreserving = new WeakSet<object>()

/**
 * The scale of a scale-keeping aggregate of a derived table's column (max(total) FROM (SELECT
 * sum(x) AS total …) AS r): the scale of the expression behind the column.
 */
function derivedScale (aggregate: AstNode, query: AstNode): number | undefined {
  if (!scalePreserving.has(aggregate)) return undefined
  const arg = (nodeData(aggregate).args as AstNode[] | undefined)?.[0]
  if (arg === undefined || nodeType(arg) !== 'column') return undefined
  const name = ((nodeData(arg).name as { name?: unknown }).name as string).toLowerCase()
  const items = (nodeData(query).from as { expressions?: AstNode[] } | null)?.expressions ?? []
  if (items.length !== 1 || nodeType(items[0]) !== 'subquery') return undefined
  const select = nodeData(items[0]!).this as AstNode
  const expressions = nodeType(select) === 'select' ? nodeData(select).expressions as AstNode[] : []
  const found = expressions.find((e) => nodeType(e) === 'alias' && String((nodeData(e).alias as { name?: unknown }).name).toLowerCase() === name)
  return found === undefined ? undefined : decimalScaleOf(nodeData(found).this as AstNode)
}

/** The literal text of a decimal literal (also after decimalLiterals replaced it), else undefined. */
export function decimalLiteralText (node: AstNode | undefined): string | undefined {
  if (node === undefined) return undefined
  const text = literalTexts.get(node)
  if (text !== undefined) return text
  const data = nodeData(node)
  return nodeType(node) === 'literal' && data.literal_type === 'number' && typeof data.value === 'string' ? data.value : undefined
}

/** True when the value is known to be a Decimal128 (38 digits) in ClickHouse. */
function isWide (node: AstNode): boolean {
  if (widePlaceholders.has(node)) return true
  const type = nodeType(node)
  if (type === 'paren') return isWide(nodeData(node).this as AstNode)
  const typed = type === 'cast' ? nodeData(node).to : type === 'column' && isSchemaTyped(node) ? nodeData(node).inferred_type : undefined
  const precision = (typed as { data_type?: unknown, precision?: unknown } | undefined)?.precision
  return typeof precision === 'number' && precision > 18
}

function numberLiteral (value: number): AstNode {
  return { literal: { literal_type: 'number', value: String(value) } }
}

/** The scale of an exact number when the statement proves it: integers 0, decimals their scale. */
export function scaleOf (node: AstNode | undefined): number | undefined {
  if (node === undefined) return undefined
  const known = placeholderScales.get(node)
  if (known !== undefined) return known
  const type = nodeType(node)
  const data = nodeData(node)
  switch (type) {
    case 'literal': {
      const value = data.value
      if (data.literal_type !== 'number' || typeof value !== 'string' || /e/i.test(value)) return undefined
      return value.includes('.') ? value.length - value.indexOf('.') - 1 : 0
    }
    case 'column': {
      const inferred = data.inferred_type as { data_type?: unknown, scale?: unknown } | undefined
      if (!isSchemaTyped(node)) return undefined
      if (inferred?.data_type === 'decimal' && typeof inferred.scale === 'number') return inferred.scale
      return knownType(node) === 'integer' ? 0 : undefined
    }
    case 'cast': {
      const to = data.to as { data_type?: unknown, scale?: unknown } | undefined
      if (to?.data_type === 'decimal') return typeof to.scale === 'number' ? to.scale : 0
      return knownType(node) === 'integer' ? 0 : undefined
    }
    case 'paren': case 'neg': return scaleOf(child(node, 'this'))
    case 'case': {
      // Trino's CASE of decimal and integer branches is a decimal of the largest scale.
      const branches = [...((data.whens as unknown[][] | undefined) ?? []).map((w) => w[1]), data.else_].filter((b) => nodeType(b) !== undefined) as AstNode[]
      const scales = branches.map((b) => scaleOf(b))
      return scales.some((x) => x === undefined) || scales.length === 0 ? undefined : Math.max(...scales as number[])
    }
    case 'add': case 'sub': case 'mul': {
      const left = scaleOf(child(node, 'left'))
      const right = scaleOf(child(node, 'right'))
      if (left === undefined || right === undefined) return undefined
      return type === 'mul' ? left + right : Math.max(left, right)
    }
    default: return knownType(node) === 'integer' ? 0 : undefined
  }
}

/** The scale of a value known to be a decimal (a CASE of decimal and integer branches is one), else undefined. */
export function decimalScaleOf (node: AstNode | undefined): number | undefined {
  if (node === undefined) return undefined
  const type = knownType(node)
  if (type === 'decimal') return scaleOf(node)
  if (nodeType(node) !== 'case' || type !== undefined) return undefined
  const data = nodeData(node)
  const branches = [...((data.whens as unknown[][] | undefined) ?? []).map((w) => w[1]), data.else_].filter((b) => nodeType(b) !== undefined) as AstNode[]
  const types = branches.map((b) => knownType(b))
  return types.includes('decimal') && types.every((t) => t === 'decimal' || t === 'integer') ? scaleOf(node) : undefined
}

export const decimalLiterals: RewriteRule = {
  name: 'ch-decimal-literals',
  reason: "Trino reads 1.5 as decimal(2,1), ClickHouse as a Float64, and 18.16 cannot compare or combine a Float64 with a Decimal column (No operation lessOrEquals between Decimal(15, 2) and Float64): the literal becomes toDecimal128('1.5', 1).",
  nodes: ['literal'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = data.value
    if (data.literal_type !== 'number' || typeof value !== 'string' || !/^\d*\.\d*$/.test(value) || value === '.') return undefined
    const scale = value.length - value.indexOf('.') - 1
    const digits = value.replace('.', '').replace(/^0+(?=\d)/, '').length
    if (digits > 38) return ctx.fail(`the decimal literal ${value} has more than 38 digits`, node)
    // Decimal128 always: 18.16 multiplies a narrower Decimal by a wider one wrongly (see decimalMultiply).
    const placeholder = withDecimalScale(ctx.target(call('toDecimal128', stringLiteral(value), numberLiteral(scale)), []), scale, true)
    literalTexts.set(placeholder, value)
    return placeholder
  },
}

const MIXING = ['add', 'sub', 'mul', 'div', 'mod', 'eq', 'neq', 'lt', 'lte', 'gt', 'gte']

export const decimalDoubleMix: RewriteRule = {
  name: 'ch-decimal-double-mix',
  reason: 'In Trino a decimal meeting a double becomes a double; ClickHouse 18.16 refuses the pair (Illegal types Decimal(15, 2) and Float64). The decimal side is converted with toFloat64.',
  nodes: MIXING,
  rewrite (node, ctx) {
    const type = nodeType(node)!
    const left = child(node, 'left')
    const right = child(node, 'right')
    const lt = knownType(left)
    const rt = knownType(right)
    if (left === undefined || right === undefined || !((lt === 'decimal' && rt === 'double') || (lt === 'double' && rt === 'decimal'))) return undefined
    const asDouble = (side: AstNode, t: string | undefined): AstNode => t === 'decimal' ? withKnownType(ctx.target(call('toFloat64', 0), [side]), 'double') : side
    return { [type]: { ...nodeData(node), left: asDouble(left, lt), right: asDouble(right, rt) } }
  },
}

export const decimalDivision: RewriteRule = {
  name: 'ch-decimal-division',
  reason: "Trino's decimal division has the larger of the two scales and rounds half away from zero; ClickHouse's keeps the dividend's scale and truncates. Divided at one more digit, then rounded (round() of a Decimal rounds half away from zero), when both scales are known.",
  nodes: ['div'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    const types = [knownType(left), knownType(right)]
    if (left === undefined || right === undefined || !types.includes('decimal') || types.some((t) => t !== 'decimal' && t !== 'integer')) return undefined
    const ls = scaleOf(left)
    const rs = scaleOf(right)
    if (ls === undefined || rs === undefined) return undefined
    const scale = Math.max(ls, rs)
    return withDecimalScale(ctx.target(`toDecimal128(round(toDecimal128(__0, ${scale + 1}) / __1, ${scale}), ${scale})`, [left, right]), scale, true)
  },
}

export const decimalMultiply: RewriteRule = {
  name: 'ch-decimal-multiply-order',
  reason: 'ClickHouse 18.16 multiplies a Decimal by a WIDER Decimal wrongly (toDecimal64(2, 2) * toDecimal128(3, 1) gives 60.00, not 6.000) and gets it right the other way round: when the right operand is known to be a Decimal128 and the left is not, the operands swap (multiplication commutes).',
  nodes: ['mul'],
  rewrite (node) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined || knownType(right) !== 'decimal' || !isWide(right) || isWide(left)) return undefined
    const swapped = { mul: { ...nodeData(node), left: right, right: left } }
    const ls = scaleOf(left)
    const rs = scaleOf(right)
    return withDecimalScale(swapped, ls === undefined || rs === undefined ? undefined : ls + rs, true)
  },
}

export const decimalScalarSubqueries: RewriteRule = {
  name: 'ch-decimal-scalar-subquery',
  reason: 'ClickHouse 18.16 cannot return a Decimal from a scalar subquery (Type mismatch in IN or VALUES section. Expected: Decimal(38, 3). Got: Decimal128): the subquery returns its value as text and toDecimal128(…, scale) reads it back, when the scale is known.',
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    let changed = false
    // Rebuilds only what changes: other nodes keep their identity (rule-kit's type records).
    const visit = (value: unknown): unknown => {
      if (Array.isArray(value)) {
        const items = value.map(visit)
        return items.some((item, i) => item !== value[i]) ? items : value
      }
      if (typeof value !== 'object' || value === null) return value
      const type = nodeType(value)
      if (type === 'select' || type === 'union' || type === 'in' || type === 'exists') return value
      if (type === 'subquery') {
        const query = nodeData(value as AstNode).this as AstNode
        const expressions = nodeType(query) === 'select' ? nodeData(query).expressions as AstNode[] : undefined
        const only = expressions?.length === 1 ? expressions[0]! : undefined
        const inner = only !== undefined && nodeType(only) === 'alias' ? nodeData(only).this as AstNode : only
        const derived = inner === undefined ? undefined : derivedScale(inner, query)
        const scale = derived ?? scaleOf(inner)
        if (inner === undefined || (knownType(inner) !== 'decimal' && derived === undefined) || scale === undefined) return value
        changed = true
        const asText = ctx.target(call('toString', 0), [inner])
        const textQuery = { select: { ...nodeData(query), expressions: [only === inner ? asText : { alias: { ...nodeData(only!), this: asText } }] } }
        return withDecimalScale(ctx.target(call('toDecimal128', 0, numberLiteral(scale)), [{ subquery: { ...nodeData(value as AstNode), this: textQuery } }]), scale, true)
      }
      let copy: AstNode | undefined
      for (const [key, child] of Object.entries(value)) {
        if (key === 'span' || key === 'inferred_type') continue
        const next = visit(child)
        if (next !== child) { copy ??= { ...(value as AstNode) }; copy[key] = next }
      }
      return copy ?? value
    }
    const next: AstNode = {}
    for (const [key, value] of Object.entries(data)) next[key] = key === 'from' || key === 'joins' || key === 'with' ? value : visit(value)
    return changed ? { select: next } : undefined
  },
}

const INTEGER_CASTS: Readonly<Record<string, string>> = { tiny_int: 'toInt8', small_int: 'toInt16', int: 'toInt32', integer: 'toInt32', big_int: 'toInt64', bigint: 'toInt64' }

export const roundingIntegerCasts: RewriteRule = {
  name: 'ch-cast-to-integer-rounds',
  reason: 'Trino CAST(22500.79 AS integer) rounds (half away from zero) to 22501; ClickHouse truncates to 22500. A decimal is rounded first (round() of a Decimal rounds half away from zero), a double with floor(x + 0.5) / ceil(x - 0.5).',
  nodes: ['cast'],
  rewrite (node, ctx) {
    const to = nodeData(node).to as { data_type?: unknown } | undefined
    const fn = typeof to?.data_type === 'string' ? INTEGER_CASTS[to.data_type] : undefined
    const value = child(node, 'this')
    const from = knownType(value)
    if (fn === undefined || value === undefined || (from !== 'decimal' && from !== 'double')) return undefined
    const rounded = from === 'decimal' ? `${fn}(round(__0))` : `${fn}(if(__0 >= 0, floor(__0 + 0.5), ceil(__0 - 0.5)))`
    return withKnownType(ctx.target(rounded, [value]), 'integer')
  },
}

// decimalDoubleMix before decimalMultiply: a double times a Decimal128 needs the conversion, not the swap.
// decimalScalarSubqueries is a SELECT rule, ordered with the others in queries.ts.
export const numberRules: readonly RewriteRule[] = [decimalLiterals, decimalDivision, decimalDoubleMix, decimalMultiply, roundingIntegerCasts]
