/**
 * Shared pieces of the Trino → PostgreSQL / MySQL / ClickHouse rewrite rules: reading a source
 * node's operands, what is KNOWN about a value's type (never polyglot's guess for a bare column),
 * and a factory for the common rule shape "this node becomes that target template".
 */
import { functionNode, nodeData, nodeType, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { isSchemaTyped } from '../schema-typed.ts'

/** A value's type class as far as the statement itself proves it. */
export type KnownType = 'integer' | 'decimal' | 'double' | 'date' | 'timestamp' | 'varchar' | 'boolean' | 'interval'

const CAST_TYPES: Readonly<Record<string, KnownType>> = {
  tiny_int: 'integer', small_int: 'integer', int: 'integer', integer: 'integer', big_int: 'integer', bigint: 'integer',
  double: 'double', float: 'double', real: 'double', double_precision: 'double',
  decimal: 'decimal', numeric: 'decimal',
  date: 'date', timestamp: 'timestamp', var_char: 'varchar', varchar: 'varchar', char: 'varchar', text: 'varchar', boolean: 'boolean',
}

/** Trino functions whose result type does not depend on their arguments. */
const RESULT_TYPES: Readonly<Record<string, KnownType>> = {
  count: 'integer', count_if: 'integer', approx_distinct: 'integer', date_diff: 'integer', length: 'integer',
  strpos: 'integer', cardinality: 'integer', year: 'integer', month: 'integer', day: 'integer', quarter: 'integer',
  hour: 'integer', minute: 'integer', second: 'integer', day_of_week: 'integer', day_of_year: 'integer', week: 'integer',
  week_of_year: 'integer', year_of_week: 'integer', extract: 'integer', row_number: 'integer', rank: 'integer',
  dense_rank: 'integer', ntile: 'integer', percent_rank: 'double', cume_dist: 'double', stddev: 'double',
  stddev_samp: 'double', stddev_pop: 'double', variance: 'double', var_samp: 'double', var_pop: 'double',
  corr: 'double', covar_pop: 'double', covar_samp: 'double', sqrt: 'double', ln: 'double', log10: 'double',
  exp: 'double', power: 'double', pow: 'double', random: 'double', rand: 'double', to_unixtime: 'double',
  geometric_mean: 'double', from_iso8601_date: 'date', last_day_of_month: 'date', date_parse: 'timestamp',
  codepoint: 'integer', levenshtein_distance: 'integer', json_array_length: 'integer', array_position: 'integer',
  str_position: 'integer', regexp_like: 'boolean', starts_with: 'boolean', contains: 'boolean',
}

function literalType (data: AstNode): KnownType | undefined {
  const value = data.value
  switch (data.literal_type) {
    case 'number':
      if (typeof value !== 'string') return undefined
      if (/^\d+$/.test(value)) return 'integer'
      return /e/i.test(value) ? 'double' : 'decimal'
    case 'date': return 'date'
    case 'timestamp': return 'timestamp'
    case 'string': return 'varchar'
    case 'boolean': return 'boolean'
    default: return undefined
  }
}

/**
 * The type class of `node` when the statement proves it: literals, casts, functions with a
 * fixed result type, and arithmetic over those. A column is known only when its type comes from
 * the engine's schema (rewrites/schema-typed.ts), never from polyglot's guess through a derived
 * table.
 */
export function knownType (node: AstNode | undefined): KnownType | undefined {
  if (node === undefined) return undefined
  const type = nodeType(node)
  if (type === undefined) return undefined
  const data = nodeData(node)
  switch (type) {
    case 'literal': return literalType(data)
    case 'column': {
      const inferred = data.inferred_type as { data_type?: unknown } | undefined
      return isSchemaTyped(node) && typeof inferred?.data_type === 'string' ? CAST_TYPES[inferred.data_type] : undefined
    }
    case 'boolean': return 'boolean'
    case 'interval': return 'interval'
    case 'paren': return knownType(child(node, 'this'))
    case 'cast':
    case 'try_cast': {
      const to = data.to as { data_type?: unknown } | undefined
      return typeof to?.data_type === 'string' ? CAST_TYPES[to.data_type] : undefined
    }
    case 'neg': return knownType(child(node, 'this'))
    case 'add':
    case 'sub':
    case 'mul':
    case 'mod': {
      const left = knownType(child(node, 'left'))
      const right = knownType(child(node, 'right'))
      if (type !== 'mul' && type !== 'mod' && (left === 'date' || left === 'timestamp') && right === 'interval') return undefined
      if (left === right) return left
      if ((left === 'integer' && right === 'decimal') || (left === 'decimal' && right === 'integer')) return 'decimal'
      if ((left === 'double' && right !== undefined && right !== 'varchar') || (right === 'double' && left !== undefined && left !== 'varchar')) return 'double'
      return undefined
    }
    case 'div': {
      const left = knownType(child(node, 'left'))
      const right = knownType(child(node, 'right'))
      if (left === 'integer' && right === 'integer') return 'integer'
      if (left === 'double' || right === 'double') return 'double'
      if (left !== undefined && right !== undefined) return 'decimal'
      return undefined
    }
    case 'eq': case 'neq': case 'gt': case 'gte': case 'lt': case 'lte': case 'and': case 'or': case 'not':
    case 'is_null': case 'like': case 'in': case 'between': case 'exists':
      return 'boolean'
    case 'window_function': return knownType(child(node, 'this'))
    case 'case': {
      const branches = [...((data.whens as unknown[][] | undefined) ?? []).map((w) => w[1]), data.else_].filter((b) => b !== null && b !== undefined) as AstNode[]
      const types = new Set(branches.map((b) => knownType(b)))
      return types.size === 1 ? [...types][0] : undefined
    }
    case 'function':
    case 'aggregate_function': {
      const call = asCall(node)
      if (call !== undefined && PLACEHOLDER.test(call.name)) return placeholderTypes.get(node)
      return call === undefined ? undefined : RESULT_TYPES[call.name]
    }
    default: return RESULT_TYPES[type]
  }
}

const PLACEHOLDER = /^qf_rewrite_\d+$/

/**
 * Known result types of rule placeholders. The rewrite walk keeps a child's object identity when
 * it rebuilds its parent, so the placeholder a rule returned is the object an enclosing rule sees.
 */
const placeholderTypes = new WeakMap<AstNode, KnownType>()

/**
 * Records the type a rule's template returns, so that rules on enclosing nodes (visited later,
 * bottom-up) still know it: round(stddev(x), 2) must see a double.
 */
export function withKnownType (placeholder: AstNode, type: KnownType | undefined): AstNode {
  if (type !== undefined) placeholderTypes.set(placeholder, type)
  return placeholder
}

/** One argument of a `call` template: a slot number, a node, or a nested call. */
export type CallArg = number | AstNode | ((args: readonly AstNode[]) => AstNode)

/**
 * A target template built as function calls with their names kept verbatim: polyglot re-cases
 * names it knows when it reads a template string (abs → ABS, match → MATCH), and ClickHouse
 * function names are case-sensitive.
 */
export function call (name: string, ...parts: readonly CallArg[]): (args: readonly AstNode[]) => AstNode {
  return (args) => functionNode(name, parts.map((p) => typeof p === 'number' ? args[p]! : typeof p === 'function' ? p(args) : p))
}

/** A target template that calls `name` verbatim (polyglot would re-map some names written in a template string). */
export function verbatimCall (name: string, ...slots: ReadonlyArray<number | AstNode>): (args: readonly AstNode[]) => AstNode {
  return (args) => functionNode(name, slots.map((s) => typeof s === 'number' ? args[s]! : s))
}

/** True when `node` contains a rule placeholder (copying it would make it appear twice). */
export function hasPlaceholder (node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasPlaceholder)
  if (typeof node !== 'object' || node === null) return false
  const call = nodeType(node) === 'function' ? asCall(node as AstNode) : undefined
  if (call !== undefined && PLACEHOLDER.test(call.name)) return true
  return Object.entries(node).some(([key, value]) => key !== 'span' && key !== 'inferred_type' && hasPlaceholder(value))
}

