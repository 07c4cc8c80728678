import type { Dialect } from '../core/dialect.ts'

export interface Translation {
  readonly sql: string
  readonly from: Dialect
  readonly to: Dialect
  /** 'identity' when from === to (no work done), 'cached' when served from the cache. */
  readonly outcome: 'identity' | 'translated' | 'cached' | 'passthrough'
  readonly elapsedMs: number
  /** Names of the rewrite rules (docs/translation.md) that changed the statement, when any did. */
  readonly rewrites?: readonly string[]
}

/**
 * Turns SQL in one dialect into SQL in another that keeps the source dialect's meaning.
 * Rejects with TRANSLATION_FAILED (with the transpiler's message) when it cannot.
 */
export interface Translator {
  translate (sql: string, from: Dialect, to: Dialect): Promise<Translation>
}
