/**
 * `leastLoaded`: the member with the lowest share of its limit in use (running / limit), so a
 * cluster allowed 40 queries takes more than one allowed 10. Ties go round the members in turn,
 * so idle clusters share the load instead of the first one taking everything.
 */
import type { Candidate, SelectionStrategy } from './selection-strategy.ts'

export class LeastLoadedStrategy implements SelectionStrategy {
  readonly #memberCount: number
  #next = 0

  constructor (memberCount: number) {
    this.#memberCount = Math.max(1, memberCount)
  }

  pick (candidates: readonly Candidate[]): Candidate {
    let best = candidates[0]!
    for (const candidate of candidates.slice(1)) {
      // Compare running/limit by cross-multiplying: exact, and safe for Infinity-free limits.
      const byLoad = candidate.running * best.limit - best.running * candidate.limit
      if (byLoad < 0 || (byLoad === 0 && this.#turn(candidate) < this.#turn(best))) best = candidate
    }
    this.#next = (best.index + 1) % this.#memberCount
    return best
  }

  #turn (candidate: Candidate): number {
    return (candidate.index - this.#next + this.#memberCount) % this.#memberCount
  }
}