export function isKnownInteger (node: AstNode | undefined): boolean {
  return knownType(node) === 'integer'
}

/** Operands of a function call, or of a typed node (`this`, then `expression`). */
export function operands (node: AstNode): AstNode[] {
  const call = asCall(node)
  if (call !== undefined) return [...call.args]
  const out: AstNode[] = []
  for (const field of ['this', 'expression']) {
    const value = child(node, field)
    if (value !== undefined) out.push(value)
  }
  return out
}

/** `__0, __1, …` for n arguments. */
export function slots (n: number, from = 0): string {
  return Array.from({ length: n }, (_, i) => `__${i + from}`).join(', ')
}

/** An aggregate's FILTER (WHERE …) condition and DISTINCT flag, when it has them. */
export function aggregateModifiers (node: AstNode): { filter?: AstNode, distinct: boolean, orderBy: boolean } {
  const data = nodeData(node)
  const filter = nodeType(data.filter) === undefined ? undefined : data.filter as AstNode
  const orderBy = Array.isArray(data.order_by) && data.order_by.length > 0
  return { ...(filter === undefined ? {} : { filter }), distinct: data.distinct === true, orderBy }
}

export interface TemplateRuleSpec {
  readonly name: string
  readonly reason: string
  readonly functions?: readonly string[]
  readonly nodes?: readonly string[]
  /** The target template for these operands, or undefined to leave the node. */
  readonly template: (args: readonly AstNode[], node: AstNode, ctx: RewriteContext) => string | undefined
  /** Operands handed to the template; defaults to `operands(node)`. */
  readonly args?: (node: AstNode) => AstNode[] | undefined
  /** What the template returns, when known. */
  readonly resultType?: KnownType | ((args: readonly AstNode[], node: AstNode) => KnownType | undefined)
}

