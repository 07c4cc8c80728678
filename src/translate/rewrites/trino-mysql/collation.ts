/**
 * Trino → MySQL-wire: string comparison. Trino compares and sorts varchar by code point, case
 * and trailing spaces included; MySQL/MariaDB compare by the column's collation, by default
 * case-insensitive and PAD SPACE (`'ZULU' = 'zulu'`, `'a ' = 'a'`, 'alpha' < 'ZULU').
 *
 * A string is compared as the bytes of its UTF-8 form, `CAST(CONVERT(x USING utf8mb4) AS BINARY)`:
 * UTF-8 byte order is code point order, a binary string has no pad, and CONVERT makes a latin1 or
 * utf8mb3 column compare with a utf8mb4 literal (a `COLLATE utf8mb4_bin` would be rejected on
 * such columns, and utf8mb4_bin pads). Applied only where an operand is known to be a string
 * (literals, casts, typed columns): Trino never compares a varchar with another type, so one
 * known side types both.
 */
import { nodeData, nodeType } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { hasPositionalParameter } from '../apply.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { knownType, withKnownType } from '../trino-common/rule-kit.ts'
import { wrapsAggregate } from './numbers.ts'

/** `__n` as the bytes of its UTF-8 form. */
export function binary (slot: number): string {
  return `CAST(CONVERT(__${slot} USING utf8mb4) AS BINARY)`
}

/** A string-typed key as a placeholder that sorts and compares by code point. */
export function binaryKey (ctx: RewriteContext, value: AstNode): AstNode {
  return ctx.target(binary(0), [value])
}

export function isKnownString (node: AstNode | undefined): boolean {
  return knownType(node) === 'varchar'
}

const OPERATORS: Readonly<Record<string, string>> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', null_safe_eq: '<=>' }

export const binaryStringComparison: RewriteRule = {
  name: 'mysql-binary-string-comparison',
  reason: "Trino compares varchar by code point (case- and space-sensitive); MySQL's default collations are case-insensitive and pad spaces ('ZULU' = 'zulu'). Operands known to be strings are compared as UTF-8 bytes; an equality keeps the plain comparison too, so an index can still be used.",
  nodes: [...Object.keys(OPERATORS), 'null_safe_neq', 'between', 'in', 'like'],
  rewrite (node, ctx) {
    const type = nodeType(node)!
    const data = nodeData(node)
    if (type === 'like') return like(node, ctx)
    if (type === 'between') {
      const parts = [child(node, 'this'), child(node, 'low'), child(node, 'high')]
      if (parts.some((p) => p === undefined) || !parts.some(isKnownString) || data.symmetric === true) return undefined
      return withKnownType(ctx.target(`(${binary(0)} ${data.not === true ? 'NOT ' : ''}BETWEEN ${binary(1)} AND ${binary(2)})`, parts as AstNode[]), 'boolean')
    }
    if (type === 'in') {
      const value = child(node, 'this')
      const list = data.expressions as AstNode[] | undefined
      if (value !== undefined && data.query !== null && data.query !== undefined) return inSubquery(node, value, data.query as AstNode, ctx)
      if (value === undefined || list === undefined || list.length === 0) return undefined
      if (![value, ...list].some(isKnownString)) return undefined
      const not = data.not === true ? 'NOT ' : ''
      const bytes = `${binary(0)} ${not}IN (${list.map((_, i) => binary(i + 1)).join(', ')})`
      const args = [value, ...list]
      // For IN, keeping the collation's test (a superset of the byte test) lets an index narrow the rows.
      const template = not === '' && !hasPositionalParameter(args) ? `(__0 IN (${list.map((_, i) => `__${i + 1}`).join(', ')}) AND ${bytes})` : `(${bytes})`
      return withKnownType(ctx.target(template, args), 'boolean')
    }
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined || !(isKnownString(left) || isKnownString(right))) return undefined
    if (type === 'null_safe_neq') return withKnownType(ctx.target(`(NOT ${binary(0)} <=> ${binary(1)})`, [left, right]), 'boolean')
    const op = OPERATORS[type]!
    const bytes = `${binary(0)} ${op} ${binary(1)}`
    // Equal bytes are equal in every collation, so `a = b AND bytes equal` is the byte test, with an indexable first half.
    const template = type === 'eq' && !hasPositionalParameter([left, right]) ? `(__0 = __1 AND ${bytes})` : `(${bytes})`
    return withKnownType(ctx.target(template, [left, right]), 'boolean')
  },
}

/** `x IN (SELECT y …)`: both sides as bytes, when the subquery is one SELECT of one column. */
function inSubquery (node: AstNode, value: AstNode, query: AstNode, ctx: RewriteContext): AstNode | undefined {
  const inner = nodeType(query) === 'subquery' ? nodeData(query).this as AstNode : query
  if (nodeType(inner) !== 'select') return undefined
  const expressions = nodeData(inner).expressions as AstNode[] | undefined
  const only = expressions?.length === 1 ? expressions[0]! : undefined
  const selected = only !== undefined && nodeType(only) === 'alias' ? child(only, 'this') : only
  if (selected === undefined || nodeType(selected) === 'star' || !(isKnownString(value) || isKnownString(selected))) return undefined
  const bytes = binaryKey(ctx, selected)
  const replaced = { select: { ...nodeData(inner), expressions: [nodeType(only) === 'alias' ? { alias: { ...nodeData(only!), this: bytes } } : bytes] } }
  const query2 = nodeType(query) === 'subquery' ? { subquery: { ...nodeData(query), this: replaced } } : replaced
  return { in: { ...nodeData(node), this: binaryKey(ctx, value), query: query2 } }
}

