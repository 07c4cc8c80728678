/**
 * Column types of the tables a statement reads, from the engine's own metadata, for
 * schema-aware translation (Translator.translate's `tables`).
 *
 * A lookup never fails a query: a metadata call that errors or takes longer than
 * `lookupTimeoutMs` means "translate without this table's schema" (logged at debug), which is
 * what translation did before schemas existed. Entries live `ttlMs` (a changed table is seen
 * within that time), failures a shorter while, in a bounded LRU. Concurrent lookups of one table
 * share one metadata call; a query cancelled while waiting stops waiting at once, and the shared
 * call ends by its own timeout.
 */
import { untilAborted } from '../core/cancellation.ts'
import type { ColumnRef, EngineMetadata } from '../engines/engine-adapter.ts'
import type { Logger } from '../observability/logger.ts'
import type { TableName, TableSchema } from '../translate/translator.ts'

export interface TableSchemaCacheOptions {
  /** How long a table's columns are reused (`translation.schemaCacheTtlMs`). */
  readonly ttlMs: number
  /** Tables kept, over every cluster; the least recently used go first. */
  readonly maxEntries?: number
  /** A metadata call slower than this is abandoned: that table is translated untyped. */
  readonly lookupTimeoutMs?: number
  readonly logger?: Logger
  /** For tests. */
  readonly now?: () => number
}

/** The session's defaults for unqualified names. */
export interface SchemaSession {
  readonly catalog?: string
  readonly schema?: string
  readonly database?: string
}

interface Entry {
  readonly columns: Promise<readonly ColumnRef[] | undefined>
  expiresAt: number
  /**
   * The TableSchema chosen from `columns`, per statement qualification and session default: built
   * once, so that every query on the table gets the same object (and the translator's
   * fingerprint of it, memoized per object, is computed once too).
   */
  readonly chosen: Map<string, TableSchema | undefined>
}

export const DEFAULT_LOOKUP_TIMEOUT_MS = 2000
const DEFAULT_MAX_ENTRIES = 1000
/** A failed lookup is retried sooner than a good one is refreshed: the engine may be back. */
const FAILURE_TTL_MS = 5000

export class TableSchemaCache {
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #lookupTimeoutMs: number
  readonly #logger: Logger | undefined
  readonly #now: () => number
  /** Insertion order is recency: a hit is deleted and set again. */
  readonly #entries = new Map<string, Entry>()
  /** One id per EngineMetadata object, so that a re-created cluster never sees its predecessor's entries. */
  readonly #ids = new WeakMap<EngineMetadata, number>()
  #nextId = 0
  #calls = 0

  constructor (options: TableSchemaCacheOptions) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES
    this.#lookupTimeoutMs = options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS
    this.#logger = options.logger
    this.#now = options.now ?? Date.now
  }

  /** Entries held now. */
  get size (): number {
    return this.#entries.size
  }

  /** Metadata calls made so far. */
  get metadataCalls (): number {
    return this.#calls
  }

  /**
   * The schemas of `tables` that the engine knows, each with the statement's own qualification.
   * A table that is unknown, ambiguous (an unqualified name in several schemas, none the
   * session's) or whose lookup failed is left out. Rejects only when `signal` fires.
   */
  async tablesFor (metadata: EngineMetadata, tables: readonly TableName[], session: SchemaSession, signal: AbortSignal): Promise<TableSchema[]> {
    if (tables.length === 0) return []
    const lookups = tables.map(async (table) => {
      const entry = this.#entry(metadata, table)
      const columns = await entry.columns
      if (columns === undefined) return undefined
      const key = `${table.catalog ?? ''}\u0000${table.schema ?? ''}\u0000${session.catalog ?? ''}\u0000${session.schema ?? ''}\u0000${session.database ?? ''}`
      if (!entry.chosen.has(key)) {
        const chosen = chooseTable(columns, table, session)
        entry.chosen.set(key, chosen === undefined ? undefined : { ...table, columns: chosen.map((c) => ({ name: c.name, type: c.type })) })
      }
      return entry.chosen.get(key)
    })
    const found = await untilAborted(Promise.all(lookups), signal)
    return found.filter((schema): schema is TableSchema => schema !== undefined)
  }

  clear (): void {
    this.#entries.clear()
  }

  #entry (metadata: EngineMetadata, table: TableName): Entry {
    const key = `${this.#idOf(metadata)}\u0000${table.catalog ?? ''}\u0000${table.schema ?? ''}\u0000${table.name}`
    const now = this.#now()
    const entry = this.#entries.get(key)
    if (entry !== undefined) {
      this.#entries.delete(key)
      if (entry.expiresAt > now) {
        this.#entries.set(key, entry)
        return entry
      }
    }
    const fresh: Entry = { columns: this.#fetch(metadata, table), expiresAt: now + this.#ttlMs, chosen: new Map() }
    // A failure is kept for a shorter time, counted from when it is known.
    void fresh.columns.then((columns) => { if (columns === undefined) fresh.expiresAt = Math.min(fresh.expiresAt, this.#now() + FAILURE_TTL_MS) })
    this.#entries.set(key, fresh)
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest === undefined) break
      this.#entries.delete(oldest)
    }
    return fresh
  }

  async #fetch (metadata: EngineMetadata, table: TableName): Promise<readonly ColumnRef[] | undefined> {
    this.#calls++
    const filter = { ...(table.catalog === undefined ? {} : { catalog: table.catalog }), ...(table.schema === undefined ? {} : { schema: table.schema }), table: table.name }
    try {
      return await metadata.listColumns(filter, AbortSignal.timeout(this.#lookupTimeoutMs))
    } catch (error) {
      this.#logger?.debug({ table: filter, err: error instanceof Error ? error.message : String(error) }, 'table schema lookup failed; translating without it')
      return undefined
    }
  }

  #idOf (metadata: EngineMetadata): number {
    let id = this.#ids.get(metadata)
    if (id === undefined) {
      id = this.#nextId++
      this.#ids.set(metadata, id)
    }
    return id
  }
}

/**
 * The columns of the one table `table` names. listColumns filtered by name may return the table
 * of that name in several catalogs/schemas: a qualified name was already filtered; an
 * unqualified one takes the only match, else the session's schema (or database), else nothing.
 */
function chooseTable (columns: readonly ColumnRef[], table: TableName, session: SchemaSession): ColumnRef[] | undefined {
  const groups = new Map<string, ColumnRef[]>()
  for (const column of columns) {
    if (column.table.toLowerCase() !== table.name.toLowerCase()) continue
    const key = `${column.catalog}\u0000${column.schema}\u0000${column.table}`
    let group = groups.get(key)
    if (group === undefined) groups.set(key, group = [])
    group.push(column)
  }
  const candidates = [...groups.values()]
  if (candidates.length <= 1) return candidates[0]
  const preferred = table.schema ?? session.schema ?? session.database
  const inSchema = candidates.filter((group) => group[0]!.schema === preferred)
  if (inSchema.length === 1) return inSchema[0]
  const inCatalog = inSchema.filter((group) => group[0]!.catalog === (table.catalog ?? session.catalog))
  return inCatalog.length === 1 ? inCatalog[0] : undefined
}
