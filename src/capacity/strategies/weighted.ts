/**
 * `weighted`: smooth weighted round robin, as nginx's upstream module does it
 * (ngx_http_upstream_get_peer): each pick adds every candidate's weight to its running score,
 * takes the highest score and subtracts the total from it. Weights 5:1:1 give a a b a c a a,
 * spread out rather than in bursts. Members that cannot take the query sit the round out.
 */
import type { Candidate, SelectionStrategy } from './selection-strategy.ts'

export class WeightedStrategy implements SelectionStrategy {
  readonly #current = new Map<string, number>()

  pick (candidates: readonly Candidate[]): Candidate {
    let best = candidates[0]!
    let bestScore = -Infinity
    let total = 0
    for (const candidate of candidates) {
      const score = (this.#current.get(candidate.name) ?? 0) + candidate.weight
      this.#current.set(candidate.name, score)
      total += candidate.weight
      if (score > bestScore) { best = candidate; bestScore = score }
    }
    this.#current.set(best.name, bestScore - total)
    return best
  }
}
