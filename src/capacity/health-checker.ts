/**
 * Active health checks: calls each cluster's `adapter.checkHealth` every `intervalMs`, bounded by
 * `timeoutMs` (an adapter that ignores its signal still counts as failed when the time is up),
 * and reports each result. Checks of one cluster never overlap: the next is scheduled when the
 * last one ends. Timers are unref'd so checks never keep the process alive.
 */
import type { EngineAdapter } from '../engines/engine-adapter.ts'

export interface HealthCheckTarget {
  readonly name: string
  readonly adapter: EngineAdapter
}

export interface HealthCheckResult {
  readonly isOk: boolean
  readonly detail: string
  /** Epoch ms. */
  readonly checkedAt: number
}

export interface HealthCheckerOptions<T extends HealthCheckTarget = HealthCheckTarget> {
  /** Time between the end of one check and the start of the next. Default 10 s. */
  readonly intervalMs?: number
  /** A check that takes longer fails. Default: the smaller of 5 s and the interval. */
  readonly timeoutMs?: number
  /** Must not throw (a throw is dropped; checks go on). */
  readonly onResult: (target: T, result: HealthCheckResult) => void
}

export class HealthChecker<T extends HealthCheckTarget = HealthCheckTarget> {
  readonly intervalMs: number
  readonly timeoutMs: number
  readonly #targets: readonly T[]
  readonly #onResult: HealthCheckerOptions<T>['onResult']
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #inFlight = new Set<Promise<void>>()
  #stopper: AbortController | undefined

  constructor (targets: readonly T[], options: HealthCheckerOptions<T>) {
    this.#targets = targets
    this.intervalMs = Math.max(1, options.intervalMs ?? 10_000)
    this.timeoutMs = Math.max(1, options.timeoutMs ?? Math.min(5_000, this.intervalMs))
    this.#onResult = options.onResult
  }

  get isRunning (): boolean {
    return this.#stopper !== undefined
  }

  /** Checks every target now, then every interval. Calling it twice does nothing more. */
  start (): void {
    if (this.#stopper !== undefined) return
    const stopper = new AbortController()
    this.#stopper = stopper
    for (const target of this.#targets) this.#run(target, stopper.signal)
  }

  /** Stops scheduling, aborts checks in flight and waits for them to end. */
  async stop (): Promise<void> {
    const stopper = this.#stopper
    if (stopper === undefined) return
    this.#stopper = undefined
    stopper.abort()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    await Promise.allSettled(this.#inFlight)
  }

  /** One check of one target, without scheduling (also used by tests and the admin API). */
  async check (target: HealthCheckTarget, stop?: AbortSignal): Promise<HealthCheckResult> {
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const signal = stop === undefined ? timeout : AbortSignal.any([timeout, stop])
    let onAbort: (() => void) | undefined
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => { reject(new Error(timeout.aborted ? `health check timed out after ${this.timeoutMs} ms` : 'health checks stopped')) }
      signal.addEventListener('abort', onAbort, { once: true })
    })
    try {
      const status = await Promise.race([target.adapter.checkHealth(signal), aborted])
      return { isOk: status.healthy, detail: status.detail, checkedAt: Date.now() }
    } catch (error) {
      return { isOk: false, detail: error instanceof Error ? error.message : String(error), checkedAt: Date.now() }
    } finally {
      signal.removeEventListener('abort', onAbort!)
      aborted.catch(() => {})
    }
  }

  #run (target: T, stop: AbortSignal): void {
    const done = this.check(target, stop).then((result) => {
      if (stop.aborted) return
      try {
        this.#onResult(target, result)
      } finally {
        this.#schedule(target, stop)
      }
    })
    this.#inFlight.add(done)
    done.catch(() => {}).finally(() => this.#inFlight.delete(done))
  }

  #schedule (target: T, stop: AbortSignal): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      if (!stop.aborted) this.#run(target, stop)
    }, this.intervalMs)
    timer.unref()
    this.#timers.add(timer)
  }
}
