/**
 * The tables a statement reads, for the schema lookup that types its columns
 * (service/table-schema-cache.ts). Runs where polyglot is loaded (a translation worker or the
 * in-thread translator).
 */
import type { Dialect } from '../core/dialect.ts'
import { parseStatements, tableNodes } from './polyglot.ts'
import type { AstNode } from './rewrites/ast.ts'
import type { TableName } from './translator.ts'

interface Identifier {
  readonly name?: unknown
  readonly quoted?: unknown
}

/**
 * Dialects that fold unquoted identifiers to lower case (Trino, PostgreSQL, DuckDB, Athena).
 * MySQL and ClickHouse keep the spelling: their table names are case-sensitive on disk.
 */
const FOLDS_TO_LOWER: ReadonlySet<Dialect> = new Set<Dialect>(['trino', 'postgres', 'duckdb', 'athena'])

function part (identifier: unknown, from: Dialect): string | undefined {
  if (typeof identifier !== 'object' || identifier === null) return undefined
  const { name, quoted } = identifier as Identifier
  if (typeof name !== 'string' || name === '') return undefined
  return quoted !== true && FOLDS_TO_LOWER.has(from) ? name.toLowerCase() : name
}

/** Names of the CTEs defined anywhere in the statement, lower-cased. */
function cteNames (value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) cteNames(item, into)
    return into
  }
  if (typeof value !== 'object' || value === null) return into
  for (const [key, child] of Object.entries(value as AstNode)) {
    if (key === 'span' || key === 'inferred_type') continue
    if (key === 'ctes' && Array.isArray(child)) {
      for (const cte of child) {
        const alias = (cte as { alias?: Identifier } | null)?.alias?.name
        if (typeof alias === 'string') into.add(alias.toLowerCase())
      }
    }
    if (typeof child === 'object' && child !== null) cteNames(child, into)
  }
  return into
}

/**
 * Tables the statements of `sql` reference, each once, in order of appearance. An unqualified
 * name that is a CTE's is left out (a CTE shadows a table of its name).
 */
export function tablesOf (sql: string, from: Dialect): TableName[] {
  const seen = new Set<string>()
  const tables: TableName[] = []
  for (const statement of parseStatements(sql, from)) {
    const ctes = cteNames(statement, new Set())
    for (const node of tableNodes(statement)) {
      const table = (node as { table?: Record<string, unknown> }).table
      if (table === undefined) continue
      const name = part(table.name, from)
      if (name === undefined) continue
      const schema = part(table.schema, from)
      const catalog = part(table.catalog, from)
      if (schema === undefined && ctes.has(name.toLowerCase())) continue
      const key = `${catalog ?? ''}\u0000${schema ?? ''}\u0000${name}`
      if (seen.has(key)) continue
      seen.add(key)
      tables.push({ ...(catalog === undefined ? {} : { catalog }), ...(schema === undefined ? {} : { schema }), name })
    }
  }
  return tables
}
