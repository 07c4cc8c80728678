import { errors } from './errors.ts'

/**
 * One signal that fires when any of the given signals fires (client ∪ timeout ∪ shutdown).
 * Undefined inputs are skipped so callers can pass optional signals directly.
 */
export function anySignal (...signals: ReadonlyArray<AbortSignal | undefined>): AbortSignal {
  const present = signals.filter((s): s is AbortSignal => s !== undefined)
  if (present.length === 1) return present[0]!
  return AbortSignal.any(present)
}

/** Throws the coded CANCELLED error (or the signal's own QueryFluxError reason) if the signal fired. */
export function throwIfAborted (signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortReason(signal)
}

/** The error a fired signal stands for: its reason if it is an Error, CANCELLED otherwise. */
export function abortReason (signal: AbortSignal): Error {
  const reason: unknown = signal.reason
  if (reason instanceof Error && reason.name !== 'AbortError') return reason
  return errors.cancelled()
}

/** Resolves after `ms`, or rejects with the abort reason as soon as the signal fires. */
export function delay (ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) { reject(abortReason(signal)); return }
    const onAbort = (): void => { clearTimeout(timer); reject(abortReason(signal!)) }
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve() }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/**
 * `work`'s outcome, or the abort reason as soon as `signal` fires. The work itself is not
 * stopped (it may be shared, or its result handed back by the caller when it arrives late).
 */
export async function untilAborted<T> (work: Promise<T>, signal: AbortSignal): Promise<T> {
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(abortReason(signal))
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  aborted.catch(() => {})
  try {
    return await Promise.race([work, aborted])
  } finally {
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort)
  }
}
