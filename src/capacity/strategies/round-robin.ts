/** `roundRobin`: members in turn; a member that cannot take the query now is skipped. */
import type { Candidate, SelectionStrategy } from './selection-strategy.ts'

export class RoundRobinStrategy implements SelectionStrategy {
  readonly #memberCount: number
  #next = 0

  constructor (memberCount: number) {
    this.#memberCount = Math.max(1, memberCount)
  }

  pick (candidates: readonly Candidate[]): Candidate {
    let best = candidates[0]!
    let bestDistance = Infinity
    for (const candidate of candidates) {
      // Distance from the member whose turn it is, going round the member list.
      const distance = (candidate.index - this.#next + this.#memberCount) % this.#memberCount
      if (distance < bestDistance) { best = candidate; bestDistance = distance }
    }
    this.#next = (best.index + 1) % this.#memberCount
    return best
  }
}
