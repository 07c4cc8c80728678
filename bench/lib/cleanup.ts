/**
 * What the benchmark started and must stop (QueryFlux children, engine servers), so that an
 * interrupted run leaves nothing behind on a shared machine.
 */
const pending = new Set<() => Promise<void>>()

/** Registers a stop function; the returned function runs it once and unregisters it. */
export function track (stop: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  const once = async (): Promise<void> => {
    done ??= (async () => {
      pending.delete(once)
      await stop()
    })()
    await done
  }
  pending.add(once)
  return once
}

export async function stopEverything (): Promise<void> {
  await Promise.allSettled([...pending].map(async (stop) => await stop()))
}

let hooked = false
/** On SIGINT/SIGTERM: stop everything tracked, then exit. */
export function stopEverythingOnSignal (): void {
  if (hooked) return
  hooked = true
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping what the benchmark started…\n`)
      void stopEverything().finally(() => process.exit(130))
    })
  }
}
