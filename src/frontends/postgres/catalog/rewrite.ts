/**
 * Rewrites a PostgreSQL catalog query into SQL the emulation's DuckDB runs against its own
 * pg_catalog tables, token by token (strings, identifiers and comments are never touched):
 * `pg_catalog.` qualifiers go (the emulated tables are DuckDB's defaults), information_schema
 * moves to the emulated schema, `OPERATOR(pg_catalog.~)` and the regex operators become
 * regexp_matches (DuckDB's `~` is a full match, PostgreSQL's is a search), COLLATE clauses
 * go, and casts to reg* types resolve names to OIDs or OIDs to names.
 */
import { tokenize } from '../sql-text.ts'
import type { Token } from '../sql-text.ts'
import { INFORMATION_SCHEMA } from './catalog-ddl.ts'

export interface OidResolver {
  relation (name: string): number | undefined
  type (name: string): number | undefined
  namespace (name: string): number | undefined
}

interface Edit { readonly start: number, readonly end: number, readonly text: string }

const REG_NAME_FUNCTIONS: Record<string, string> = {
  regclass: 'qf_regclass_name',
  regtype: 'qf_regtype_name',
  regnamespace: 'qf_regnamespace_name',
}

const isWord = (t: Token | undefined, ...words: string[]): boolean =>
  t !== undefined && (t.type === 'word' || t.type === 'identifier') && words.includes(t.text.toLowerCase())
const isOp = (t: Token | undefined, op: string): boolean => t?.type === 'op' && t.text === op
/** An unquoted keyword: "Collate" in double quotes is a name, not the keyword. */
const isKeyword = (t: Token | undefined, ...words: string[]): boolean => t?.type === 'word' && words.includes(t.text.toLowerCase())

function quote (text: string): string {
  return `'${text.replace(/'/g, "''")}'`
}

/**
 * `parameters` are written into the query as literals (the emulation's DuckDB is private and
 * the values are escaped), which spares DuckDB guessing the types of untyped parameters.
 */
export function rewriteCatalogQuery (sql: string, oids: OidResolver, parameters: readonly unknown[] = []): string {
  const tokens = tokenize(sql)
  const edits: Edit[] = []
  const skip = new Set<number>()
  const drop = (from: number, to: number): void => { for (let k = from; k <= to; k++) skip.add(k) }
  for (let i = 0; i < tokens.length; i++) {
    if (skip.has(i)) continue
    const t = tokens[i]!
    // OPERATOR(pg_catalog.~) → the operator itself
    if (isKeyword(t, 'operator') && isOp(tokens[i + 1], '(')) {
      let j = i + 2
      if (isWord(tokens[j], 'pg_catalog') && isOp(tokens[j + 1], '.')) j += 2
      let op = ''
      while (j < tokens.length && !isOp(tokens[j], ')')) op += tokens[j++]!.text
      if (j >= tokens.length) continue
      const regex = regexOperator(op)
      if (regex === undefined || !regexEdit(tokens, i, j, regex, edits, drop)) edits.push({ start: t.start, end: tokens[j]!.end, text: ` ${op} ` })
      drop(i, j)
      continue
    }
    if (isWord(t, 'pg_catalog') && isOp(tokens[i + 1], '.')) {
      edits.push({ start: t.start, end: tokens[i + 1]!.end, text: '' })
      drop(i, i + 1)
      continue
    }
    if (isWord(t, 'information_schema') && isOp(tokens[i + 1], '.')) {
      edits.push({ start: t.start, end: t.end, text: INFORMATION_SCHEMA })
      continue
    }
    if (isKeyword(t, 'collate')) {
      const last = collationEnd(tokens, i)
      edits.push({ start: t.start, end: tokens[last]!.end, text: '' })
      drop(i, last)
      continue
    }
    if (t.type === 'word' && /^(current_user|session_user)$/i.test(t.text) && !isOp(tokens[i + 1], '(') && !isOp(tokens[i - 1], '.')) {
      edits.push({ start: t.start, end: t.end, text: 'qf_current_user()' })
      continue
    }
    const regexLength = regexOperatorAt(tokens, i)
    if (regexLength > 0) {
      const op = tokens.slice(i, i + regexLength).map((x) => x.text).join('')
      regexEdit(tokens, i, i + regexLength - 1, regexOperator(op)!, edits, drop)
      drop(i, i + regexLength - 1)
      continue
    }
    if (t.type === 'param') {
      const index = Number(t.text) - 1
      if (index < 0 || index >= parameters.length) continue
      const value = parameters[index]
      // An untyped '{a,b}' inside ANY(…)/ALL(…) is an array, as PostgreSQL infers from the context.
      const inArrayContext = isOp(tokens[i - 1], '(') && isKeyword(tokens[i - 2], 'any', 'all', 'some')
      const list = inArrayContext && typeof value === 'string' ? arrayLiteral(value) : undefined
      edits.push({ start: t.start, end: t.end, text: list ?? duckLiteral(value) })
      continue
    }
    if (isOp(t, '::')) castEdit(tokens, i, oids, edits, drop)
    if (isKeyword(t, 'generate_series', 'unnest') && isOp(tokens[i + 1], '(')) columnAlias(tokens, i + 1, edits)
  }
  return applyEdits(sql, edits)
}

