/** Trino → PostgreSQL: strings, regular expressions, binary and JSON. */
import { nodeData, stringLiteral, stringValue } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'
import { jsonPathKeys } from '../trino-common/date-patterns.ts'
import { regexpReplaceRule, templateRule } from '../trino-common/rule-kit.ts'

export const concatNull = templateRule({
  name: 'pg-concat-null',
  reason: "Trino concat() returns NULL when any argument is NULL; PostgreSQL concat() skips NULLs. PostgreSQL's || returns NULL, as Trino does.",
  functions: ['concat'],
  template: (args) => args.length < 2 ? undefined : args.map((_, i) => `__${i}`).join(' || '),
})

export const regexpReplaceAll = regexpReplaceRule({
  name: 'pg-regexp-replace-all',
  reason: "Trino regexp_replace replaces every match and writes groups as $1; PostgreSQL replaces the first match unless given 'g', and writes groups as \\1.",
  target: 'PostgreSQL',
  template: "regexp_replace(__0, __1, __2, 'g')",
  replacement: (text) => text.replaceAll('\\', '\\\\').replace(/\$(\d)/g, '\\$1'),
})

export const regexpExtract: RewriteRule = {
  name: 'pg-regexp-extract',
  reason: 'PostgreSQL has no regexp_extract. regexp_match returns the groups of the first match; wrapping the pattern in a group makes group 1 the whole match, as Trino returns without a group number.',
  functions: ['regexp_extract'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 2 || call.args.length > 3) return undefined
    const pattern = stringValue(call.args[1])
    if (pattern === undefined) return ctx.fail('regexp_extract needs a literal pattern to be translated to PostgreSQL', node)
    const group = call.args[2] === undefined ? 0 : Number(stringValue(call.args[2]) ?? (nodeData(call.args[2]).value as string | undefined))
    if (!Number.isInteger(group) || group < 0) return ctx.fail('regexp_extract needs a literal group number to be translated to PostgreSQL', node)
    return ctx.target(`(regexp_match(__0, __1))[${group + 1}]`, [call.args[0]!, stringLiteral(`(${pattern})`)])
  },
}

export const formatSpecifiers: RewriteRule = {
  name: 'pg-format-specifiers',
  reason: "Trino format() takes Java specifiers; PostgreSQL format() knows only %s, %I, %L. %d of an integer prints as %s does; other specifiers are refused.",
  functions: ['format'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 1) return undefined
    const format = stringValue(call.args[0])
    if (format === undefined) return ctx.fail('format() needs a literal format string to be translated to PostgreSQL', node)
    let bad: string | undefined
    const converted = format.replace(/%[^a-zA-Z%]*[a-zA-Z%]?/g, (spec) => {
      if (spec === '%s' || spec === '%d') return '%s'
      if (spec === '%%') return '%%'
      bad ??= spec
      return spec
    })
    if (bad !== undefined) return ctx.fail(`format() specifier ${bad} is not translated to PostgreSQL`, node)
    return ctx.target(`format(${call.args.map((_, i) => `__${i}`).join(', ')})`, [stringLiteral(converted), ...call.args.slice(1)])
  },
}

/** Same meaning, another spelling in PostgreSQL. */
const RENAMES: Readonly<Record<string, string>> = {
  codepoint: 'ascii(__0)',
  to_utf8: "convert_to(__0, 'UTF8')",
  from_utf8: "convert_from(__0, 'UTF8')",
  md5: "decode(md5(__0), 'hex')",
  to_hex: "upper(encode(__0, 'hex'))",
  from_hex: "decode(__0, 'hex')",
  split: '(string_to_array(__0, __1))',
  json_array_length: 'json_array_length(CAST(__0 AS JSON))',
}

export const functionRenames = templateRule({
  name: 'pg-function-renames',
  reason: `Trino functions PostgreSQL has under another form: ${Object.keys(RENAMES).join(', ')} (Trino hashes and to_utf8 work on varbinary, PostgreSQL on bytea).`,
  functions: Object.keys(RENAMES),
  nodes: ['json_array_length'],
  template: (args, node) => {
    const name = asCall(node)?.name ?? Object.keys(node)[0] ?? ''
    const template = RENAMES[name]
    const arity = template === undefined ? -1 : (template.match(/__\d/g) ?? []).length
    return template !== undefined && args.length === new Set(template.match(/__\d/g)).size && arity > 0 ? template : undefined
  },
})

export const jsonExtractScalar: RewriteRule = {
  name: 'pg-json-extract-scalar',
  reason: 'Trino json_extract_scalar returns NULL for objects and arrays; PostgreSQL #>> returns their text. Simple paths ($.a.b, $.c[0]) only.',
  nodes: ['json_extract_scalar'],
  rewrite (node, ctx) {
    const json = child(node, 'this')
    const path = stringValue(child(node, 'path'))
    if (json === undefined) return undefined
    const keys = path === undefined ? undefined : jsonPathKeys(path)
    if (keys === undefined) return ctx.fail('json_extract_scalar needs a literal simple JSON path ($.a.b or $.a[0]) to be translated to PostgreSQL', node)
    const pgPath = `{${keys.map((k) => `"${k.replaceAll('"', '\\"')}"`).join(',')}}`
    return ctx.target("CASE WHEN json_typeof(CAST(__0 AS JSON) #> __1) IN ('object', 'array') THEN NULL ELSE CAST(__0 AS JSON) #>> __1 END", [json, stringLiteral(pgPath)])
  },
}

/** Functions PostgreSQL has no way to answer like Trino (without extensions). */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  levenshtein_distance: 'needs the fuzzystrmatch extension, which a PostgreSQL server may not have',
  hamming_distance: 'PostgreSQL has no hamming distance',
  soundex: 'needs the fuzzystrmatch extension',
  word_stem: 'PostgreSQL has no word_stem',
  typeof: 'PostgreSQL type names differ from Trino\'s',
  format_number: 'PostgreSQL has no format_number',
}

export const unsupported: RewriteRule = {
  name: 'pg-known-unsupported',
  reason: 'Trino functions PostgreSQL cannot answer the same way: fail instead of returning something else.',
  functions: Object.keys(UNSUPPORTED),
  rewrite (node: AstNode, ctx) {
    const name = asCall(node)?.name ?? ''
    return ctx.fail(`${name}() has no PostgreSQL equivalent: ${UNSUPPORTED[name] ?? ''}`, node)
  },
}

export const stringRules: readonly RewriteRule[] = [concatNull, regexpReplaceAll, regexpExtract, formatSpecifiers, functionRenames, jsonExtractScalar, unsupported]
