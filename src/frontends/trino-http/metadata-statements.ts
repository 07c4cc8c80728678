/**
 * Metadata statements that Trino drivers and BI tools send, answered from the routed engine's
 * EngineMetadata when that engine cannot answer them itself (DuckDB has information_schema but
 * no `system.jdbc` and another SHOW syntax). Recognised:
 *
 * - `SHOW CATALOGS [LIKE p [ESCAPE e]]`
 * - `SHOW SCHEMAS [FROM|IN catalog] [LIKE p [ESCAPE e]]`
 * - `SHOW TABLES [FROM|IN [catalog.]schema] [LIKE p [ESCAPE e]]`
 * - `SHOW COLUMNS FROM|IN table [LIKE p [ESCAPE e]]`, `DESCRIBE table`, `DESC table`
 * - `SELECT cols|* FROM system.jdbc.<table> | [catalog.]information_schema.<table>
 *    [WHERE …] [ORDER BY …] [LIMIT n]` over the tables of metadata-tables.ts, where WHERE may
 *   use AND/OR/NOT, =, <>, <, >, <=, >=, [NOT] LIKE … [ESCAPE …], [NOT] IN (…), IS [NOT] NULL
 *   on columns and literals (exactly what TrinoDatabaseMetaData writes).
 *
 * Anything else, or a SELECT this grammar cannot read, goes to the engine unchanged.
 */
import { errors } from '../../core/errors.ts'
import { T } from '../../core/logical-type.ts'
import type { Column } from '../../core/query-result.ts'
import type { SessionContext } from '../../core/query-request.ts'
import type { ColumnRef, EngineMetadata, EngineType } from '../../engines/engine-adapter.ts'
import { TokenCursor } from './sql-scanner.ts'
import type { Identifier } from './sql-scanner.ts'
import { canonical, parseLike } from './session-statements.ts'
import { VIRTUAL_TABLES } from './metadata-tables.ts'
import type { PushdownFilter, VirtualTable } from './metadata-tables.ts'
import { compareValues, evaluate, parseExpression, pushdownOf } from './metadata-expression.ts'
import type { Expression } from './metadata-expression.ts'

export interface MetadataAnswer {
  readonly columns: readonly Column[]
  readonly rows: readonly unknown[][]
}

export interface MetadataStatement {
  readonly kind: 'showCatalogs' | 'showSchemas' | 'showTables' | 'showColumns' | 'select'
  /** True when an engine of this type answers the statement itself (it then runs there). */
  isNativeTo (engine: EngineType): boolean
  answer (metadata: EngineMetadata, signal: AbortSignal): Promise<MetadataAnswer>
}

/** Engines without an information_schema of their own (ClickHouse before 21.11). */
const WITHOUT_INFORMATION_SCHEMA: ReadonlySet<EngineType> = new Set(['clickHouse'])
const onlyTrino = (engine: EngineType): boolean => engine === 'trino'

export function parseMetadataStatement (sql: string, session: SessionContext): MetadataStatement | undefined {
  const c = new TokenCursor(sql)
  try {
    const statement = c.isWord('SELECT') ? parseSelect(c, session) : parseShow(c, session)
    return statement !== undefined && c.isAtEnd ? statement : undefined
  } catch {
    // Not in this grammar: the engine gets the statement and reports on it.
    return undefined
  }
}

const varcharColumns = (...names: string[]): Column[] => names.map((name) => ({ name, type: T.varchar }))

