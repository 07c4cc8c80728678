import type { EngineAdapter } from '../engines/engine-adapter.ts'

/** A running-query slot on one cluster. Release exactly once; extra calls are ignored. */
export interface Lease {
  readonly group: string
  readonly cluster: string
  readonly adapter: EngineAdapter
  /** Milliseconds spent waiting in the queue. */
  readonly queuedMs: number
  /** Report the query's outcome (feeds passive health tracking) and free the slot. */
  release (outcome: LeaseOutcome): void
}

/** `engineFailure` means the cluster itself failed (unreachable, died), not the query's SQL. */
export type LeaseOutcome = 'success' | 'queryError' | 'engineFailure' | 'cancelled'
