/**
 * `${ENV_VAR}` and `${ENV_VAR:-default}` in string values, so secrets stay out of the file.
 *
 * - `${NAME}` takes the variable; unset is an issue naming the key and the variable.
 * - `${NAME:-default}` takes the default when the variable is unset or empty (as in sh).
 * - `$${` writes a literal `${`.
 * - A plain (unquoted) scalar that is one reference only takes the type its value reads as:
 *   `port: ${PG_PORT:-5432}` is the number 5432, `enabled: ${X:-true}` the boolean true.
 *   Quote it (`"${PG_PORT}"`) to keep a string.
 * Only values are substituted, never keys; a substituted value is not substituted again.
 */
import { Scalar, isMap, isPair, isScalar, isSeq } from 'yaml'
import type { Document } from 'yaml'
import type { ConfigIssue, ConfigPath } from './issues.ts'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface Expansion {
  readonly value: string
  /** Variables referenced without a default and not set. */
  readonly missing: readonly string[]
  /** References that are not `${NAME}` or `${NAME:-default}`. */
  readonly malformed: readonly string[]
}

/** Expands the references in one string. */
export function expandEnv (text: string, env: NodeJS.ProcessEnv): Expansion {
  const missing: string[] = []
  const malformed: string[] = []
  let value = ''
  let i = 0
  while (i < text.length) {
    const dollar = text.indexOf('$', i)
    if (dollar === -1) { value += text.slice(i); break }
    value += text.slice(i, dollar)
    if (text.startsWith('$${', dollar)) { value += '${'; i = dollar + 3; continue }
    if (!text.startsWith('${', dollar)) { value += '$'; i = dollar + 1; continue }
    const close = text.indexOf('}', dollar + 2)
    if (close === -1) { malformed.push(text.slice(dollar)); value += text.slice(dollar); break }
    const body = text.slice(dollar + 2, close)
    const sep = body.indexOf(':-')
    const name = sep === -1 ? body : body.slice(0, sep)
    if (!NAME.test(name)) {
      malformed.push(`\${${body}}`)
    } else {
      const set = env[name]
      if (sep !== -1) value += set === undefined || set === '' ? body.slice(sep + 2) : set
      else if (set === undefined) missing.push(name)
      else value += set
    }
    i = close + 1
  }
  return { value, missing, malformed }
}

/** Substitutes every string scalar of `document` in place; returns what could not be resolved. */
export function substituteEnv (document: Document, env: NodeJS.ProcessEnv): ConfigIssue[] {
  const issues: ConfigIssue[] = []
  const visit = (node: unknown, path: ConfigPath, depth: number): void => {
    if (depth > 100) return
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], depth + 1)
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => { visit(item, [...path, index], depth + 1) })
    } else if (isScalar(node) && typeof node.value === 'string' && node.value.includes('$')) {
      substituteScalar(node, path, env, issues)
    }
  }
  visit(document.contents, [], 0)
  return issues
}

function substituteScalar (node: Scalar, path: ConfigPath, env: NodeJS.ProcessEnv, issues: ConfigIssue[]): void {
  const text = String(node.value)
  const expansion = expandEnv(text, env)
  for (const name of expansion.missing) {
    issues.push({ path, message: `environment variable ${name} is not set; export ${name}, or write \${${name}:-default} to give a default` })
  }
  for (const reference of expansion.malformed) {
    issues.push({ path, message: `malformed reference '${reference}'; write \${NAME} or \${NAME:-default} (NAME: letters, digits, _), or $\${ for a literal \${` })
  }
  if (expansion.missing.length > 0 || expansion.malformed.length > 0) return
  const wholeReference = /^\$\{[^}]*\}$/.test(text)
  node.value = node.type === Scalar.PLAIN && wholeReference ? typed(expansion.value) : expansion.value
}

/** How a plain YAML scalar would read: number, boolean, or the string itself. */
function typed (value: string): string | number | boolean {
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (value === 'true') return true
  if (value === 'false') return false
  return value
}
