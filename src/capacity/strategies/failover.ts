/**
 * `failover`: the member with the lowest `priority` number that can take the query; members
 * of equal priority in member order. Traffic moves to the next priority only while every
 * better one is unhealthy, disabled, has its circuit open, or is at its own limit.
 */
import type { Candidate, SelectionStrategy } from './selection-strategy.ts'

export class FailoverStrategy implements SelectionStrategy {
  pick (candidates: readonly Candidate[]): Candidate {
    let best = candidates[0]!
    for (const candidate of candidates) {
      if (candidate.priority < best.priority || (candidate.priority === best.priority && candidate.index < best.index)) best = candidate
    }
    return best
  }
}
