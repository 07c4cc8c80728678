/**
 * Translation with the target engine's schema: the tables the statement reads
 * (Translator.tablesOf), their column types from the engine's metadata (TableSchemaCache), then
 * Translator.translate with them, so that type-keyed rules see columns as well as literals
 * (integer division of two integer columns truncates on MariaDB as it does on Trino).
 *
 * Shared by QueryService and the translation corpus (test/corpus/runner.ts).
 */
import { abortReason } from '../core/cancellation.ts'
import type { Dialect } from '../core/dialect.ts'
import type { EngineMetadata } from '../engines/engine-adapter.ts'
import type { Logger } from '../observability/logger.ts'
import type { TableSchema, Translation, Translator } from '../translate/translator.ts'
import type { SchemaSession, TableSchemaCache } from './table-schema-cache.ts'

export interface SchemaAwareTranslation {
  readonly translator: Translator
  readonly schemas: TableSchemaCache
  /** The metadata of the engine the statement will run on. */
  readonly metadata: EngineMetadata
  readonly session: SchemaSession
  readonly signal: AbortSignal
  readonly logger?: Logger
}

/**
 * Same dialect: the translator's identity (no parse, no lookup). Otherwise the schema lookup
 * never fails the query: a statement that does not parse is translated without a schema (the
 * translator then reports it with its position), a lookup that fails yields no schema.
 * Rejects with the translator's errors, or CANCELLED when `signal` fires.
 */
export async function translateForEngine (sql: string, from: Dialect, to: Dialect, options: SchemaAwareTranslation): Promise<Translation> {
  const { translator } = options
  if (from === to) return await translator.translate(sql, from, to)
  let tables: TableSchema[] = []
  try {
    const names = await translator.tablesOf(sql, from)
    tables = await options.schemas.tablesFor(options.metadata, names, options.session, options.signal)
  } catch (error) {
    if (options.signal.aborted) throw abortReason(options.signal)
    options.logger?.debug({ err: error instanceof Error ? error.message : String(error) }, 'no table schema for translation')
  }
  return await translator.translate(sql, from, to, { tables })
}
