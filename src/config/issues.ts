/**
 * Configuration problems as people read them: `path.to.key (file.yaml:12): problem; fix`.
 * Every loader step (YAML, ${ENV} substitution, legacy form, schema, cross-references) reports
 * `ConfigIssue`s; load.ts collects all of them and throws one CONFIG_INVALID error listing each
 * on its own line, so an operator fixes a file in one pass instead of one error per restart.
 */
import { errors, isQueryFluxError } from '../core/errors.ts'
import type { QueryFluxError } from '../core/errors.ts'

export type ConfigPath = readonly (string | number)[]

export interface ConfigIssue {
  /** Where the problem is, as keys and list indexes from the top of the file. */
  readonly path: ConfigPath
  /** What is wrong, then `; ` and how to fix it. */
  readonly message: string
  /** The offending key under `path` (an unknown key): its line is cited rather than the parent's. */
  readonly key?: string | undefined
  /** 1-based line in the file, when the problem came from one. */
  readonly line?: number | undefined
}

/** `clusterGroups.etl.members[0]`; keys that would read ambiguously are quoted: `clusters["a.b"]`. */
export function formatPath (path: ConfigPath): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (/^[\w-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`
    else out += `[${JSON.stringify(segment)}]`
  }
  return out
}

/** One line: `path (file:line): message`. The top level prints as the file alone. */
export function formatIssue (issue: ConfigIssue, file?: string): string {
  const where = file === undefined ? undefined : issue.line === undefined ? file : `${file}:${issue.line}`
  const path = formatPath(issue.path)
  if (path === '') return `${where ?? 'top level'}: ${issue.message}`
  return where === undefined ? `${path}: ${issue.message}` : `${path} (${where}): ${issue.message}`
}

/** The CONFIG_INVALID error for a set of issues, sorted by line then path; details keep them structured. */
export function configError (issues: readonly ConfigIssue[], file?: string): QueryFluxError {
  const sorted = [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || formatPath(a.path).localeCompare(formatPath(b.path)))
  const lines = sorted.map((issue) => formatIssue(issue, file))
  return errors.configInvalid(lines.join('\n')).withDetails({
    ...(file === undefined ? {} : { file }),
    issues: sorted.map((issue) => ({ path: formatPath(issue.path), key: issue.key, line: issue.line, message: issue.message })),
  })
}

/**
 * A header and the issues as a bulleted list, for a terminal:
 * `invalid configuration in f.yaml (2 problems):\n  - a.b (f.yaml:3): …`. Other errors pass as their message.
 */
export function formatConfigError (error: unknown): string {
  if (!isQueryFluxError(error) || error.code !== 'CONFIG_INVALID') return error instanceof Error ? error.message : String(error)
  const file = typeof error.details.file === 'string' ? error.details.file : undefined
  const count = Array.isArray(error.details.issues) ? error.details.issues.length : 0
  const lines = error.message.split('\n')
  const header = `invalid configuration${file === undefined ? '' : ` in ${file}`}` +
    (count > 0 ? ` (${count} problem${count === 1 ? '' : 's'})` : '')
  return `${header}:\n${lines.map((line) => `  - ${line}`).join('\n')}`
}

/** Edit distance, two-row dynamic programming (Wagner–Fischer). */
export function levenshtein (a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The candidate closest to `word`: a case-insensitive or snake_case/camelCase match first, then
 * the nearest by edit distance if it is within a third of the word's length (at least 2).
 */
export function didYouMean (word: string, candidates: readonly string[]): string | undefined {
  const folded = fold(word)
  const exact = candidates.find((c) => fold(c) === folded)
  if (exact !== undefined) return exact
  // Short words are all near each other; never suggest a word that shares nothing.
  const limit = Math.min(Math.max(2, Math.floor(word.length / 3)), word.length - 1)
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = levenshtein(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) { best = candidate; bestDistance = distance }
  }
  return bestDistance <= limit ? best : undefined
}

const fold = (text: string): string => text.replace(/[_-]/g, '').toLowerCase()

/** `'a', 'b' or 'c'` */
export function listOf (values: readonly unknown[], conjunction = 'or'): string {
  const quoted = values.map((v) => typeof v === 'string' ? `'${v}'` : String(v))
  if (quoted.length <= 1) return quoted.join('')
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1) ?? ''}`
}

const SECRET_KEY = /password|token|secret|credential/i

/** What a value is, for "found …": `string "ten"`, `number 3`, `a list`. Secrets are not echoed. */
export function describeValue (value: unknown, key?: string | number): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'an empty value (null)'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') {
    if (typeof key === 'string' && SECRET_KEY.test(key)) return 'a string (not shown: secret)'
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value
    return `string ${JSON.stringify(shown.replace(/\/\/([^/@\s:]+):[^/@\s]+@/, '//$1:***@'))}`
  }
  return `${typeof value} ${String(value)}`
}

