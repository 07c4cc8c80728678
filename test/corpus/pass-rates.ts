/**
 * Pass rates per dialect pair, the recorded thresholds (test/corpus/pass-rates.json) and the
 * check that no pair fell below its recorded rate.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CorpusRun, Outcome, OutcomeStatus } from './runner.ts'

export const PASS_RATES_FILE = join(import.meta.dirname, 'pass-rates.json')

export interface PairRate {
  readonly passed: number
  readonly total: number
  /** passed / total, rounded to 4 decimals. */
  readonly rate: number
}

export interface RecordedFailure {
  readonly query: string
  readonly status: Exclude<OutcomeStatus, 'pass' | 'notApplicable'>
  readonly detail: string
}

/** What pass-rates.json holds: the last accepted run. */
export interface PassRates {
  readonly recordedAt: string
  /** Seconds the corpus run took (load + queries), for the docs. */
  readonly runSeconds: number
  readonly queries: Readonly<Record<string, number>>
  readonly pairs: Readonly<Record<string, PairRate>>
  readonly failures: Readonly<Record<string, readonly RecordedFailure[]>>
  /** Per pair, the queries left out of its rate because the target lacks a capability they require, with why. */
  readonly notApplicable?: Readonly<Record<string, ReadonlyArray<{ readonly query: string, readonly detail: string }>>>
}

export function pairKey (outcome: Pick<Outcome, 'source' | 'target'>): string {
  return `${outcome.source}->${outcome.target}`
}

export function summarise (run: CorpusRun, queryCounts: Record<string, number>, runSeconds: number): PassRates {
  const pairs: Record<string, { passed: number, total: number }> = {}
  const failures: Record<string, RecordedFailure[]> = {}
  const notApplicable: Record<string, Array<{ query: string, detail: string }>> = {}
  for (const outcome of run.outcomes) {
    const key = pairKey(outcome)
    if (outcome.status === 'notApplicable') {
      (notApplicable[key] ??= []).push({ query: outcome.queryId, detail: outcome.detail })
      continue
    }
    const pair = pairs[key] ??= { passed: 0, total: 0 }
    pair.total++
    if (outcome.status === 'pass') {
      pair.passed++
      continue
    }
    (failures[key] ??= []).push({ query: outcome.queryId, status: outcome.status, detail: outcome.detail })
  }
  const rates: Record<string, PairRate> = {}
  for (const [key, { passed, total }] of Object.entries(pairs).sort(([a], [b]) => a.localeCompare(b))) {
    rates[key] = { passed, total, rate: total === 0 ? 0 : Math.round(passed / total * 10_000) / 10_000 }
  }
  return { recordedAt: new Date().toISOString().slice(0, 10), runSeconds: Math.round(runSeconds), queries: queryCounts, pairs: rates, failures, notApplicable }
}

export function readPassRates (file = PASS_RATES_FILE): PassRates | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PassRates
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

export function writePassRates (rates: PassRates, file = PASS_RATES_FILE): void {
  writeFileSync(file, JSON.stringify(rates, null, 2) + '\n')
}

export interface Regression {
  readonly pair: string
  readonly recorded: PairRate
  readonly now: PairRate | undefined
  /** Queries that passed in the recorded run and fail now. */
  readonly newlyFailing: readonly RecordedFailure[]
}

/** Pairs whose pass rate is below the recorded one (a pair that vanished counts as 0). */
export function findRegressions (recorded: PassRates, now: PassRates): Regression[] {
  const out: Regression[] = []
  for (const [pair, before] of Object.entries(recorded.pairs)) {
    const after = now.pairs[pair]
    if (after !== undefined && after.rate >= before.rate) continue
    const failedBefore = new Set((recorded.failures[pair] ?? []).map((f) => f.query))
    out.push({ pair, recorded: before, now: after, newlyFailing: (now.failures[pair] ?? []).filter((f) => !failedBefore.has(f.query)) })
  }
  return out
}

/** Queries that fail now but passed in the recorded run, for every pair (shown even without a regression). */
export function newlyFailing (recorded: PassRates, now: PassRates): Array<{ pair: string, failure: RecordedFailure }> {
  const out: Array<{ pair: string, failure: RecordedFailure }> = []
  for (const [pair, failures] of Object.entries(now.failures)) {
    const before = new Set((recorded.failures[pair] ?? []).map((f) => f.query))
    if (recorded.pairs[pair] === undefined) continue
    for (const failure of failures) if (!before.has(failure.query)) out.push({ pair, failure })
  }
  return out
}