type RegexKind = { readonly negated: boolean, readonly caseInsensitive: boolean }

function regexOperator (op: string): RegexKind | undefined {
  switch (op) {
    case '~': return { negated: false, caseInsensitive: false }
    case '!~': return { negated: true, caseInsensitive: false }
    case '~*': return { negated: false, caseInsensitive: true }
    case '!~*': return { negated: true, caseInsensitive: true }
    default: return undefined
  }
}

/** Length in tokens of a regex operator starting at i (adjacent '!', '~', '*'), or 0. */
function regexOperatorAt (tokens: readonly Token[], i: number): number {
  const a = tokens[i]
  if (!isOp(a, '!') && !isOp(a, '~')) return 0
  const adjacent = (k: number): boolean => tokens[k] !== undefined && tokens[k]!.start === tokens[k - 1]!.end
  if (isOp(a, '~')) return isOp(tokens[i + 1], '*') && adjacent(i + 1) ? 2 : 1
  if (!isOp(tokens[i + 1], '~') || !adjacent(i + 1)) return 0
  return isOp(tokens[i + 2], '*') && adjacent(i + 2) ? 3 : 2
}

/**
 * `left OP right` → `[NOT] regexp_matches(left, right[, 'i'])` when both operands are simple
 * (a column reference, a string, a parameter); returns false (nothing edited) otherwise.
 * The operator spans tokens opFirst..opLast.
 */
function regexEdit (tokens: readonly Token[], opFirst: number, opLast: number, kind: RegexKind, edits: Edit[], drop: (a: number, b: number) => void): boolean {
  const leftStart = operandStart(tokens, opFirst - 1)
  const rightStart = opLast + 1
  const right = tokens[rightStart]
  if (leftStart === undefined || right === undefined) return false
  let rightEnd = rightStart
  if (right.type === 'word' || right.type === 'identifier') {
    while (isOp(tokens[rightEnd + 1], '.') && tokens[rightEnd + 2] !== undefined) rightEnd += 2
  } else if (right.type !== 'string' && right.type !== 'param') {
    return false
  }
  // A COLLATE after the pattern goes too; DuckDB has no such collation.
  const last = isKeyword(tokens[rightEnd + 1], 'collate') ? collationEnd(tokens, rightEnd + 1) : rightEnd
  edits.push({ start: tokens[leftStart]!.start, end: tokens[leftStart]!.start, text: `${kind.negated ? 'NOT ' : ''}regexp_matches(` })
  edits.push({ start: tokens[opFirst]!.start, end: tokens[opLast]!.end, text: ',' })
  edits.push({ start: tokens[rightEnd]!.end, end: tokens[last]!.end, text: kind.caseInsensitive ? ", 'i')" : ')' })
  drop(rightEnd + 1, last)
  return true
}

/**
 * In PostgreSQL, `FROM generate_series(1, 3) s` names the function's single column `s` too;
 * in DuckDB `s` would be the row. `s` becomes `s(s)`.
 */
function columnAlias (tokens: readonly Token[], open: number, edits: Edit[]): void {
  let depth = 0
  let close = open
  for (; close < tokens.length; close++) {
    if (isOp(tokens[close], '(')) depth++
    else if (isOp(tokens[close], ')') && --depth === 0) break
  }
  let aliasAt = close + 1
  if (isKeyword(tokens[aliasAt], 'as')) aliasAt++
  const alias = tokens[aliasAt]
  if (alias === undefined || (alias.type !== 'word' && alias.type !== 'identifier') || isOp(tokens[aliasAt + 1], '(')) return
  if (alias.type === 'word' && /^(where|join|left|right|inner|cross|on|order|group|limit|union|full|natural|using)$/i.test(alias.text)) return
  edits.push({ start: alias.end, end: alias.end, text: `(${alias.type === 'identifier' ? `"${alias.text.replace(/"/g, '""')}"` : alias.text})` })
}

/** Index of the last token of `COLLATE name[.name]` starting at `at`. */
function collationEnd (tokens: readonly Token[], at: number): number {
  let j = at + 1
  if (tokens[j]?.type !== 'word' && tokens[j]?.type !== 'identifier') return at
  while (isOp(tokens[j + 1], '.') && (tokens[j + 2]?.type === 'word' || tokens[j + 2]?.type === 'identifier')) j += 2
  return j
}

