/**
 * Passive failure tracking for one cluster, fed by Lease.release outcomes. Closed: queries flow.
 * After `failureThreshold` consecutive engine failures (the cluster itself failed: unreachable,
 * died; never a query's own SQL error) it opens and the cluster receives nothing. After
 * `coolDownMs` it is half-open: one trial query at a time may go; an answer (success or a
 * query error) closes it, another engine failure opens it again for a new cool-down.
 */
import type { LeaseOutcome } from './lease.ts'

export type CircuitState = 'closed' | 'open' | 'halfOpen'

export interface CircuitBreakerOptions {
  /** Consecutive engine failures that open the circuit. Default 5. */
  readonly failureThreshold?: number
  /** How long an open circuit stays open before a trial query. Default 30 s. */
  readonly coolDownMs?: number
  /** Monotonic clock in ms (tests pass their own). */
  readonly now?: () => number
}

/** What a recorded outcome changed. */
export type CircuitTransition = 'opened' | 'closed' | undefined

export class CircuitBreaker {
  readonly failureThreshold: number
  readonly coolDownMs: number
  readonly #now: () => number
  #consecutiveFailures = 0
  #openedAt: number | undefined
  #isTrialInFlight = false

  constructor (options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 5)
    this.coolDownMs = Math.max(0, options.coolDownMs ?? 30_000)
    this.#now = options.now ?? (() => performance.now())
  }

  get state (): CircuitState {
    if (this.#openedAt === undefined) return 'closed'
    return this.#now() - this.#openedAt >= this.coolDownMs ? 'halfOpen' : 'open'
  }

  get consecutiveFailures (): number {
    return this.#consecutiveFailures
  }

  /** Milliseconds until an open circuit turns half-open (0 when not open). */
  get remainingOpenMs (): number {
    if (this.#openedAt === undefined) return 0
    return Math.max(0, this.#openedAt + this.coolDownMs - this.#now())
  }

  /** Whether a new query may be sent now: closed, or half-open with no trial in flight. */
  canAdmit (): boolean {
    const state = this.state
    return state === 'closed' || (state === 'halfOpen' && !this.#isTrialInFlight)
  }

  /** Call when a query is sent to the cluster; in half-open state it becomes the trial. */
  admitted (): void {
    if (this.state === 'halfOpen') this.#isTrialInFlight = true
  }

  record (outcome: LeaseOutcome): CircuitTransition {
    const state = this.state
    if (outcome === 'cancelled') {
      // Says nothing about the cluster; a cancelled trial lets the next query try.
      if (state === 'halfOpen') this.#isTrialInFlight = false
      return undefined
    }
    if (outcome === 'engineFailure') {
      this.#consecutiveFailures++
      if (state === 'halfOpen' || (state === 'closed' && this.#consecutiveFailures >= this.failureThreshold)) {
        this.#openedAt = this.#now()
        this.#isTrialInFlight = false
        return 'opened'
      }
      return undefined
    }
    this.#consecutiveFailures = 0
    if (state === 'closed') return undefined
    // The cluster answered: an open circuit closes early too (a query admitted before it opened).
    this.#openedAt = undefined
    this.#isTrialInFlight = false
    return 'closed'
  }
}
