/** Trino → DuckDB: strings, JSON, binary and simple renames. */
import { asCall, child } from '../calls.ts'
import { stringValue } from '../ast.ts'
import type { RewriteRule } from '../rewrite-rule.ts'

const concatTemplates = new Map<number, string>()

export const concatNull: RewriteRule = {
  name: 'concat-null',
  reason: "Trino concat() returns NULL when any argument is NULL; DuckDB concat() skips NULLs. DuckDB's || operator returns NULL, as Trino does.",
  functions: ['concat'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 2) return undefined
    let template = concatTemplates.get(call.args.length)
    if (template === undefined) {
      template = call.args.map((_, i) => `__${i}`).join(' || ')
      concatTemplates.set(call.args.length, template)
    }
    return ctx.target(template, call.args)
  },
}

export const jsonExtractScalar: RewriteRule = {
  name: 'json-extract-scalar',
  reason: "Trino json_extract_scalar returns NULL when the path points at an object or array; DuckDB ->> returns the object's JSON text.",
  nodes: ['json_extract_scalar'],
  words: ['json_extract_scalar'],
  rewrite (node, ctx) {
    const json = child(node, 'this')
    const path = child(node, 'path')
    if (json === undefined || path === undefined) return undefined
    return ctx.target("CASE WHEN json_type(__0, __1) IN ('OBJECT', 'ARRAY') THEN NULL ELSE json_extract_string(__0, __1) END", [json, path])
  },
}

export const strposInstance: RewriteRule = {
  name: 'strpos-instance',
  reason: 'Trino strpos(string, substring, instance) finds the n-th occurrence; DuckDB strpos has no instance argument.',
  nodes: ['str_position'],
  words: ['strpos'],
  rewrite (node, ctx) {
    const occurrence = child(node, 'occurrence')
    if (occurrence === undefined) return undefined
    return ctx.fail('strpos with an instance argument (the n-th occurrence) has no DuckDB equivalent', node)
  },
}

/** Trino hashes return varbinary; DuckDB returns the hex text, so unhex gives Trino's bytes. */
const HASHES: Readonly<Record<string, string>> = {
  md5: 'unhex(md5(__0))',
  sha1: 'unhex(sha1(__0))',
  sha256: 'unhex(sha256(__0))',
}

export const hashesAreBinary: RewriteRule = {
  name: 'hashes-are-varbinary',
  reason: 'Trino md5/sha1/sha256 return the digest as varbinary; DuckDB returns it as hex text. unhex() gives the same bytes.',
  functions: Object.keys(HASHES),
  rewrite (node, ctx) {
    const call = asCall(node)
    const template = call === undefined ? undefined : HASHES[call.name]
    return call?.args.length === 1 && template !== undefined ? ctx.target(template, call.args) : undefined
  },
}

export const toHexUppercase: RewriteRule = {
  name: 'to-hex-uppercase',
  reason: "Trino to_hex gives upper-case hex; polyglot maps it to lower(hex(…)). DuckDB hex() is upper-case.",
  functions: ['to_hex'],
  rewrite (node, ctx) {
    const call = asCall(node)
    return call?.args.length === 1 ? ctx.target('hex(__0)', call.args) : undefined
  },
}

/** Same meaning, another name in DuckDB, and polyglot passes the Trino name through. */
const RENAMES: Readonly<Record<string, string>> = {
  levenshtein_distance: 'levenshtein',
  codepoint: 'unicode',
  json_parse: 'json',
  is_finite: 'isfinite',
  is_infinite: 'isinf',
}

const renameTemplates = new Map<string, string>()

export const functionRenames: RewriteRule = {
  name: 'function-renames',
  reason: `Trino functions DuckDB has under another name: ${Object.entries(RENAMES).map(([a, b]) => `${a} → ${b}`).join(', ')}.`,
  functions: Object.keys(RENAMES),
  rewrite (node, ctx) {
    const call = asCall(node)
    const target = call === undefined ? undefined : RENAMES[call.name]
    if (call === undefined || target === undefined) return undefined
    const key = `${target}/${call.args.length}`
    let template = renameTemplates.get(key)
    if (template === undefined) {
      template = `${target}(${call.args.map((_, i) => `__${i}`).join(', ')})`
      renameTemplates.set(key, template)
    }
    return ctx.target(template, call.args)
  },
}

const formatTemplates = new Map<number, string>()

export const formatPrintf: RewriteRule = {
  name: 'format-printf',
  reason: "Trino format() takes Java format specifiers; polyglot turns them into DuckDB's {} syntax and leaves the rest (format('%s-%d', 'a', 5) gives 'a-%d'). DuckDB printf() matches Java for %s, %d and %%; other specifiers fail.",
  functions: ['format'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call === undefined || call.args.length < 1) return undefined
    const format = stringValue(call.args[0])
    if (format === undefined) return ctx.fail('format() needs a literal format string to be translated to DuckDB', node)
    for (const [specifier] of format.matchAll(/%[^a-zA-Z%]*[a-zA-Z%]?/g)) {
      if (specifier !== '%s' && specifier !== '%d' && specifier !== '%%') {
        return ctx.fail(`format() specifier ${specifier} may print differently in DuckDB's printf; only %s, %d and %% are translated`, node)
      }
    }
    let template = formatTemplates.get(call.args.length)
    if (template === undefined) {
      template = `printf(${call.args.map((_, i) => `__${i}`).join(', ')})`
      formatTemplates.set(call.args.length, template)
    }
    return ctx.target(template, call.args)
  },
}

export const approxPercentile: RewriteRule = {
  name: 'approx-percentile',
  reason: 'Trino approx_percentile(x, p) is DuckDB approx_quantile(x, p); polyglot passes the Trino name through. The weighted three-argument form has no DuckDB equivalent.',
  functions: ['approx_percentile'],
  rewrite (node, ctx) {
    const call = asCall(node)
    if (call?.args.length === 2) return ctx.target('approx_quantile(__0, __1)', call.args)
    if (call !== undefined) ctx.fail('approx_percentile with weights or an accuracy argument has no DuckDB equivalent', node)
    return undefined
  },
}

export const stringRules: readonly RewriteRule[] = [
  concatNull, jsonExtractScalar, strposInstance, hashesAreBinary, toHexUppercase, functionRenames, formatPrintf, approxPercentile,
]