function parseShow (c: TokenCursor, session: SessionContext): MetadataStatement | undefined {
  if (c.tryWords('SHOW', 'CATALOGS')) {
    const like = parseLike(c)
    return {
      kind: 'showCatalogs',
      isNativeTo: onlyTrino,
      answer: async (metadata, signal) => ({
        columns: varcharColumns('Catalog'),
        rows: (await metadata.listCatalogs(signal)).filter((name) => like?.test(name) ?? true).sort().map((name) => [name]),
      }),
    }
  }
  if (c.tryWords('SHOW', 'SCHEMAS')) {
    const catalog = c.tryWords('FROM') || c.tryWords('IN') ? canonical(c.identifier()) : session.catalog
    const like = parseLike(c)
    return {
      kind: 'showSchemas',
      isNativeTo: onlyTrino,
      answer: async (metadata, signal) => ({
        columns: varcharColumns('Schema'),
        rows: distinct((await metadata.listSchemas(catalog, signal)).map((s) => s.schema)).filter((name) => like?.test(name) ?? true).sort().map((name) => [name]),
      }),
    }
  }
  if (c.tryWords('SHOW', 'TABLES')) {
    const parts = c.tryWords('FROM') || c.tryWords('IN') ? c.qualifiedName() : []
    if (parts.length > 2) return undefined
    const filter = parts.length === 0
      ? withDefined({ catalog: session.catalog, schema: session.schema })
      : withDefined({ catalog: parts.length === 2 ? parts[0]!.name : session.catalog, schema: parts[parts.length - 1]!.name })
    const like = parseLike(c)
    return {
      kind: 'showTables',
      isNativeTo: onlyTrino,
      answer: async (metadata, signal) => ({
        columns: varcharColumns('Table'),
        rows: distinct((await metadata.listTables(filter, signal)).map((t) => t.name)).filter((name) => like?.test(name) ?? true).sort().map((name) => [name]),
      }),
    }
  }
  let parts: Identifier[] | undefined
  if (c.tryWords('SHOW', 'COLUMNS')) {
    if (!(c.tryWords('FROM') || c.tryWords('IN'))) return undefined
    parts = c.qualifiedName()
  } else if (c.tryWords('DESCRIBE') || c.tryWords('DESC')) {
    if (c.isWord('INPUT') || c.isWord('OUTPUT')) return undefined
    parts = c.qualifiedName()
  }
  if (parts === undefined || parts.length > 3) return undefined
  const table = parts
  const like = parseLike(c)
  return {
    kind: 'showColumns',
    isNativeTo: onlyTrino,
    answer: async (metadata, signal) => ({
      columns: varcharColumns('Column', 'Type', 'Extra', 'Comment'),
      rows: (await describe(metadata, table, session, signal)).filter((col) => like?.test(col.name) ?? true).map((col) => [col.name, col.type, '', '']),
    }),
  }
}

/** The columns of one table, resolved like Trino resolves `[catalog.][schema.]table`. */
async function describe (metadata: EngineMetadata, parts: readonly Identifier[], session: SessionContext, signal: AbortSignal): Promise<ColumnRef[]> {
  const table = parts[parts.length - 1]!
  const schema = parts.length >= 2 ? parts[parts.length - 2] : undefined
  const catalog = parts.length === 3 ? parts[0] : undefined
  const filter = withDefined({ catalog: catalog?.name ?? session.catalog, schema: schema?.name ?? session.schema, table: table.name })
  const matches = (id: Identifier | undefined, value: string): boolean => id === undefined || (id.isQuoted ? id.name === value : id.name.toLowerCase() === value.toLowerCase())
  const found = (await metadata.listColumns(filter, signal)).filter((col) => matches(table, col.table) && matches(schema, col.schema) && matches(catalog, col.catalog))
  const first = found[0]
  if (first === undefined) {
    const name = parts.map((p) => p.name).join('.')
    throw errors.engineError(`Table '${name}' does not exist`, undefined, { engineErrorKind: 'undefinedTable' })
  }
  // The same name in several schemas: the first one the engine lists wins, as a search path would.
  return found.filter((col) => col.catalog === first.catalog && col.schema === first.schema && col.table === first.table).sort((a, b) => a.ordinal - b.ordinal)
}

/** `*`, a column, or NULL (JDBC's getProcedures selects `null` placeholders). */
type SelectItem =
  | { readonly kind: 'star' }
  | { readonly kind: 'null', readonly alias?: string }
  | { readonly kind: 'column', readonly column: string, readonly alias?: string }
interface OrderItem { readonly column?: string, readonly ordinal?: number, readonly descending: boolean, readonly nullsFirst: boolean }

function parseSelect (c: TokenCursor, session: SessionContext): MetadataStatement | undefined {
  c.expectWord('SELECT')
  const items: SelectItem[] = []
  do {
    if (c.tryPunct('*')) { items.push({ kind: 'star' }); continue }
    const column = c.tryWords('NULL') ? undefined : canonical(c.identifier())
    const hasAlias = c.tryWords('AS') || (c.peek()?.kind === 'word' && !c.isWord('FROM'))
    const alias = hasAlias ? { alias: canonical(c.identifier()) } : {}
    items.push(column === undefined ? { kind: 'null', ...alias } : { kind: 'column', column, ...alias })
  } while (c.tryPunct(','))
  c.expectWord('FROM')
  const name = c.qualifiedName().map(canonical)
  const resolved = resolveTable(name, session)
  if (resolved === undefined) return undefined
  const where = c.tryWords('WHERE') ? parseExpression(c) : undefined
  const order: OrderItem[] = []
  if (c.tryWords('ORDER', 'BY')) {
    do {
      const token = c.peek()
      const ordinal = token?.kind === 'number' ? Number(c.next()!.value) : undefined
      const column = ordinal === undefined ? canonical(c.identifier()) : undefined
      const descending = c.tryWords('DESC')
      if (!descending) c.tryWords('ASC')
      const nullsFirst = c.tryWords('NULLS', 'FIRST')
      if (!nullsFirst) c.tryWords('NULLS', 'LAST')
      order.push({ ...(column === undefined ? {} : { column }), ...(ordinal === undefined ? {} : { ordinal }), descending, nullsFirst })
    } while (c.tryPunct(','))
  }
  let limit: number | undefined
  if (c.tryWords('LIMIT')) {
    const token = c.next()
    if (token?.kind !== 'number' || !/^\d+$/.test(token.value)) return undefined
    limit = Number(token.value)
  }
  const { key, table, catalog } = resolved
  return {
    kind: 'select',
    isNativeTo: (engine) => key.startsWith('information_schema.') ? !WITHOUT_INFORMATION_SCHEMA.has(engine) : engine === 'trino',
    answer: async (metadata, signal) => await runSelect({ table, items, where, order, limit, catalog }, metadata, signal),
  }
}

