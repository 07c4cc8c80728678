/** Percentiles and formatting shared by the benchmark sections. */
export interface LatencySummary { runs: number, p50: number, p95: number, p99: number, mean: number }

export function summarize (samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length
  return { runs: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean }
}

export async function measure (runs: number, warmup: number, fn: () => Promise<unknown>): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  return summarize(samples)
}

/**
 * Measures two paths in alternation, one call of each per round, so that both see the same
 * background load: on a shared machine a burst of other work would otherwise land on one path
 * only and show up as (negative or inflated) proxy overhead.
 */
export async function measurePair (runs: number, warmup: number, direct: () => Promise<unknown>, proxied: () => Promise<unknown>): Promise<{ direct: LatencySummary, proxied: LatencySummary }> {
  for (let i = 0; i < warmup; i++) {
    await direct()
    await proxied()
  }
  const d: number[] = []
  const p: number[] = []
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now()
    await direct()
    d.push(performance.now() - t0)
    t0 = performance.now()
    await proxied()
    p.push(performance.now() - t0)
  }
  return { direct: summarize(d), proxied: summarize(p) }
}

export const ms = (n: number): string => `${n.toFixed(3)} ms`

export function table (headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}
