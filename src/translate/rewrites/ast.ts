/**
 * Helpers over polyglot's AST as plain JSON: every expression is an object with one key, its
 * node type (`{ "div": { left, right } }`, `{ "function": { name, args, ... } }`).
 *
 * We walk the JSON ourselves instead of using the SDK's `ast.transform`, so that a rewrite sees
 * each node once, bottom-up, after its children were rewritten, and never the node it built.
 */

/** One polyglot AST value. Its shape is polyglot's serde JSON; rules check what they read. */
export type AstNode = Record<string, unknown>

/** Fields that carry no SQL meaning and need not be walked. */
const SKIP = new Set(['span', 'inferred_type', 'trailing_comments', 'left_comments', 'operator_comments', 'leading_comments'])

function isObject (value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The node type when `value` is an expression node (an object with exactly one key holding an object). */
export function nodeType (value: unknown): string | undefined {
  if (!isObject(value)) return undefined
  let type: string | undefined
  for (const key in value) {
    if (type !== undefined) return undefined
    type = key
  }
  return type !== undefined && isObject(value[type]) ? type : undefined
}

/** The fields of an expression node (`node[nodeType(node)]`). */
export function nodeData (node: AstNode): AstNode {
  const type = nodeType(node)
  if (type === undefined) return {}
  return node[type] as AstNode
}

/**
 * Rebuilds `value` bottom-up: children first, then `visit` on each object, which returns a
 * replacement or undefined to keep it. Objects that nothing changed are kept as they are.
 */
export function transformBottomUp (value: unknown, visit: (node: AstNode) => AstNode | undefined): unknown {
  if (Array.isArray(value)) {
    let changed = false
    const out = value.map((item) => {
      const next = transformBottomUp(item, visit)
      if (next !== item) changed = true
      return next
    })
    return changed ? out : value
  }
  if (!isObject(value)) return value
  let copy: AstNode | undefined
  for (const key in value) {
    if (SKIP.has(key)) continue
    const child = value[key]
    if (typeof child !== 'object' || child === null) continue
    const next = transformBottomUp(child, visit)
    if (next !== child) {
      copy ??= { ...value }
      copy[key] = next
    }
  }
  const current = copy ?? value
  return visit(current) ?? current
}

/** First `span` found in a subtree, for an error position. */
export function firstSpan (value: unknown): { line: number, column: number } | undefined {
  if (Array.isArray(value)) {
    for (const item of value) {
      const span = firstSpan(item)
      if (span !== undefined) return span
    }
    return undefined
  }
  if (!isObject(value)) return undefined
  const span = value.span
  if (isObject(span) && typeof span.line === 'number' && typeof span.column === 'number') return { line: span.line, column: span.column }
  for (const key in value) {
    if (key === 'inferred_type') continue
    const found = firstSpan(value[key])
    if (found !== undefined) return found
  }
  return undefined
}

/** A generic function call node, with every field polyglot's generator requires. */
export function functionNode (name: string, args: readonly AstNode[]): AstNode {
  return { function: { name, args, distinct: false, use_bracket_syntax: false, no_parens: false, quoted: false } }
}

export function stringLiteral (value: string): AstNode {
  return { literal: { literal_type: 'string', value } }
}

/** The string value of a string literal node, else undefined. */
export function stringValue (node: AstNode | undefined): string | undefined {
  if (node === undefined || nodeType(node) !== 'literal') return undefined
  const data = nodeData(node)
  return data.literal_type === 'string' && typeof data.value === 'string' ? data.value : undefined
}

/** The column name when `node` is an unqualified column reference. */
export function columnName (node: unknown): string | undefined {
  if (nodeType(node) !== 'column') return undefined
  const data = nodeData(node as AstNode)
  if (data.table !== null && data.table !== undefined) return undefined
  const name = data.name as { name?: unknown } | undefined
  return typeof name?.name === 'string' ? name.name : undefined
}
