/**
 * A bounded FIFO of waiters for a capacity slot, each with a wait limit and an AbortSignal.
 *
 * Storage is a power-of-two ring buffer that grows by doubling, after undici's
 * lib/dispatcher/fixed-queue.js (itself from Node's internal/fixed_queue). A waiter that leaves
 * early (cancelled, timed out) is settled at once (its promise rejects, its timer and abort
 * listener are removed) and its slot is skipped lazily when the scan reaches it; the buffer is
 * compacted when dead slots outnumber live ones, so memory stays O(live waiters).
 *
 * The queue never takes capacity itself: `offer` hands waiters, oldest first, to a callback
 * that decides for each whether it gets a result now, stays queued, or is rejected.
 */
import { abortReason } from '../core/cancellation.ts'

/** What `offer`'s callback decides for one waiter. */
export type OfferDecision<R> =
  | { readonly grant: R }
  | { readonly reject: Error }
  | 'skip'
  | 'stop'

export interface WaitOptions {
  readonly signal: AbortSignal
  /** Longest wait; then the waiter rejects with `onTimeout(waitedMs)`. */
  readonly timeoutMs: number
  readonly onTimeout: (waitedMs: number) => Error
}

interface Waiter<P, R> {
  readonly payload: P
  readonly enqueuedAt: number
  isSettled: boolean
  resolve (value: R): void
  reject (error: Error): void
}

const INITIAL_SIZE = 16

export class AdmissionQueue<P, R> {
  /** Waiters allowed; lowering it refuses new waiters but keeps the ones queued. */
  maxLength: number
  readonly #now: () => number
  #slots: Array<Waiter<P, R> | undefined> = Array.from({ length: INITIAL_SIZE })
  #head = 0
  /** Slots in use from #head, live and dead. */
  #used = 0
  #live = 0
  /** While `offer` scans, settling must not move the ring under it; it trims once at the end. */
  #isScanning = false

  constructor (options: { readonly maxLength: number, readonly now?: () => number }) {
    this.maxLength = Math.max(0, options.maxLength)
    this.#now = options.now ?? (() => performance.now())
  }

  /** Waiters still waiting. */
  get length (): number { return this.#live }
  get isFull (): boolean { return this.#live >= this.maxLength }
  /** Ring slots held, live and dead (for tests: stays O(length)). */
  get footprint (): number { return this.#used }

  /** When the oldest live waiter arrived (the queue's clock), or undefined when empty. */
  get oldestEnqueuedAt (): number | undefined {
    for (let i = 0; i < this.#used; i++) {
      const waiter = this.#at(i)
      if (waiter !== undefined && !waiter.isSettled) return waiter.enqueuedAt
    }
    return undefined
  }

  /**
   * Waits for a grant from `offer`. Rejects with the signal's reason when it fires and with
   * `onTimeout` after `timeoutMs`; in both cases the waiter has left the queue before the
   * promise settles. The caller checks `isFull` first; a full queue rejects with `onFull`.
   */
  wait (payload: P, options: WaitOptions & { readonly onFull: () => Error }): Promise<R> {
    const { signal, timeoutMs, onTimeout, onFull } = options
    if (signal.aborted) return Promise.reject(abortReason(signal))
    if (this.isFull) return Promise.reject(onFull())
    return new Promise<R>((resolve, reject) => {
      const enqueuedAt = this.#now()
      const leave = (): void => {
        waiter.isSettled = true
        this.#live--
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        if (!this.#isScanning) this.#trim()
      }
      const waiter: Waiter<P, R> = {
        payload,
        enqueuedAt,
        isSettled: false,
        resolve: (value) => { leave(); resolve(value) },
        reject: (error) => { leave(); reject(error) },
      }
      const onAbort = (): void => { if (!waiter.isSettled) waiter.reject(abortReason(signal)) }
      const timer = setTimeout(() => { if (!waiter.isSettled) waiter.reject(onTimeout(Math.round(this.#now() - enqueuedAt))) }, timeoutMs)
      signal.addEventListener('abort', onAbort, { once: true })
      this.#push(waiter)
    })
  }

  /**
   * Offers live waiters, oldest first, to `decide`. A grant or reject settles the waiter and
   * removes it; 'skip' leaves it queued and goes on; 'stop' ends the scan. Returns the number
   * of grants. `decide` must not touch this queue.
   */
  offer (decide: (payload: P) => OfferDecision<R>): number {
    let granted = 0
    this.#isScanning = true
    try {
      for (let i = 0; i < this.#used; i++) {
        const waiter = this.#at(i)
        if (waiter === undefined || waiter.isSettled) continue
        const decision = decide(waiter.payload)
        if (decision === 'stop') break
        if (decision === 'skip') continue
        if ('grant' in decision) { waiter.resolve(decision.grant); granted++ } else waiter.reject(decision.reject)
      }
    } finally {
      this.#isScanning = false
      this.#trim()
    }
    return granted
  }

  /** Rejects every waiter (shutdown). */
  rejectAll (error: Error): void {
    this.offer(() => ({ reject: error }))
  }

  #at (i: number): Waiter<P, R> | undefined {
    return this.#slots[(this.#head + i) & (this.#slots.length - 1)]
  }

  #push (waiter: Waiter<P, R>): void {
    if (this.#used === this.#slots.length) this.#resize(this.#slots.length * 2)
    this.#slots[(this.#head + this.#used) & (this.#slots.length - 1)] = waiter
    this.#used++
    this.#live++
  }

  /** Drops dead slots at the head; compacts when dead slots outnumber live ones. */
  #trim (): void {
    const mask = this.#slots.length - 1
    while (this.#used > 0 && this.#slots[this.#head]?.isSettled !== false) {
      this.#slots[this.#head] = undefined
      this.#head = (this.#head + 1) & mask
      this.#used--
    }
    if (this.#used - this.#live > Math.max(INITIAL_SIZE, this.#live)) this.#resize(this.#live * 2)
    else if (this.#used === 0 && this.#slots.length > INITIAL_SIZE * 4) this.#resize(INITIAL_SIZE)
  }

  /** Copies live waiters, in order, into a fresh buffer of `size` slots (a power of two). */
  #resize (size: number): void {
    const live: Array<Waiter<P, R>> = []
    for (let i = 0; i < this.#used; i++) {
      const waiter = this.#at(i)
      if (waiter !== undefined && !waiter.isSettled) live.push(waiter)
    }
    let capacity = INITIAL_SIZE
    while (capacity < Math.max(size, live.length + 1)) capacity *= 2
    this.#slots = Array.from({ length: capacity })
    for (const [i, waiter] of live.entries()) this.#slots[i] = waiter
    this.#head = 0
    this.#used = live.length
  }
}