/**
 * Keys QueryFlux's other config forms spelled differently, with the message that says what to
 * write instead. `under` limits a hint to keys at a matching parent path.
 */
const KEY_HINTS: readonly { key: string, under?: RegExp, hint: string }[] = [
  { key: 'maxConcurrency', hint: "it was renamed to 'maxRunningQueries'" },
  { key: 'maxQueueSize', hint: "it was renamed to 'maxQueuedQueries'" },
  { key: 'errorOnUnsupported', hint: "it was replaced by 'onError': write 'onError: fail' for true, 'onError: passthrough' for false" },
  { key: 'combine', under: /^routers\[\d+\]$/, hint: "it is called 'combinator' (all or any)" },
  { key: 'engine', under: /^clusterGroups\.[^.]+$/, hint: "a group's engine is the engine of its members: set 'engine' on each cluster under the top-level 'clusters:' and list their names in 'members'" },
  { key: 'clusters', under: /^clusterGroups\.[^.]+$/, hint: "list cluster names under 'members', or give 'clusters' as an inline list of clusters, each with a 'name'" },
  { key: 'username', under: /^queryflux\.adminApi$/, hint: "the admin API takes a bearer 'token' (use ${ENV_VAR})" },
  { key: 'password', under: /^queryflux\.adminApi$/, hint: "the admin API takes a bearer 'token' (use ${ENV_VAR})" },
  { key: 'type', under: /conditions\[\d+\]/, hint: 'conditions are written without a type, e.g. { protocol: mysqlWire } or { header: X-Env, value: prod }' },
  { key: 'headerName', under: /conditions\[\d+\]/, hint: "inside a condition it is called 'header'" },
  { key: 'headerValue', under: /conditions\[\d+\]/, hint: "inside a condition it is called 'value'" },
  { key: 'host', under: /^queryflux\.persistence$/, hint: "give the database as one 'url': postgres://user:password@host:port/db" },
]

/** Values renamed from QueryFlux's other config forms. */
const VALUE_HINTS: Readonly<Record<string, string>> = {
  inMemory: 'memory',
}

/** The fix for an unknown key: a rename, camelCase, a near spelling, or the allowed keys. */
export function unknownKeyFix (key: string, parent: ConfigPath, allowed: readonly string[]): string {
  const where = formatPath(parent)
  const known = KEY_HINTS.find((h) => h.key === key && (h.under === undefined || h.under.test(where)))
  if (known !== undefined) return known.hint
  const suggestion = didYouMean(key, allowed)
  if (suggestion !== undefined) return `did you mean '${suggestion}'?`
  if (allowed.length === 0) return 'remove it'
  return `remove it; allowed keys here: ${allowed.join(', ')}`
}

/** The allowed value `value` most likely meant: a renamed value or a near spelling. */
export function suggestValue (value: unknown, allowed: readonly string[]): { value: string, renamed: boolean } | undefined {
  if (typeof value !== 'string') return undefined
  const renamed = VALUE_HINTS[value]
  if (renamed !== undefined && allowed.includes(renamed)) return { value: renamed, renamed: true }
  const suggestion = didYouMean(value, allowed)
  return suggestion === undefined ? undefined : { value: suggestion, renamed: false }
}

/** The fix for a value outside an enumeration: a rename or a near spelling. */
export function unknownValueFix (value: unknown, allowed: readonly string[]): string | undefined {
  const suggestion = suggestValue(value, allowed)
  if (suggestion === undefined) return undefined
  return suggestion.renamed ? `it is called '${suggestion.value}' now` : `did you mean '${suggestion.value}'?`
}