/** Casts to reg* types: literals become OIDs (or names, for regproc), columns get a name lookup. */
function castEdit (tokens: readonly Token[], i: number, oids: OidResolver, edits: Edit[], drop: (a: number, b: number) => void): void {
  const cast = castType(tokens, i + 1)
  if (cast === undefined) return
  const { type, last } = cast
  const operand = tokens[i - 1]
  // '{a,b}'::text[]: PostgreSQL's array literal becomes a DuckDB list.
  if (operand?.type === 'string' && isOp(tokens[last + 1], '[') && isOp(tokens[last + 2], ']')) {
    const list = arrayLiteral(operand.text)
    if (list !== undefined) {
      edits.push({ start: operand.start, end: tokens[last + 2]!.end, text: `${list}::${type === 'name' ? 'VARCHAR' : type}[]` })
      drop(i, last + 2)
      return
    }
  }
  if (operand?.type === 'string') {
    const literal = literalCast(operand.text, type, oids)
    if (literal !== undefined) {
      edits.push({ start: operand.start, end: tokens[last]!.end, text: literal })
      drop(i, last)
      return
    }
  }
  const fn = REG_NAME_FUNCTIONS[type]
  if (fn !== undefined) {
    const start = operandStart(tokens, i - 1)
    if (start === undefined) return
    edits.push({ start: tokens[start]!.start, end: tokens[start]!.start, text: `${fn}(` })
    edits.push({ start: tokens[i - 1]!.end, end: tokens[last]!.end, text: ')' })
    drop(i, last)
  } else if (type === 'regproc' || type === 'regprocedure') {
    edits.push({ start: tokens[i]!.start, end: tokens[last]!.end, text: '::VARCHAR' })
    drop(i, last)
  }
}

/** Start index of a simple operand ending at `end`: `a.b.c`, a string, a parameter, a number. */
function operandStart (tokens: readonly Token[], end: number): number | undefined {
  const t = tokens[end]
  if (t === undefined) return undefined
  if (t.type === 'string' || t.type === 'param' || t.type === 'number') return end
  if (t.type !== 'word' && t.type !== 'identifier') return undefined
  let start = end
  while (isOp(tokens[start - 1], '.') && (tokens[start - 2]?.type === 'word' || tokens[start - 2]?.type === 'identifier')) start -= 2
  return start
}

/** The type a `::` cast names, lower-cased without pg_catalog, and the index of its last token. */
function castType (tokens: readonly Token[], from: number): { type: string, last: number } | undefined {
  let i = from
  if (isWord(tokens[i], 'pg_catalog') && isOp(tokens[i + 1], '.')) i += 2
  const t = tokens[i]
  if (t === undefined || (t.type !== 'word' && t.type !== 'identifier')) return undefined
  return { type: t.text.toLowerCase(), last: i }
}

function literalCast (text: string, type: string, oids: OidResolver): string | undefined {
  const numeric = /^\s*\d+\s*$/.test(text)
  switch (type) {
    case 'regclass': {
      if (numeric) return text.trim()
      return String(oids.relation(unqualify(text)) ?? 0)
    }
    case 'regtype': {
      if (numeric) return text.trim()
      return String(oids.type(unqualify(text)) ?? 0)
    }
    case 'regnamespace': {
      if (numeric) return text.trim()
      return String(oids.namespace(unqualify(text)) ?? 0)
    }
    case 'regproc': case 'regprocedure': return quote(unqualify(text).replace(/\(.*\)$/, ''))
    case 'oid': return numeric ? text.trim() : undefined
    default: return undefined
  }
}

/** 'pg_catalog.pg_class' → 'pg_class', '"My Table"' → 'My Table', 'Foo' → 'foo'. */
function unqualify (name: string): string {
  const parts = name.match(/"([^"]|"")*"|[^.]+/g) ?? [name]
  const last = parts[parts.length - 1]!.trim()
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase()
}

/** A value as a DuckDB literal: strings quoted, arrays as lists, Uint8Array as a blob. */
export function duckLiteral (value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${String(value)}'::DOUBLE`
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (Array.isArray(value)) return `[${value.map(duckLiteral).join(', ')}]`
  if (value instanceof Uint8Array) return `'\\x${Buffer.from(value).toString('hex')}'::BLOB`
  return quote(typeof value === 'string' ? value : JSON.stringify(value))
}

/** A one-dimensional PostgreSQL array literal ('{a,"b c",NULL}') as a DuckDB list of strings. */
function arrayLiteral (text: string): string | undefined {
  const body = /^\s*\{(.*)\}\s*$/s.exec(text)?.[1]
  if (body === undefined || body.includes('{')) return undefined
  if (body.trim() === '') return '[]'
  const items: string[] = []
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*?))\s*(?:,|$)/gy
  let match: RegExpExecArray | null
  while (pattern.lastIndex < body.length && (match = pattern.exec(body)) !== null) {
    if (match[1] !== undefined) items.push(quote(match[1].replace(/\\(.)/g, '$1')))
    else items.push(match[2]!.toUpperCase() === 'NULL' ? 'NULL' : quote(match[2]!))
    if (match[0] === '') break
  }
  return `[${items.join(', ')}]`
}

function applyEdits (sql: string, edits: readonly Edit[]): string {
  // Apply from the end so earlier offsets stay valid; inserts at one point keep their order.
  const sorted = edits.map((e, index) => ({ ...e, index })).sort((a, b) => b.start - a.start || b.end - a.end || b.index - a.index)
  let out = sql
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}
