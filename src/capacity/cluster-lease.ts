/** The Lease handed out by CapacityManager: frees its slot on the first release, ignores the rest. */
import type { EngineAdapter } from '../engines/engine-adapter.ts'
import type { Lease, LeaseOutcome } from './lease.ts'

export class ClusterLease implements Lease {
  readonly group: string
  readonly cluster: string
  readonly adapter: EngineAdapter
  readonly queuedMs: number
  #onRelease: ((outcome: LeaseOutcome) => void) | undefined

  constructor (group: string, cluster: string, adapter: EngineAdapter, queuedMs: number, onRelease: (outcome: LeaseOutcome) => void) {
    this.group = group
    this.cluster = cluster
    this.adapter = adapter
    this.queuedMs = queuedMs
    this.#onRelease = onRelease
  }

  get isReleased (): boolean {
    return this.#onRelease === undefined
  }

  release (outcome: LeaseOutcome): void {
    const onRelease = this.#onRelease
    if (onRelease === undefined) return
    this.#onRelease = undefined
    onRelease(outcome)
  }
}
