/**
 * The routed engine's metadata (EngineMetadata: schemas, tables, columns) as the rows of
 * pg_namespace, pg_class and pg_attribute, with OIDs that stay the same between snapshots (a
 * hash of the object's name), because psql looks a table up by name and then asks about it by
 * OID in the next query.
 */
import { parseType } from '../../../core/logical-type.ts'
import type { ColumnRef, EngineMetadata, TableRef } from '../../../engines/engine-adapter.ts'
import { pgColumnType } from '../type-map.ts'
import { CatalogOid } from './catalog-ddl.ts'

export interface NamespaceRow { readonly oid: number, readonly name: string }
export interface RelationRow { readonly oid: number, readonly name: string, readonly namespace: number, readonly kind: 'r' | 'v', readonly columnCount: number }
export interface AttributeRow {
  readonly relation: number
  readonly name: string
  readonly type: number
  readonly typmod: number
  readonly typlen: number
  readonly num: number
  readonly notNull: boolean
}

export interface CatalogSnapshot {
  readonly catalogs: readonly string[]
  readonly namespaces: readonly NamespaceRow[]
  readonly relations: readonly RelationRow[]
  readonly attributes: readonly AttributeRow[]
}

/** Schemas an engine reports that the emulation provides itself. */
const OWN_SCHEMAS = new Set(['pg_catalog', 'information_schema'])

/** FNV-1a, folded into the range above PostgreSQL's fixed OIDs. */
function stableOid (key: string, taken: Set<number>): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  let oid = 100_000 + (hash % 1_000_000_000)
  while (taken.has(oid)) oid++
  taken.add(oid)
  return oid
}

export async function loadSnapshot (metadata: EngineMetadata, database: string, signal: AbortSignal): Promise<CatalogSnapshot> {
  const [catalogs, schemas, tables, columns] = await Promise.all([
    metadata.listCatalogs(signal).catch(() => [] as string[]),
    metadata.listSchemas(undefined, signal),
    metadata.listTables({}, signal),
    metadata.listColumns({}, signal),
  ])
  const catalog = chooseCatalog(database, [...schemas.map((s) => s.catalog), ...tables.map((t) => t.catalog)])
  const inCatalog = <T extends { catalog: string }>(rows: readonly T[]): T[] => rows.filter((r) => catalog === undefined || r.catalog === catalog)
  return buildSnapshot(catalogs, inCatalog(schemas).map((s) => s.schema), inCatalog(tables), inCatalog(columns))
}

/** The session's database when the engine has a catalog of that name, else the catalog most tables are in. */
function chooseCatalog (database: string, catalogs: readonly string[]): string | undefined {
  if (catalogs.includes(database)) return database
  const counts = new Map<string, number>()
  for (const c of catalogs) counts.set(c, (counts.get(c) ?? 0) + 1)
  let best: string | undefined
  for (const [c, n] of counts) if (best === undefined || n > counts.get(best)!) best = c
  return best
}

export function buildSnapshot (catalogs: readonly string[], schemaNames: readonly string[], tables: readonly TableRef[], columns: readonly ColumnRef[]): CatalogSnapshot {
  const taken = new Set<number>()
  const namespaces = new Map<string, NamespaceRow>()
  const addNamespace = (name: string): NamespaceRow => {
    let row = namespaces.get(name)
    if (row === undefined) {
      row = { oid: name === 'public' ? CatalogOid.publicNamespace : stableOid(`n:${name}`, taken), name }
      namespaces.set(name, row)
    }
    return row
  }
  for (const name of schemaNames) if (!OWN_SCHEMAS.has(name)) addNamespace(name)
  const columnsByTable = new Map<string, ColumnRef[]>()
  for (const column of columns) {
    const key = `${column.schema}.${column.table}`
    let list = columnsByTable.get(key)
    if (list === undefined) columnsByTable.set(key, list = [])
    list.push(column)
  }
  const relations: RelationRow[] = []
  const attributes: AttributeRow[] = []
  const seen = new Set<string>()
  for (const table of tables) {
    if (OWN_SCHEMAS.has(table.schema)) continue
    const key = `${table.schema}.${table.name}`
    if (seen.has(key)) continue
    seen.add(key)
    const namespace = addNamespace(table.schema)
    const oid = stableOid(`r:${key}`, taken)
    const tableColumns = (columnsByTable.get(key) ?? []).sort((a, b) => a.ordinal - b.ordinal)
    relations.push({ oid, name: table.name, namespace: namespace.oid, kind: table.type === 'VIEW' ? 'v' : 'r', columnCount: tableColumns.length })
    tableColumns.forEach((column, index) => {
      const codec = pgColumnType(parseColumnType(column.type))
      attributes.push({ relation: oid, name: column.name, type: codec.oid, typmod: codec.typmod, typlen: codec.typlen, num: index + 1, notNull: !column.nullable })
    })
  }
  return { catalogs, namespaces: [...namespaces.values()], relations, attributes }
}

function parseColumnType (text: string): ReturnType<typeof parseType> {
  try {
    return parseType(text)
  } catch {
    return { kind: 'unknown' }
  }
}
