/**
 * How a group picks one cluster for a query. The group hands the strategy only clusters that
 * may take the query now (enabled, healthy, circuit not open, below their own limit, not
 * excluded by a retry), in member order; the strategy chooses among them.
 */
export interface Candidate {
  readonly name: string
  /** Position in the group's `members` list. */
  readonly index: number
  /** Queries running on the cluster now (across every group it belongs to). */
  readonly running: number
  /** The cluster's own running-query limit, or the group's when it has none. */
  readonly limit: number
  readonly weight: number
  readonly priority: number
}

export interface SelectionStrategy {
  /** Chooses one of `candidates` (never empty) and updates the strategy's own state. */
  pick (candidates: readonly Candidate[]): Candidate
}

export type StrategyName = 'roundRobin' | 'leastLoaded' | 'failover' | 'weighted'
