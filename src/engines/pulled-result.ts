/**
 * A QueryResult over a source that yields row arrays on demand (a portal cursor, a paused
 * mysql2 stream): the next fetch happens only when the consumer pulls. Shared by the wire
 * engines so that the end-of-stream rules live in one place: a source error is mapped by the
 * engine, an abort always ends the stream with the abort reason (never quietly short), and the
 * connection is released exactly once, on the last batch, on an error or on close().
 */
import { abortReason, throwIfAborted, untilAborted } from '../core/cancellation.ts'
import type { Column, QueryResult, QueryStats, Row, RowBatch } from '../core/query-result.ts'

export interface PulledResultOptions {
  readonly columns: readonly Column[]
  /** The next rows, or null at the end. */
  readonly next: () => Promise<Row[] | null>
  readonly signal: AbortSignal
  /** Turns a source error into the engine's QueryFluxError. */
  readonly mapError: (error: unknown) => Error
  /** Gives the connection back; called once, however the stream ends. */
  readonly release: () => Promise<void>
  readonly warnings?: readonly string[]
  readonly startedAt: number
}

export function createPulledResult (options: PulledResultOptions): QueryResult {
  const { next, signal, mapError, release, startedAt } = options
  let rows = 0
  let endedAt: number | undefined
  const finish = async (): Promise<void> => {
    endedAt ??= performance.now()
    await release()
  }
  async function * batches (): AsyncGenerator<RowBatch> {
    try {
      for (;;) {
        let batch
        try {
          batch = await next()
        } catch (error) {
          if (signal.aborted) throw abortReason(signal)
          throw mapError(error)
        }
        if (batch === null) break
        rows += batch.length
        yield { rows: batch }
      }
      // A cancel that raced the last batch still ends the stream with CANCELLED.
      throwIfAborted(signal)
    } finally {
      await finish()
    }
  }
  return {
    columns: options.columns,
    batches: batches(),
    warnings: options.warnings ?? [],
    stats: (): QueryStats => ({ rows, elapsedMs: (endedAt ?? performance.now()) - startedAt }),
    close: finish,
  }
}

/** Waits for a pooled connection, or rejects with the abort reason; a connection that arrives late goes back. */
export async function acquireOrAbort<C extends { release (): void }> (pending: Promise<C>, signal: AbortSignal): Promise<C> {
  try {
    return await untilAborted(pending, signal)
  } catch (error) {
    pending.then((c) => c.release(), () => {})
    throw error
  }
}
