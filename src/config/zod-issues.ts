/**
 * Turns zod's validation issues into ConfigIssues that say what was expected, what was found and
 * what to write instead ("unknown key 'maxConcurrency'; it was renamed to 'maxRunningQueries'").
 * Union failures are narrowed to the option the user most likely meant, so one typo yields one
 * line, not one per option.
 */
import type { z } from 'zod'
import { describeValue, formatPath, listOf, suggestValue, unknownKeyFix, unknownValueFix } from './issues.ts'
import type { ConfigIssue, ConfigPath } from './issues.ts'
import { allowedKeys, isRecord, literalValues, objectShape, schemaAt, unionOptions, unwrap, valueAt } from './schema-walk.ts'

type ZodIssue = z.core.$ZodIssue

interface Context {
  readonly root: z.ZodType
  readonly data: unknown
  /** Where `root` and `data` sit in the whole config (issue paths stay absolute). */
  readonly base: ConfigPath
}

const relative = (path: ConfigPath, context: Context): ConfigPath => path.slice(context.base.length)
const valueIn = (context: Context, path: ConfigPath): unknown => valueAt(context.data, relative(path, context))
const schemaIn = (context: Context, path: ConfigPath): ReturnType<typeof schemaAt> => schemaAt(context.root, relative(path, context), context.data)

/** Every issue of a failed `safeParse(data)` of `root`, in the user's terms. */
export function translateZodIssues (issues: readonly ZodIssue[], root: z.ZodType, data: unknown): ConfigIssue[] {
  const context: Context = { root, data, base: [] }
  return issues.flatMap((issue) => translate(issue, [], context))
}

function translate (issue: ZodIssue, prefix: ConfigPath, context: Context): ConfigIssue[] {
  const path: ConfigPath = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')]
  const value = valueIn(context, path)
  const key = path.at(-1)
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schemaIn(context, path))
      return issue.keys.map((k) => ({ path, key: k, message: `unknown key '${k}'; ${unknownKeyFix(k, path, allowed)}` }))
    }
    case 'invalid_type':
      if (value === undefined) return [missing(path, context)]
      return [{ path, message: `expected ${expectedName(issue.expected)}, found ${describeValue(value, key)}${typeFix(issue.expected, value)}` }]
    case 'invalid_value':
      return [badValue(path, issue.values, value)]
    case 'too_small':
    case 'too_big':
      return [{ path, message: bound(issue, value) }]
    case 'invalid_union':
      if (issue.discriminator !== undefined) return badDiscriminator(path, issue.discriminator, context)
      return union(issue.errors, path, value, context)
    default:
      return [{ path, message: `${issue.message.replace(/^Invalid input: /, '')}; found ${describeValue(value, key)}` }]
  }
}

function missing (path: ConfigPath, context: Context): ConfigIssue {
  const described = schemaIn(context, path)
  const description = described === undefined ? undefined : unwrap(described).description
  const values = literalValues(described)
  const fix = values.length > 0 ? `set it to ${listOf(values)}` : description === undefined ? 'add it' : `add it: ${description}`
  return { path: path.slice(0, -1), message: `missing required key '${String(path.at(-1))}'; ${fix}` }
}

function badValue (path: ConfigPath, values: readonly unknown[], value: unknown): ConfigIssue {
  const expected = values.length === 1 ? listOf(values) : `one of ${listOf(values)}`
  const fix = unknownValueFix(value, values.filter((v): v is string => typeof v === 'string'))
  return { path, message: `expected ${expected}, found ${describeValue(value, path.at(-1))}${fix === undefined ? '' : `; ${fix}`}` }
}

function badDiscriminator (path: ConfigPath, discriminator: string, context: Context): ConfigIssue[] {
  // zod puts the discriminator key on the path; the options come from the union's schema.
  const objectPath = path.at(-1) === discriminator ? path.slice(0, -1) : path
  const options = unionOptions(schemaIn(context, objectPath))
  const values = options.flatMap((o) => literalValues(objectShape(o)?.[discriminator]))
  const value = valueIn(context, [...objectPath, discriminator])
  if (value === undefined) {
    return [{ path: objectPath, message: `missing required key '${discriminator}'; set it to one of ${listOf(values)}` }]
  }
  const issue = badValue([...objectPath, discriminator], values, value)
  // With a likely spelling, validate the rest as that option so its problems show in this pass too.
  const object = valueIn(context, objectPath)
  const suggestion = suggestValue(value, values.filter((v): v is string => typeof v === 'string'))?.value
  const option = options.find((o) => literalValues(objectShape(o)?.[discriminator]).includes(suggestion))
  if (option === undefined || !isRecord(object)) return [issue]
  const corrected = { ...object, [discriminator]: suggestion }
  const parsed = (option as unknown as z.ZodType).safeParse(corrected)
  const inner: Context = { root: option as unknown as z.ZodType, data: corrected, base: objectPath }
  return [issue, ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => translate(i, objectPath, inner)))]
}