function resolveType (spec: { resultType?: KnownType | ((args: readonly AstNode[], node: AstNode) => KnownType | undefined) }, args: readonly AstNode[], node: AstNode): KnownType | undefined {
  return typeof spec.resultType === 'function' ? spec.resultType(args, node) : spec.resultType
}

/**
 * A rule whose rewrite is one target template over the node's operands. Aggregates with DISTINCT,
 * ORDER BY or FILTER are left alone unless the template handles them (see aggregateRule).
 */
export function templateRule (spec: TemplateRuleSpec): RewriteRule {
  return {
    name: spec.name,
    reason: spec.reason,
    ...(spec.functions === undefined ? {} : { functions: spec.functions }),
    ...(spec.nodes === undefined ? {} : { nodes: spec.nodes }),
    rewrite (node, ctx) {
      const args = spec.args === undefined ? operands(node) : spec.args(node)
      if (args === undefined) return undefined
      const template = spec.template(args, node, ctx)
      return template === undefined ? undefined : withKnownType(ctx.target(template, args), resolveType(spec, args, node))
    },
  }
}

/**
 * An aggregate rewritten by a template of its arguments, keeping FILTER (WHERE …): targets that
 * have the clause get it after the template's first call (`filterClause`), the others get the
 * condition folded into the arguments (`CASE WHEN cond THEN x END`), which aggregates skip as NULL.
 */
export function aggregateRule (spec: {
  readonly name: string
  readonly reason: string
  readonly functions?: readonly string[]
  readonly nodes?: readonly string[]
  readonly supportsFilterClause: boolean
  readonly template: (args: readonly string[], node: AstNode, ctx: RewriteContext, filterClause: string) => string | undefined
  readonly resultType?: KnownType | ((args: readonly AstNode[], node: AstNode) => KnownType | undefined)
}): RewriteRule {
  return {
    name: spec.name,
    reason: spec.reason,
    ...(spec.functions === undefined ? {} : { functions: spec.functions }),
    ...(spec.nodes === undefined ? {} : { nodes: spec.nodes }),
    rewrite (node, ctx) {
      const args = operands(node)
      const { filter, distinct, orderBy } = aggregateModifiers(node)
      if (distinct || orderBy) return undefined
      const type = resolveType(spec, args, node)
      if (filter === undefined) {
        const template = spec.template(args.map((_, i) => `__${i}`), node, ctx, '')
        return template === undefined ? undefined : withKnownType(ctx.target(template, args), type)
      }
      const cond = `__${args.length}`
      const template = spec.supportsFilterClause
        ? spec.template(args.map((_, i) => `__${i}`), node, ctx, ` FILTER (WHERE ${cond})`)
        : spec.template(args.map((_, i) => `CASE WHEN ${cond} THEN __${i} END`), node, ctx, '')
      return template === undefined ? undefined : withKnownType(ctx.target(template, [...args, filter]), type)
    },
  }
}

/** The lower-case unit of an INTERVAL literal (`INTERVAL '3' MONTH` → month). */
export function intervalUnit (node: AstNode | undefined): string | undefined {
  if (node === undefined || nodeType(node) !== 'interval') return undefined
  const unit = nodeData(node).unit as { type?: unknown, unit?: unknown } | null | undefined
  return unit?.type === 'simple' && typeof unit.unit === 'string' ? unit.unit.toLowerCase() : undefined
}