function resolveTable (name: string[], session: SessionContext): { key: string, table: VirtualTable, catalog?: string } | undefined {
  if (name.length === 3 && name[0] === 'system' && name[1] === 'jdbc') {
    const key = `jdbc.${name[2]}`
    const table = VIRTUAL_TABLES[key]
    return table === undefined ? undefined : { key, table }
  }
  const schemaAt = name.length - 2
  if (schemaAt < 0 || schemaAt > 1 || name[schemaAt] !== 'information_schema') return undefined
  const key = `information_schema.${name[schemaAt + 1]}`
  const table = VIRTUAL_TABLES[key]
  if (table === undefined) return undefined
  const catalog = schemaAt === 1 ? name[0] : session.catalog
  return catalog === undefined ? { key, table } : { key, table, catalog }
}

interface SelectPlan {
  readonly table: VirtualTable
  readonly items: readonly SelectItem[]
  readonly where?: Expression | undefined
  readonly order: readonly OrderItem[]
  readonly limit?: number | undefined
  readonly catalog?: string | undefined
}

async function runSelect (plan: SelectPlan, metadata: EngineMetadata, signal: AbortSignal): Promise<MetadataAnswer> {
  const { table } = plan
  const names = table.columns.map((col) => col.name)
  const indexOf = (name: string): number => {
    const i = names.indexOf(name.toLowerCase())
    if (i < 0) throw errors.engineError(`Column '${name}' cannot be resolved`, undefined, { engineErrorKind: 'undefinedColumn' })
    return i
  }
  const where = plan.where
  const filter: PushdownFilter = where === undefined ? {} : pushdownOf(where, table.pushdown)
  if (plan.catalog !== undefined && table.pushdown.catalog !== undefined) filter.catalog = plan.catalog
  const catalogIndex = table.pushdown.catalog === undefined ? -1 : indexOf(table.pushdown.catalog)
  let rows = (await table.rows(metadata, filter, signal))
    .filter((row) => (plan.catalog === undefined || catalogIndex < 0 || row[catalogIndex] === plan.catalog) && (where === undefined || evaluate(where, row, indexOf) === true))
  const projection = plan.items.flatMap((item): Array<{ index: number, name: string }> => {
    if (item.kind === 'star') return names.map((name, index) => ({ index, name }))
    if (item.kind === 'null') return [{ index: -1, name: item.alias ?? '' }]
    return [{ index: indexOf(item.column), name: item.alias ?? item.column }]
  })
  const sortKeys = plan.order.map((item) => {
    if (item.ordinal === undefined) return { ...item, index: indexOf(item.column!) }
    const picked = projection[item.ordinal - 1]
    if (picked === undefined || picked.index < 0) throw errors.badRequest(`ORDER BY position ${item.ordinal} is not in the select list`)
    return { ...item, index: picked.index }
  })
  if (sortKeys.length > 0) {
    rows = rows.slice().sort((a, b) => {
      for (const key of sortKeys) {
        const x = a[key.index]
        const y = b[key.index]
        if (x === null || y === null) {
          if (x === y) continue
          return (x === null) === key.nullsFirst ? -1 : 1
        }
        const order = compareValues(x, y)
        if (order !== 0) return key.descending ? -order : order
      }
      return 0
    })
  }
  if (plan.limit !== undefined) rows = rows.slice(0, plan.limit)
  return {
    columns: projection.map((item, i) => ({ name: item.name === '' ? `_col${i}` : item.name, type: item.index < 0 ? T.unknown : table.columns[item.index]!.type })),
    rows: rows.map((row) => projection.map((item) => item.index < 0 ? null : row[item.index])),
  }
}

function distinct (values: string[]): string[] {
  return [...new Set(values)]
}

function withDefined (filter: { catalog?: string | undefined, schema?: string | undefined, table?: string | undefined }): PushdownFilter {
  const out: PushdownFilter = {}
  if (filter.catalog !== undefined) out.catalog = filter.catalog
  if (filter.schema !== undefined) out.schema = filter.schema
  if (filter.table !== undefined) out.table = filter.table
  return out
}
