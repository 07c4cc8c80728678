/** Trino → DuckDB: numbers. */
import { functionNode, nodeData } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child, isApproximateType, isFractionalType, isIntegerType, sqlType } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'

export const integerDivision: RewriteRule = {
  name: 'integer-division',
  reason: "Trino's / truncates when both sides are integers (7 / 2 = 3); DuckDB's / always returns a double (3.5). DuckDB's divide() (the // operator) truncates integers and divides anything else exactly, so it keeps Trino's meaning without knowing the column types.",
  nodes: ['div'],
  words: ['/'],
  rewrite (node, ctx) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (left === undefined || right === undefined) return undefined
    const leftType = sqlType(left)
    const rightType = sqlType(right)
    // Interval / number has no // in DuckDB; a known fractional side already divides exactly.
    if (leftType === 'interval' || rightType === 'interval') return undefined
    if (isFractionalType(leftType) || isFractionalType(rightType)) return undefined
    return ctx.target('divide(__0, __1)', [left, right])
  },
}

export const nanAndInfinity: RewriteRule = {
  name: 'nan-infinity',
  reason: 'Trino has nan() and infinity(); DuckDB has neither function and spells them as double literals.',
  functions: ['nan', 'infinity'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length !== 0) return undefined
    return ctx.target(call.name === 'nan' ? "CAST('NaN' AS DOUBLE)" : "CAST('Infinity' AS DOUBLE)", [])
  },
}

export const eulerNumber: RewriteRule = {
  name: 'e-constant',
  reason: "Trino's e() is Euler's number; DuckDB has no e() and computes it as exp(1).",
  functions: ['e'],
  rewrite (node, ctx) {
    const call = asCall(node)
    return call?.args.length === 0 ? ctx.target('exp(1)', []) : undefined
  },
}

const greatestLeastTemplates = new Map<string, string>()

export const greatestLeastNull: RewriteRule = {
  name: 'greatest-least-null',
  reason: 'Trino greatest()/least() return NULL when any argument is NULL; DuckDB skips NULL arguments and returns the largest/smallest of the rest.',
  functions: ['greatest', 'least'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 2) return undefined
    const key = `${call.name}/${call.args.length}`
    let template = greatestLeastTemplates.get(key)
    if (template === undefined) {
      const slots = call.args.map((_, i) => `__${i}`)
      template = `CASE WHEN ${slots.map((s) => `${s} IS NULL`).join(' OR ')} THEN NULL ELSE ${call.name}(${slots.join(', ')}) END`
      greatestLeastTemplates.set(key, template)
    }
    return ctx.target(template, call.args)
  },
}

export const castRoundsHalfUp: RewriteRule = {
  name: 'cast-double-to-integer-rounds-half-up',
  reason: 'Trino rounds a double half away from zero when casting to an integer type (2.5 → 3); DuckDB rounds half to even (2.5 → 2). round() first gives Trino\'s answer on both.',
  nodes: ['cast', 'try_cast'],
  words: ['cast'],
  rewrite (node) {
    const data = nodeData(node)
    const to = data.to as { data_type?: unknown } | undefined
    if (typeof to?.data_type !== 'string' || !isIntegerType(to.data_type)) return undefined
    const value = child(node, 'this')
    if (value === undefined || !isApproximateType(sqlType(value))) return undefined
    // A source-dialect rewrite: Trino's round() is the same function in DuckDB.
    const rounded: AstNode = functionNode('round', [value])
    return { [Object.keys(node)[0] ?? 'cast']: { ...data, this: rounded } }
  },
}

export const arithmeticRules: readonly RewriteRule[] = [integerDivision, nanAndInfinity, eulerNumber, greatestLeastNull, castRoundsHalfUp]
