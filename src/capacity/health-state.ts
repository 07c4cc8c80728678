/**
 * One cluster's health from active checks, with hysteresis: healthy until `unhealthyThreshold`
 * consecutive failed checks, then unhealthy until `healthyThreshold` consecutive good ones.
 * A cluster starts healthy ("not checked yet"), so QueryFlux serves at once on start; the
 * circuit breaker catches a cluster that is down before its first checks fail.
 */
export interface HealthThresholds {
  /** Consecutive failed checks that mark a healthy cluster unhealthy. Default 3. */
  readonly unhealthyThreshold?: number
  /** Consecutive good checks that mark an unhealthy cluster healthy again. Default 2. */
  readonly healthyThreshold?: number
}

export class HealthState {
  readonly unhealthyThreshold: number
  readonly healthyThreshold: number
  #isHealthy = true
  #detail = 'not checked yet'
  #checkedAt: number | undefined
  #streak = 0

  constructor (thresholds: HealthThresholds = {}) {
    this.unhealthyThreshold = Math.max(1, thresholds.unhealthyThreshold ?? 3)
    this.healthyThreshold = Math.max(1, thresholds.healthyThreshold ?? 2)
  }

  get isHealthy (): boolean { return this.#isHealthy }
  /** The last check's detail (engine version, or why it failed). */
  get detail (): string { return this.#detail }
  /** Epoch ms of the last check. */
  get checkedAt (): number | undefined { return this.#checkedAt }

  /** Records one check; returns true when the cluster's health flipped. */
  record (isOk: boolean, detail: string, checkedAt: number): boolean {
    this.#detail = detail
    this.#checkedAt = checkedAt
    // The streak counts checks that disagree with the current state.
    if (isOk === this.#isHealthy) { this.#streak = 0; return false }
    this.#streak++
    if (this.#streak < (isOk ? this.healthyThreshold : this.unhealthyThreshold)) return false
    this.#isHealthy = isOk
    this.#streak = 0
    return true
  }
}
