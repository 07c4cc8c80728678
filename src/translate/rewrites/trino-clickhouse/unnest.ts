/**
 * Trino → ClickHouse: CROSS JOIN UNNEST(array) [WITH ORDINALITY] AS t(x[, n]) is ClickHouse's
 * ARRAY JOIN array AS x[, arrayEnumerate(array) AS n]: one row per element, rows with an empty
 * array dropped, as in Trino. polyglot writes CROSS JOIN arrayJoin(array) AS t(x), which 18.16
 * cannot parse, and drops WITH ORDINALITY; so the join is rebuilt in the target tree.
 */
import { nodeData, nodeType, transformBottomUp } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteRule } from '../rewrite-rule.ts'

/** Joins this rule turned into ARRAY JOIN placeholders (not joins of two tables in 18.16's sense). */
const arrayJoins = new WeakSet<object>()

export function isArrayJoin (join: unknown): boolean {
  return typeof join === 'object' && join !== null && arrayJoins.has(join)
}

interface Unnest { readonly array: AstNode, readonly alias: string | undefined, readonly names: string[], readonly ordinality: boolean }

function unnestOf (item: AstNode): Unnest | undefined {
  const isAliased = nodeType(item) === 'alias'
  const inner = isAliased ? nodeData(item).this as AstNode : item
  if (nodeType(inner) !== 'unnest') return undefined
  const data = nodeData(inner)
  const alias = isAliased ? (nodeData(item).alias as { name?: unknown } | undefined)?.name : undefined
  const names = ((isAliased ? nodeData(item).column_aliases : []) as Array<{ name?: unknown }> | undefined ?? []).map((c) => c.name)
  if (names.some((n) => typeof n !== 'string') || nodeType(data.this) === undefined) return undefined
  return { array: data.this as AstNode, alias: typeof alias === 'string' ? alias.toLowerCase() : undefined, names: names as string[], ordinality: data.with_ordinality === true }
}

function aliased (expression: AstNode, name: string): AstNode {
  return { alias: { this: expression, alias: { name, quoted: false, trailing_comments: [] }, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } }
}

export const unnestArrayJoin: RewriteRule = {
  name: 'ch-unnest-array-join',
  reason: "Trino CROSS JOIN UNNEST(a) [WITH ORDINALITY] AS t(x[, n]) is ClickHouse's ARRAY JOIN a AS x[, arrayEnumerate(a) AS n] (one row per element, none for an empty array), with t.x read as x; polyglot's CROSS JOIN arrayJoin(a) AS t(x) does not parse in 18.16.",
  nodes: ['select'],
  passesOn: true,
  rewrite (node, ctx) {
    const data = nodeData(node)
    const joins = (data.joins as AstNode[] | undefined) ?? []
    let changed = false
    const next = joins.map((join) => {
      const unnest = unnestOf(join.this as AstNode)
      if (unnest === undefined) return join
      if (join.kind !== 'Cross' && join.kind !== 'Implicit' && join.kind !== 'Inner') return ctx.fail('only CROSS JOIN UNNEST is translated to ClickHouse 18.16 (its ARRAY JOIN drops rows with empty arrays)', node)
      if (nodeType(join.on) !== undefined) return ctx.fail('JOIN UNNEST … ON is not translated to ClickHouse 18.16', node)
      if (unnest.names.length !== (unnest.ordinality ? 2 : 1)) return ctx.fail('UNNEST needs one column name per output (AS t(x) or AS t(x, n) WITH ORDINALITY) to be translated to ClickHouse 18.16', node)
      changed = true
      const marks = new WeakSet<object>()
      const placeholder = ctx.target((args) => { marks.add(args[0]!); return args[0]! }, [unnest.array])
      ctx.finish((statement) => transformBottomUp(statement, (value) => {
        const found = (value.joins as AstNode[] | undefined)?.findIndex((j) => marks.has(nodeData(j.this as AstNode).this as object))
        if (nodeType(value) !== undefined || found === undefined || found < 0) return undefined
        const joined = value.joins as AstNode[]
        const array = nodeData(joined[found]!.this as AstNode).this as AstNode
        const items = [aliased(array, unnest.names[0]!), ...(unnest.ordinality ? [aliased({ function: { name: 'arrayEnumerate', args: [array], distinct: false, trailing_comments: [], use_bracket_syntax: false, no_parens: false, quoted: false } }, unnest.names[1]!)] : [])]
        const arrayJoin = { ...joined[found], this: { tuple: { expressions: items } }, on: null, kind: 'Array' }
        const rest = { ...value, joins: joined.map((j, i) => i === found ? arrayJoin : j) }
        // t.x is the ARRAY JOIN alias x.
        return unnest.alias === undefined ? rest : transformBottomUp(rest, (inner) => {
          if (nodeType(inner) !== 'column') return undefined
          const table = nodeData(inner).table as { name?: unknown } | null
          return typeof table?.name === 'string' && table.name.toLowerCase() === unnest.alias ? { column: { ...nodeData(inner), table: null } } : undefined
        }) as AstNode
      }) as AstNode)
      const marker = { ...join, kind: 'Cross', this: { alias: { this: placeholder, alias: { name: unnest.alias ?? 'qf_unnest', quoted: false, trailing_comments: [] }, column_aliases: [], alias_explicit_as: true, pre_alias_comments: [], trailing_comments: [] } } }
      arrayJoins.add(marker)
      return marker
    })
    return changed ? { select: { ...data, joins: next } } : undefined
  },
}