/**
 * A plain union failed. For a mapping, the options whose keys it shares most are the ones
 * meant; if those all reject the same key's value, report that key with every accepted value,
 * otherwise report the closest option's own issues.
 */
function union (branches: readonly (readonly ZodIssue[])[], path: ConfigPath, value: unknown, context: Context): ConfigIssue[] {
  const options = unionOptions(schemaIn(context, path))
  if (isRecord(value) && options.length === branches.length) {
    const keys = Object.keys(value)
    const scored = branches.map((issues, i) => {
      const shape = objectShape(options[i])
      return { issues, score: shape === undefined ? -1 : keys.filter((k) => k in shape).length }
    }).filter((b) => b.score >= 0)
    const best = Math.max(-1, ...scored.map((b) => b.score))
    if (best === 0) {
      // Name each option by its first key ({ header, value, regex } is "header").
      const leading = options.flatMap((o) => Object.keys(objectShape(o) ?? {}).slice(0, 1))
      const first = keys[0]
      const found = first === undefined ? 'an empty mapping' : `'${first}'`
      const fix = first === undefined ? `add one of ${leading.join(', ')}` : unknownKeyFix(first, path, allowedKeys(schemaIn(context, path)))
      return [{ path, ...(first === undefined ? {} : { key: first }), message: `expected a mapping with one of the keys ${leading.join(', ')}, found ${found}; ${fix}` }]
    }
    if (best > 0) {
      const candidates = scored.filter((b) => b.score === best)
      const merged = mergedValueIssue(candidates.map((c) => c.issues), path, context)
      if (merged !== undefined) return [merged]
      const closest = candidates.reduce((a, b) => (b.issues.length < a.issues.length ? b : a))
      return closest.issues.flatMap((issue) => translate(issue, path, context))
    }
  }
  // A scalar (or an option list of non-objects): keep the options that accept its type.
  const typed = branches.filter((issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'))
  if (typed.length > 0) {
    const merged = mergedValueIssue(typed, path, context)
    if (merged !== undefined) return [merged]
    return (typed[0] ?? []).flatMap((issue) => translate(issue, path, context))
  }
  const expected = [...new Set(branches.flatMap((issues) => issues.filter((i) => i.code === 'invalid_type').map((i) => expectedName(i.expected))))]
  return [{ path, message: `expected ${expected.join(' or ')}, found ${describeValue(value, path.at(-1))}` }]
}

/** When every branch rejects the value at one same sub-path, one issue listing every accepted value. */
function mergedValueIssue (branches: readonly (readonly ZodIssue[])[], path: ConfigPath, context: Context): ConfigIssue | undefined {
  const firstValue = branches[0]?.find((i) => i.code === 'invalid_value')
  if (firstValue === undefined) return undefined
  const at = formatPath(firstValue.path.filter((p): p is string | number => typeof p !== 'symbol'))
  const values: unknown[] = []
  for (const issues of branches) {
    const found = issues.find((i) => i.code === 'invalid_value' && formatPath(i.path.filter((p): p is string | number => typeof p !== 'symbol')) === at)
    if (found === undefined || found.code !== 'invalid_value') return undefined
    values.push(...found.values)
  }
  const full: ConfigPath = [...path, ...firstValue.path.filter((p): p is string | number => typeof p !== 'symbol')]
  return badValue(full, [...new Set(values)], valueIn(context, full))
}

function expectedName (expected: string): string {
  switch (expected) {
    case 'array': return 'a list'
    case 'object': case 'record': return 'a mapping'
    case 'int': return 'an integer'
    case 'number': return 'a number'
    case 'string': return 'a string'
    case 'boolean': return 'true or false'
    default: return expected
  }
}

function typeFix (expected: string, value: unknown): string {
  if (expected === 'boolean' && typeof value === 'string' && /^(yes|no|on|off|y|n)$/i.test(value)) return '; write true or false (YAML 1.2 reads yes/no/on/off as strings)'
  if ((expected === 'number' || expected === 'int') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return '; remove the quotes'
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return `; quote it: "${String(value)}"`
  return ''
}

function bound (issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, value: unknown): string {
  const small = issue.code === 'too_small'
  const limit = small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum
  const found = describeValue(value)
  if (issue.origin === 'array') {
    const count = Array.isArray(value) ? value.length : 0
    return `expected ${small ? 'at least' : 'at most'} ${String(limit)} item${Number(limit) === 1 ? '' : 's'}, found ${count}`
  }
  if (issue.origin === 'string') {
    return `expected ${small ? 'at least' : 'at most'} ${String(limit)} character${Number(limit) === 1 ? '' : 's'}, found ${found}`
  }
  const op = small ? (issue.inclusive === false ? '>' : '≥') : (issue.inclusive === false ? '<' : '≤')
  return `expected a number ${op} ${String(limit)}, found ${found}`
}
