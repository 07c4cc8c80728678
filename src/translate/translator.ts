import type { Dialect } from '../core/dialect.ts'

/** A table as a statement names it: the parts it wrote, unquoted identifiers folded as the source dialect folds them. */
export interface TableName {
  readonly catalog?: string
  readonly schema?: string
  readonly name: string
}

/**
 * What the engine says a table holds, for type inference. `catalog`/`schema`/`name` are the
 * statement's own qualification (TableName), so that the transpiler matches the reference.
 */
export interface TableSchema extends TableName {
  /** `type` is the Trino display form of the column's LogicalType (EngineMetadata.listColumns, core/logical-type.ts formatType). */
  readonly columns: ReadonlyArray<{ readonly name: string, readonly type: string }>
}

export interface TranslateOptions {
  /** Column types of the tables the statement reads; without them only literals have known types. */
  readonly tables?: readonly TableSchema[]
}

export interface Translation {
  readonly sql: string
  readonly from: Dialect
  readonly to: Dialect
  /** 'identity' when from === to (no work done), 'cached' when served from the cache. */
  readonly outcome: 'identity' | 'translated' | 'cached' | 'passthrough'
  readonly elapsedMs: number
  /** Names of the rewrite rules (docs/translation.md) that changed the statement, when any did. */
  readonly rewrites?: readonly string[]
  /**
   * Per output column of the top-level SELECT, the source dialect's type (Trino display form)
   * where the target cannot produce it (a boolean on MariaDB or ClickHouse comes back as 0/1),
   * else undefined. Absent when no column needs it; service/result-types.ts applies it.
   */
  readonly resultTypes?: readonly (string | undefined)[]
}

/**
 * Turns SQL in one dialect into SQL in another that keeps the source dialect's meaning.
 * Rejects with TRANSLATION_FAILED (with the transpiler's message) when it cannot.
 */
export interface Translator {
  translate (sql: string, from: Dialect, to: Dialect, options?: TranslateOptions): Promise<Translation>
  /** The tables `sql` reads (CTE names left out). Rejects with TRANSLATION_FAILED when it does not parse. */
  tablesOf (sql: string, from: Dialect): Promise<readonly TableName[]>
}
