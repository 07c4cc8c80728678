/** Trino → PostgreSQL: arrays. Templates use qf_ names for their own aliases. */
import { nodeData, stringValue } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { lambdaParts, templateRule } from '../trino-common/rule-kit.ts'

export const cardinality = templateRule({
  name: 'pg-cardinality',
  reason: 'polyglot maps cardinality() to array_length(a, 1), which is NULL for an empty array; Trino and PostgreSQL cardinality() return 0.',
  nodes: ['cardinality'],
  template: (args) => args.length === 1 ? 'cardinality(__0)' : undefined,
})

export const elementAt = templateRule({
  name: 'pg-element-at',
  reason: 'Trino element_at(array, i) counts negative i from the end; PostgreSQL subscripts do not.',
  nodes: ['element_at'],
  template: (args) => args.length === 2 ? 'CASE WHEN __1 < 0 THEN (__0)[cardinality(__0) + 1 + __1] ELSE (__0)[__1] END' : undefined,
})

export const contains = templateRule({
  name: 'pg-contains',
  reason: 'PostgreSQL has no contains(array, x); x = ANY(array) is true, false or NULL exactly as Trino\'s contains is.',
  nodes: ['contains'],
  template: (args) => args.length === 2 ? '__1 = ANY(__0)' : undefined,
})

const ARRAY_FUNCTIONS: Readonly<Record<string, { arity: number[], template: (n: number) => string }>> = {
  array_join: { arity: [2, 3], template: (n) => n === 2 ? 'array_to_string(__0, __1)' : 'array_to_string(__0, __1, __2)' },
  array_sort: { arity: [1], template: () => 'CASE WHEN __0 IS NULL THEN NULL ELSE ARRAY(SELECT qf_u FROM unnest(__0) AS qf_t(qf_u) ORDER BY qf_u) END' },
  array_max: { arity: [1], template: () => '(SELECT CASE WHEN count(*) > count(qf_u) THEN NULL ELSE max(qf_u) END FROM unnest(__0) AS qf_t(qf_u))' },
  array_min: { arity: [1], template: () => '(SELECT CASE WHEN count(*) > count(qf_u) THEN NULL ELSE min(qf_u) END FROM unnest(__0) AS qf_t(qf_u))' },
  sequence: { arity: [2, 3], template: (n) => n === 2 ? 'ARRAY(SELECT generate_series(__0, __1))' : 'ARRAY(SELECT generate_series(__0, __1, __2))' },
}

export const arrayFunctions = templateRule({
  name: 'pg-array-functions',
  reason: `Trino array functions PostgreSQL lacks, written with unnest/ARRAY(SELECT …): ${Object.keys(ARRAY_FUNCTIONS).join(', ')} (array_max/array_min are NULL when an element is NULL, as in Trino).`,
  functions: Object.keys(ARRAY_FUNCTIONS),
  template: (args, node) => {
    const spec = ARRAY_FUNCTIONS[asCall(node)?.name ?? '']
    return spec !== undefined && spec.arity.includes(args.length) ? spec.template(args.length) : undefined
  },
})

export const arrayDistinct = templateRule({
  name: 'pg-array-distinct',
  reason: 'PostgreSQL has no array_distinct; Trino keeps the first occurrence of each element in order.',
  nodes: ['array_distinct'],
  template: (args) => args.length === 1 ? 'CASE WHEN __0 IS NULL THEN NULL ELSE ARRAY(SELECT qf_u FROM unnest(__0) WITH ORDINALITY AS qf_t(qf_u, qf_i) GROUP BY qf_u ORDER BY min(qf_i)) END' : undefined,
})

export const arrayPosition = templateRule({
  name: 'pg-array-position',
  reason: 'Trino array_position returns 0 when the element is absent; PostgreSQL returns NULL (and finds NULL elements, where Trino returns NULL).',
  nodes: ['array_position'],
  template: (args) => args.length === 2 ? 'CASE WHEN __0 IS NULL OR __1 IS NULL THEN NULL ELSE coalesce(array_position(__0, __1), 0) END' : undefined,
})

export const slice: RewriteRule = {
  name: 'pg-slice',
  reason: 'Trino slice(array, start, length) is PostgreSQL\'s array[start:start + length - 1] for a positive literal start; a negative start (from the end) is refused.',
  functions: ['slice'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length !== 3) return undefined
    const start = Number(nodeData(call.args[1]!).value ?? stringValue(call.args[1]))
    if (!Number.isInteger(start) || start < 1) return ctx.fail('slice() needs a positive literal start to be translated to PostgreSQL', node)
    return ctx.target('(__0)[__1:(__1 + __2 - 1)]', call.args)
  },
}

function lambdaRule (name: string, fn: string, reason: string, build: (param: string) => string): RewriteRule {
  return {
    name,
    reason,
    functions: [fn],
    rewrite (node, ctx) {
      const call = asCall(node)
      if (call?.args.length !== 2) return undefined
      const lambda = lambdaParts(call.args[1])
      if (lambda === undefined || lambda.params.length !== 1) return ctx.fail(`${fn}() needs a one-parameter lambda to be translated to PostgreSQL`, node)
      return ctx.target(build(lambda.params[0]!), [call.args[0]!, lambda.body])
    },
  }
}

export const transform = lambdaRule('pg-transform', 'transform', 'PostgreSQL has no lambdas; ARRAY(SELECT f(x) FROM unnest(a) WITH ORDINALITY …) maps each element in order.',
  (p) => `CASE WHEN __0 IS NULL THEN NULL ELSE ARRAY(SELECT __1 FROM unnest(__0) WITH ORDINALITY AS qf_t(${p}, qf_i) ORDER BY qf_i) END`)

export const filter = lambdaRule('pg-filter', 'filter', 'PostgreSQL has no lambdas; ARRAY(SELECT x FROM unnest(a) WITH ORDINALITY … WHERE p(x)) keeps matching elements in order.',
  (p) => `CASE WHEN __0 IS NULL THEN NULL ELSE ARRAY(SELECT ${p} FROM unnest(__0) WITH ORDINALITY AS qf_t(${p}, qf_i) WHERE __1 ORDER BY qf_i) END`)

export const collectionRules: readonly RewriteRule[] = [cardinality, elementAt, contains, arrayFunctions, arrayDistinct, arrayPosition, slice, transform, filter]

void child