/** The amount of an INTERVAL literal when it is a plain integer (`INTERVAL '3' MONTH` → 3). */
export function intervalAmount (node: AstNode | undefined): number | undefined {
  if (node === undefined || nodeType(node) !== 'interval') return undefined
  const value = child(node, 'this')
  const data = value === undefined ? undefined : nodeData(value)
  const text = data?.value
  return typeof text === 'string' && /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined
}

/** Units of a whole day or more: in Trino, date ± such an interval is a date. */
export const DAY_OR_LONGER = new Set(['day', 'week', 'month', 'quarter', 'year'])

/** A safe SQL identifier for a lambda parameter, or undefined. */
export function lambdaParts (node: AstNode | undefined): { params: string[], body: AstNode } | undefined {
  if (node === undefined || nodeType(node) !== 'lambda') return undefined
  const data = nodeData(node)
  const params = (data.parameters as Array<{ name?: unknown }> | undefined)?.map((p) => p.name)
  const body = data.body
  if (params === undefined || params.some((p) => typeof p !== 'string' || !/^[a-z_][a-z0-9_]*$/i.test(p)) || nodeType(body) === undefined) return undefined
  return { params: params as string[], body: body as AstNode }
}

/**
 * A rule refusing Trino `date - date` / `timestamp - timestamp` (an INTERVAL DAY TO SECOND) for a
 * target that has no interval values and would subtract them as numbers.
 */
export function temporalDifferenceRefusal (spec: { name: string, reason: string, message: (left: string, right: string) => string }): RewriteRule {
  return {
    name: spec.name,
    reason: spec.reason,
    nodes: ['sub'],
    rewrite (node, ctx) {
      const left = knownType(child(node, 'left'))
      const right = knownType(child(node, 'right'))
      const temporal = (t: string | undefined): t is string => t === 'date' || t === 'timestamp'
      if (!temporal(left) || !temporal(right)) return undefined
      return ctx.fail(spec.message(left, right), node)
    },
  }
}

const TIME_UNITS = new Set(['hour', 'minute', 'second'])

/**
 * Trino `date_trunc(unit, x)` written out per unit for a target without it: `templates` maps
 * each unit to the target's expression of `__0`; an unknown unit is refused. Units of a day or
 * more give a date, smaller ones a timestamp; `adjust` may wrap the template (a target whose
 * types need it), given the unit and whether it is a time unit.
 */
export function dateTruncRule (spec: {
  name: string
  reason: string
  target: string
  templates: Readonly<Record<string, string>>
  adjust?: (template: string, unit: string, value: AstNode, isTime: boolean) => { template: string, type?: KnownType }
}): RewriteRule {
  return {
    name: spec.name,
    reason: spec.reason,
    functions: ['date_trunc'],
    rewrite (node, ctx) {
      const call = asCall(node)
      const unit = stringValue(call?.args[0])?.toLowerCase()
      const value = call?.args[1]
      if (call?.args.length !== 2 || unit === undefined || value === undefined) return undefined
      const template = spec.templates[unit]
      if (template === undefined) return ctx.fail(`date_trunc unit '${unit}' is not translated to ${spec.target}`, node)
      const isTime = TIME_UNITS.has(unit)
      const adjusted = spec.adjust?.(template, unit, value, isTime) ?? { template, type: isTime ? 'timestamp' : 'date' }
      return withKnownType(ctx.target(adjusted.template, [value]), adjusted.type)
    },
  }
}

/**
 * Trino `regexp_replace(s, pattern[, replacement])` for a target that writes groups as `\1`:
 * the replacement must be a literal (its `$n` are rewritten as `\n` by `replacement`), the
 * target call is `template` over (s, pattern, replacement).
 */
export function regexpReplaceRule (spec: { name: string, reason: string, target: string, template: string, replacement?: (text: string) => string }): RewriteRule {
  const convert = spec.replacement ?? ((text: string) => text.replace(/\$(\d)/g, '\\$1'))
  return {
    name: spec.name,
    reason: spec.reason,
    functions: ['regexp_replace'],
    rewrite (node, ctx) {
      const call = asCall(node)
      if (call === undefined || call.args.length < 2 || call.args.length > 3) return undefined
      const replacement = call.args[2] === undefined ? '' : stringValue(call.args[2])
      if (replacement === undefined) return ctx.fail(`regexp_replace needs a literal replacement to be translated to ${spec.target}`, node)
      return ctx.target(spec.template, [call.args[0]!, call.args[1]!, stringLiteral(convert(replacement))])
    },
  }
}