/**
 * LIKE in a case-sensitive collation: a byte-wise LIKE would let `_` match one byte of a
 * multi-byte character, so the pattern is matched in utf8mb4_bin instead (no pad does not
 * matter to LIKE).
 */
function like (node: AstNode, ctx: RewriteContext): AstNode | undefined {
  const data = nodeData(node)
  const left = child(node, 'left')
  const right = child(node, 'right')
  const escape = child(node, 'escape')
  if (left === undefined || right === undefined || (data.quantifier !== null && data.quantifier !== undefined)) return undefined
  if (!isKnownString(left) && !isKnownString(right)) return undefined
  const utf8 = (slot: number): string => `CONVERT(__${slot} USING utf8mb4)`
  const template = `(${utf8(0)} LIKE ${utf8(1)} COLLATE utf8mb4_bin${escape === undefined ? '' : ' ESCAPE __2'})`
  return withKnownType(ctx.target(template, escape === undefined ? [left, right] : [left, right, escape]), 'boolean')
}

export const binaryCountDistinct: RewriteRule = {
  name: 'mysql-binary-count-distinct',
  reason: "count(DISTINCT s) of a string counts 'ZULU' and 'zulu' as two values in Trino, one in MySQL's case-insensitive collation: the strings are counted as UTF-8 bytes.",
  nodes: ['count'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = child(node, 'this')
    if (data.distinct !== true || value === undefined || !isKnownString(value)) return undefined
    if (data.filter !== null && data.filter !== undefined) return undefined
    return withKnownType({ count: { ...data, this: binaryKey(ctx, value) } }, 'integer')
  },
}

export const binaryMinMax: RewriteRule = {
  name: 'mysql-binary-min-max',
  reason: "min/max of strings follow MySQL's case-insensitive collation (max('ZULU', 'alpha') is 'ZULU'); the minimum/maximum of the UTF-8 bytes, converted back to a string, is Trino's code-point answer.",
  nodes: ['min', 'max'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const value = child(node, 'this')
    if (value === undefined || !isKnownString(value) || (data.filter !== null && data.filter !== undefined)) return undefined
    const aggregate = { [nodeType(node)!]: { ...data, this: binaryKey(ctx, value) } }
    return wrapsAggregate(withKnownType(ctx.target('CONVERT(__0 USING utf8mb4)', [aggregate]), 'varchar'), aggregate, 'CONVERT(__0 USING utf8mb4)', 'varchar')
  },
}

export const binaryCaseOperand: RewriteRule = {
  name: 'mysql-binary-case-operand',
  reason: "CASE s WHEN 'x' … compares with MySQL's case-insensitive collation; over strings the operand and each WHEN value are compared as UTF-8 bytes, as Trino compares them.",
  nodes: ['case'],
  rewrite (node, ctx) {
    const data = nodeData(node)
    const operand = child(node, 'operand')
    const whens = data.whens as AstNode[][] | undefined
    if (operand === undefined || whens === undefined || ![operand, ...whens.map((w) => w[0]!)].some(isKnownString)) return undefined
    return { case: { ...data, operand: binaryKey(ctx, operand), whens: whens.map(([when, then]) => [binaryKey(ctx, when!), then]) } }
  },
}

/** Functions that compare strings by the collation: the same over the strings' bytes, converted back where they return a string. */
const BINARY_TEMPLATES: Readonly<Record<string, (n: number) => string>> = {
  nullif: () => `CASE WHEN ${binary(0)} = ${binary(1)} THEN NULL ELSE __0 END`,
  greatest: (n) => `CONVERT(GREATEST(${Array.from({ length: n }, (_, i) => binary(i)).join(', ')}) USING utf8mb4)`,
  least: (n) => `CONVERT(LEAST(${Array.from({ length: n }, (_, i) => binary(i)).join(', ')}) USING utf8mb4)`,
}

export const binaryStringFunctions: RewriteRule = {
  name: 'mysql-binary-string-functions',
  reason: "nullif/greatest/least of strings and strpos/position compare by MySQL's case-insensitive collation (nullif('ZULU', 'zulu') is NULL, LOCATE('z', 'Z') is 1); they compare UTF-8 bytes or the utf8mb4_bin collation instead, as Trino does.",
  nodes: ['str_position'],
  functions: Object.keys(BINARY_TEMPLATES),
  rewrite (node, ctx) {
    if (nodeType(node) === 'str_position') {
      const data = nodeData(node)
      const value = child(node, 'this')
      const part = child(node, 'substr')
      if (value === undefined || part === undefined || (data.position ?? null) !== null || (data.occurrence ?? null) !== null) return undefined
      return withKnownType(ctx.target('LOCATE(CONVERT(__1 USING utf8mb4) COLLATE utf8mb4_bin, CONVERT(__0 USING utf8mb4))', [value, part]), 'integer')
    }
    const call = asCall(node)
    const template = call === undefined ? undefined : BINARY_TEMPLATES[call.name]
    if (call === undefined || template === undefined || call.args.length < 2 || (call.name === 'nullif' && call.args.length !== 2) || !call.args.some(isKnownString)) return undefined
    return withKnownType(ctx.target(template(call.args.length), call.args), 'varchar')
  },
}

export const collationRules: readonly RewriteRule[] = [binaryStringComparison, binaryCountDistinct, binaryMinMax, binaryCaseOperand, binaryStringFunctions]
