/**
 * WHERE clauses over the metadata tables: a parser for the predicates JDBC's DatabaseMetaData
 * and BI tools write, SQL three-valued evaluation over a row, and extraction of the
 * `column = 'literal'` conjuncts that can be pushed down into EngineMetadata calls.
 */
import type { PushdownFilter } from './metadata-tables.ts'
import type { TokenCursor } from './sql-scanner.ts'
import { canonical } from './session-statements.ts'
import { likeToRegExp } from './sql-scanner.ts'

type Comparison = '=' | '<>' | '<' | '>' | '<=' | '>='

export type Expression =
  | { readonly k: 'column', readonly name: string }
  | { readonly k: 'literal', readonly value: string | number | boolean | null }
  | { readonly k: 'and' | 'or', readonly left: Expression, readonly right: Expression }
  | { readonly k: 'not', readonly operand: Expression }
  | { readonly k: 'compare', readonly op: Comparison, readonly left: Expression, readonly right: Expression }
  | { readonly k: 'like', readonly operand: Expression, readonly pattern: RegExp, readonly negated: boolean }
  | { readonly k: 'in', readonly operand: Expression, readonly list: readonly Expression[], readonly negated: boolean }
  | { readonly k: 'isNull', readonly operand: Expression, readonly negated: boolean }

export function parseExpression (c: TokenCursor): Expression {
  let left = parseAnd(c)
  while (c.tryWords('OR')) left = { k: 'or', left, right: parseAnd(c) }
  return left
}

function parseAnd (c: TokenCursor): Expression {
  let left = parseNot(c)
  while (c.tryWords('AND')) left = { k: 'and', left, right: parseNot(c) }
  return left
}

function parseNot (c: TokenCursor): Expression {
  if (c.tryWords('NOT')) return { k: 'not', operand: parseNot(c) }
  return parsePredicate(c)
}

const COMPARISONS: ReadonlySet<string> = new Set(['=', '<>', '!=', '<', '>', '<=', '>='])

function parsePredicate (c: TokenCursor): Expression {
  const operand = parseOperand(c)
  const token = c.peek()
  if (token?.kind === 'punct' && COMPARISONS.has(token.value)) {
    c.next()
    const op = (token.value === '!=' ? '<>' : token.value) as Comparison
    return { k: 'compare', op, left: operand, right: parseOperand(c) }
  }
  const negated = c.tryWords('NOT')
  if (c.tryWords('LIKE')) {
    const pattern = c.string()
    const escape = c.tryWords('ESCAPE') ? c.string() : undefined
    return { k: 'like', operand, pattern: likeToRegExp(pattern, escape), negated }
  }
  if (c.tryWords('IN')) {
    c.expectPunct('(')
    const list: Expression[] = []
    do list.push(parseOperand(c))
    while (c.tryPunct(','))
    c.expectPunct(')')
    return { k: 'in', operand, list, negated }
  }
  if (negated) throw c.error('expected LIKE or IN after NOT')
  if (c.tryWords('IS')) {
    const isNot = c.tryWords('NOT')
    c.expectWord('NULL')
    return { k: 'isNull', operand, negated: isNot }
  }
  return operand
}

function parseOperand (c: TokenCursor): Expression {
  if (c.tryPunct('(')) {
    const inner = parseExpression(c)
    c.expectPunct(')')
    return inner
  }
  const token = c.peek()
  if (token?.kind === 'string' && token.unterminated !== true) { c.next(); return { k: 'literal', value: token.value } }
  if (token?.kind === 'number') { c.next(); return { k: 'literal', value: Number(token.value) } }
  if (c.tryWords('TRUE')) return { k: 'literal', value: true }
  if (c.tryWords('FALSE')) return { k: 'literal', value: false }
  if (c.tryWords('NULL')) return { k: 'literal', value: null }
  return { k: 'column', name: canonical(c.identifier()) }
}

/** SQL three-valued logic: true, false, or null (unknown). */
export function evaluate (e: Expression, row: readonly unknown[], indexOf: (name: string) => number): unknown {
  switch (e.k) {
    case 'column': return row[indexOf(e.name)] ?? null
    case 'literal': return e.value
    case 'and': {
      const l = evaluate(e.left, row, indexOf)
      const r = evaluate(e.right, row, indexOf)
      if (l === false || r === false) return false
      return l === null || r === null ? null : true
    }
    case 'or': {
      const l = evaluate(e.left, row, indexOf)
      const r = evaluate(e.right, row, indexOf)
      if (l === true || r === true) return true
      return l === null || r === null ? null : false
    }
    case 'not': {
      const v = evaluate(e.operand, row, indexOf)
      return v === null ? null : v !== true
    }
    case 'compare': {
      const l = evaluate(e.left, row, indexOf)
      const r = evaluate(e.right, row, indexOf)
      if (l === null || r === null) return null
      const order = compareValues(l, r)
      switch (e.op) {
        case '=': return order === 0
        case '<>': return order !== 0
        case '<': return order < 0
        case '>': return order > 0
        case '<=': return order <= 0
        case '>=': return order >= 0
      }
      break
    }
    case 'like': {
      const v = evaluate(e.operand, row, indexOf)
      if (v === null) return null
      return e.pattern.test(String(v)) !== e.negated
    }
    case 'in': {
      const v = evaluate(e.operand, row, indexOf)
      if (v === null) return null
      let sawNull = false
      for (const item of e.list) {
        const w = evaluate(item, row, indexOf)
        if (w === null) sawNull = true
        else if (compareValues(v, w) === 0) return !e.negated
      }
      return sawNull ? null : e.negated
    }
    case 'isNull': return (evaluate(e.operand, row, indexOf) === null) !== e.negated
  }
  return null
}

/** Numbers (and bigints) compare numerically, everything else as text. */
export function compareValues (a: unknown, b: unknown): number {
  const isNumeric = (x: unknown): boolean => typeof x === 'number' || typeof x === 'bigint'
  if (isNumeric(a) && isNumeric(b)) {
    const x = Number(a)
    const y = Number(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** `catalog = 'x' AND schema = 'y' AND …` conjuncts on the table's catalog/schema/table columns. */
export function pushdownOf (e: Expression, columns: Readonly<Partial<Record<keyof PushdownFilter, string>>>): PushdownFilter {
  const out: PushdownFilter = {}
  const visit = (node: Expression): void => {
    if (node.k === 'and') { visit(node.left); visit(node.right); return }
    if (node.k !== 'compare' || node.op !== '=') return
    const [column, literal] = node.left.k === 'column' ? [node.left, node.right] : [node.right, node.left]
    if (column.k !== 'column' || literal.k !== 'literal' || typeof literal.value !== 'string') return
    for (const key of ['catalog', 'schema', 'table'] as const) if (columns[key] === column.name) out[key] = literal.value
  }
  visit(e)
  return out
}
