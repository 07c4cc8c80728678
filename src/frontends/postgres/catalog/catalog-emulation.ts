/**
 * Answers pg_catalog and information_schema queries from the routed engine's own metadata when
 * the engine cannot answer them itself.
 */
import type { Plan } from '../statement-planner.ts'
import type { SessionState } from '../session-state.ts'

export interface CatalogEmulation {
  /** A plan that answers `sql` from metadata, or undefined to send it to the engine. */
  plan (sql: string, state: SessionState): Plan | undefined
}

export const NO_CATALOG_EMULATION: CatalogEmulation = { plan: () => undefined }
