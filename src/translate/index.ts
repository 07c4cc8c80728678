/** Translation: source dialect → engine dialect, cached, off the event loop when configured. */
import { PolyglotTranslator } from './polyglot-translator.ts'
import type { TranslatorStats } from './polyglot-translator.ts'
import type { Translator } from './translator.ts'

export type { Translation, Translator } from './translator.ts'
export type { TranslatorStats } from './polyglot-translator.ts'

export interface TranslatorOptions {
  /** `translation.cacheSize`: translations kept in the LRU; 0 disables the cache. */
  readonly cacheSize: number
  /** `translation.workerThreads`: worker threads running polyglot; 0 = on the event loop thread. */
  readonly workerThreads: number
}

export interface ManagedTranslator extends Translator {
  /** Stops the workers; translations after close fail with SHUTTING_DOWN. */
  close (): Promise<void>
  stats (): TranslatorStats
}

export async function createTranslator (options: TranslatorOptions): Promise<ManagedTranslator> {
  return await PolyglotTranslator.create(options)
}
