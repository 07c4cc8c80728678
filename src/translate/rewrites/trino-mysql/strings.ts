/** Trino → MySQL-wire: strings, regular expressions, binary and JSON. */
import { stringLiteral, stringValue } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { listaggParts } from '../trino-postgres/listagg.ts'
import { regexpReplaceRule, templateRule, verbatimCall, withKnownType } from '../trino-common/rule-kit.ts'

/** Same meaning, another spelling in MySQL. */
const RENAMES: Readonly<Record<string, string>> = {
  codepoint: 'ORD(CONVERT(__0 USING utf32))',
  to_utf8: 'CONVERT(__0 USING utf8mb4)',
  md5: 'UNHEX(MD5(__0))',
  sha1: 'UNHEX(SHA1(__0))',
  sha256: 'UNHEX(SHA2(__0, 256))',
  to_hex: 'HEX(__0)',
  from_hex: 'UNHEX(__0)',
  regexp_like: "(REGEXP_INSTR(__0, CONCAT('(?-i)', __1)) > 0)",
  starts_with: '(LEFT(CAST(__0 AS BINARY), LENGTH(CAST(__1 AS BINARY))) = CAST(__1 AS BINARY))',
  split_part: "CASE WHEN __2 > (CHAR_LENGTH(__0) - CHAR_LENGTH(REPLACE(__0, __1, ''))) / CHAR_LENGTH(__1) + 1 THEN NULL ELSE SUBSTRING_INDEX(SUBSTRING_INDEX(__0, __1, __2), __1, -1) END",
  json_array_length: 'JSON_LENGTH(__0)',
  strpos: 'LOCATE(__1, __0)',
}

export const functionRenames = templateRule({
  name: 'mysql-function-renames',
  reason: "Trino functions MySQL has under another form: length counts characters (MySQL LENGTH counts bytes), regexp_like is case-sensitive (MySQL REGEXP follows the column's case-insensitive collation), hashes return binary, and others MySQL lacks: " + Object.keys(RENAMES).join(', ') + '.',
  functions: Object.keys(RENAMES),
  nodes: ['json_array_length', 'starts_with'],
  template: (args, node) => {
    const template = RENAMES[asCall(node)?.name ?? Object.keys(node)[0] ?? '']
    return template !== undefined && args.length === new Set(template.match(/__\d/g)).size ? template : undefined
  },
})

/** polyglot re-maps CHAR_LENGTH to LENGTH (bytes in MySQL) when it reads a template, so the call is built directly. */
export const charLength: RewriteRule = {
  name: 'mysql-length-in-characters',
  reason: 'Trino length() counts characters; MySQL LENGTH() counts bytes (polyglot keeps the name). CHAR_LENGTH counts characters.',
  nodes: ['length'],
  functions: ['length'],
  rewrite (node, ctx) {
    const args = node.length === undefined ? asCall(node)?.args : [child(node, 'this')!]
    if (args?.length !== 1 || args[0] === undefined) return undefined
    return withKnownType(ctx.target(verbatimCall('CHAR_LENGTH', 0), args), 'integer')
  },
}

export const regexpExtract: RewriteRule = {
  name: 'mysql-regexp-extract',
  reason: 'Trino regexp_extract(s, p) is MySQL REGEXP_SUBSTR (case-sensitive with (?-i)); a group number has no MySQL equivalent.',
  functions: ['regexp_extract'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined) return undefined
    if (call.args.length !== 2) return ctx.fail('regexp_extract with a group number has no MySQL equivalent', node)
    return ctx.target("REGEXP_SUBSTR(__0, CONCAT('(?-i)', __1))", call.args)
  },
}

export const regexpReplace = regexpReplaceRule({
  name: 'mysql-regexp-replace',
  reason: "Trino regexp_replace writes groups as $1 and is case-sensitive; MariaDB's takes \\1 and follows the collation.",
  target: 'MySQL',
  template: "REGEXP_REPLACE(__0, CONCAT('(?-i)', __1), __2)",
})

export const formatFunction: RewriteRule = {
  name: 'mysql-format',
  reason: "Trino format() is Java's String.format; MySQL FORMAT() formats a number. %s and %d pieces become CONCAT; other specifiers are refused.",
  functions: ['format'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 1) return undefined
    const format = stringValue(call.args[0])
    if (format === undefined) return ctx.fail('format() needs a literal format string to be translated to MySQL', node)
    const parts: string[] = []
    const args = call.args.slice(1)
    const literals = []
    let next = 0
    let text = ''
    for (let i = 0; i < format.length; i++) {
      const char = format[i]!
      if (char !== '%') { text += char; continue }
      const spec = format[++i]
      if (spec === '%') { text += '%'; continue }
      if (spec !== 's' && spec !== 'd') return ctx.fail(`format() specifier %${spec ?? ''} is not translated to MySQL`, node)
      if (text !== '') { literals.push(stringLiteral(text)); parts.push(`__${args.length + literals.length - 1}`); text = '' }
      if (next >= args.length) return ctx.fail('format() has fewer arguments than specifiers', node)
      parts.push(`__${next++}`)
    }
    if (text !== '') { literals.push(stringLiteral(text)); parts.push(`__${args.length + literals.length - 1}`) }
    return ctx.target(parts.length === 0 ? "''" : `CONCAT(${parts.join(', ')})`, [...args, ...literals])
  },
}

export const jsonExtractScalar: RewriteRule = {
  name: 'mysql-json-extract-scalar',
  reason: "Trino json_extract_scalar returns NULL for objects, arrays and JSON null; MySQL's JSON_EXTRACT returns them as JSON text.",
  nodes: ['json_extract_scalar'],
  rewrite (node, ctx) {
    const json = child(node, 'this')
    const path = child(node, 'path')
    if (json === undefined || path === undefined) return undefined
    return ctx.target("CASE WHEN JSON_TYPE(JSON_EXTRACT(__0, __1)) IN ('OBJECT', 'ARRAY', 'NULL') THEN NULL ELSE JSON_UNQUOTE(JSON_EXTRACT(__0, __1)) END", [json, path])
  },
}


export const listagg: RewriteRule = {
  name: 'mysql-listagg',
  reason: 'MySQL has no listagg; GROUP_CONCAT(x ORDER BY … SEPARATOR sep) is the same aggregate (NULLs skipped in both). Its result is cut at group_concat_max_len (1 MB on MariaDB).',
  nodes: ['within_group'],
  rewrite (node, ctx) {
    const parts = listaggParts(node)
    if (parts === undefined) return undefined
    const order = parts.order.map((o, i) => `__${i + 2}${o.desc ? ' DESC' : ''}`).join(', ')
    if (stringValue(parts.separator) === undefined) return ctx.fail('listagg needs a literal separator to be translated to MySQL', node)
    return ctx.target(`GROUP_CONCAT(__0${order === '' ? '' : ` ORDER BY ${order}`} SEPARATOR __1)`, [parts.value, parts.separator, ...parts.order.map((o) => o.expr)])
  },
}

export const stringRules: readonly RewriteRule[] = [charLength, functionRenames, regexpExtract, regexpReplace, formatFunction, jsonExtractScalar, listagg]
