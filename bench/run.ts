/**
 * `npm run bench`: proxy overhead (via QueryFlux minus direct, p50/p95/p99), streaming
 * throughput and QueryFlux's peak memory and CPU, for each frontend → engine path, with the
 * direct path to the same engine measured in the same run. Prints two tables and writes JSON to
 * bench/results/<timestamp>.json. Never part of the tests. docs/benchmarks.md explains each number.
 *
 * Sections (BENCH_SECTIONS, comma list, default all):
 *   trino-http     Trino HTTP frontend → embedded DuckDB vs DuckDB in-process
 *   postgres-wire  PostgreSQL-wire frontend → embedded DuckDB vs DuckDB in-process
 *   postgres       real PostgreSQL: via QueryFlux vs `pg` direct
 *   mariadb        real MariaDB: via QueryFlux vs mysql2 direct
 *   trino          real Trino: via QueryFlux vs Trino HTTP direct, and the pass-through gain
 *   clickhouse     real ClickHouse: via QueryFlux vs ClickHouse HTTP direct
 *   translation    translation time over the corpus, uncached and cached (bench/translation-corpus.ts)
 * Engine servers are started through test/harness/servers/*.ts in a temp folder, one at a time,
 * and stopped after their section; one that cannot start is reported and skipped.
 *
 * Environment: BENCH_RUNS (SELECT 1 runs per DuckDB path, default 1000), BENCH_ENGINE_RUNS
 * (per PostgreSQL/MariaDB/ClickHouse path, default BENCH_RUNS), BENCH_TRINO_RUNS (per Trino path,
 * default 500: a Trino SELECT 1 takes ~25 ms), BENCH_ROWS (DuckDB streaming rows, default 10000000),
 * BENCH_ENGINE_ROWS (engine streaming rows, default 1000000), BENCH_STREAM_REPEAT (runs per engine
 * streaming path, fastest kept, default 2), BENCH_PASSTHROUGH_ROWS (rows for
 * bench/trino-passthrough.ts, default 200000, 0 skips it).
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import os from 'node:os'
import { ms, table } from './lib/stats.ts'
import { stopEverything, stopEverythingOnSignal } from './lib/cleanup.ts'
import { emptyReport } from './lib/section.ts'
import type { BenchSettings, LatencyRow, SectionReport, ThroughputRow } from './lib/section.ts'
import { runDuckDbSections } from './sections/duckdb.ts'
import { runPostgresSection } from './sections/postgres.ts'
import { runMariadbSection } from './sections/mariadb.ts'
import { runTrinoSection } from './sections/trino.ts'
import { runClickHouseSection } from './sections/clickhouse.ts'

const ALL_SECTIONS = ['trino-http', 'postgres-wire', 'postgres', 'mariadb', 'trino', 'clickhouse', 'translation'] as const
type SectionName = (typeof ALL_SECTIONS)[number]

const positive = (name: string, fallback: number, min = 1): number => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${process.env[name]})`)
  return value
}

const requested = process.env.BENCH_SECTIONS?.split(',').map((s) => s.trim()).filter(Boolean) ?? [...ALL_SECTIONS]
const unknown = requested.filter((s) => !(ALL_SECTIONS as readonly string[]).includes(s))
if (unknown.length > 0) throw new Error(`BENCH_SECTIONS: unknown section ${unknown.join(', ')}; known: ${ALL_SECTIONS.join(', ')}`)
const sections = new Set(requested as SectionName[])

const startedAt = new Date()
const t0 = performance.now()
const tempDir = mkdtempSync(join(os.tmpdir(), 'qf-bench-servers-'))
const settings: BenchSettings = {
  runs: positive('BENCH_RUNS', 1000),
  engineRuns: positive('BENCH_ENGINE_RUNS', Number(process.env.BENCH_RUNS ?? 1000)),
  trinoRuns: positive('BENCH_TRINO_RUNS', 500),
  rows: positive('BENCH_ROWS', 10_000_000),
  engineRows: positive('BENCH_ENGINE_ROWS', 1_000_000, 1000),
  streamRepeat: positive('BENCH_STREAM_REPEAT', 2),
  tempDir,
  log: (line) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${line}\n`),
}

const latency: LatencyRow[] = []
const throughput: ThroughputRow[] = []
const notes: string[] = []
const timings: Record<string, number> = {}
let translationTimes = ''

/** Runs one section; what it measured before a failure is kept, and the failure is printed with the tables. */
async function section (name: string, run: (report: SectionReport) => Promise<void>): Promise<void> {
  const began = performance.now()
  const report = emptyReport()
  try {
    await run(report)
  } catch (error) {
    report.notes.push(`${name} section failed: ${(error as Error).stack ?? String(error)}`)
  } finally {
    latency.push(...report.latency)
    throughput.push(...report.throughput)
    notes.push(...report.notes)
    timings[name] = (performance.now() - began) / 1000
  }
}

stopEverythingOnSignal()
try {
  if (sections.has('trino-http') || sections.has('postgres-wire')) {
    const which = { trinoHttp: sections.has('trino-http'), postgresWire: sections.has('postgres-wire') }
    await section('duckdb', async (report) => await runDuckDbSections(settings, report, which))
  }
  if (sections.has('postgres')) await section('postgres', async (report) => await runPostgresSection(settings, report))
  if (sections.has('mariadb')) await section('mariadb', async (report) => await runMariadbSection(settings, report))
  if (sections.has('clickhouse')) await section('clickhouse', async (report) => await runClickHouseSection(settings, report))
  if (sections.has('trino')) await section('trino', async (report) => await runTrinoSection(settings, report))
  if (sections.has('translation')) {
    await section('translation', async () => {
      settings.log('translation: the corpus translated uncached and cached, on one worker thread')
      translationTimes = execFileSync(process.execPath, [join(import.meta.dirname, 'translation-corpus.ts'), '--rounds', '3', '--workers', '1'], { encoding: 'utf8' })
    })
  }
} finally {
  await stopEverything()
  rmSync(tempDir, { recursive: true, force: true })
}

const cpu = os.cpus()
const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`
const revision = gitRevision()
const load = os.loadavg().map((l) => l.toFixed(1)).join(' ')
const totalSeconds = (performance.now() - t0) / 1000
console.log(`\nQueryFlux benchmark — ${startedAt.toISOString()} — ${machine} — ${revision}`)
console.log(`SELECT 1: ${settings.runs} runs per DuckDB path, ${settings.engineRuns} per engine path (Trino: ${settings.trinoRuns}), after warm-up, direct and via QueryFlux alternating; load average at the end ${load}; ${totalSeconds.toFixed(0)} s in all\n`)
console.log(table(
  ['SELECT 1 latency', 'direct p50', 'p95', 'p99', 'via QueryFlux p50', 'p95', 'p99', 'overhead p50', 'p95', 'p99'],
  latency.map((l) => [l.path, ms(l.direct.p50), ms(l.direct.p95), ms(l.direct.p99), ms(l.proxied.p50), ms(l.proxied.p95), ms(l.proxied.p99),
    ms(l.proxied.p50 - l.direct.p50), ms(l.proxied.p95 - l.direct.p95), ms(l.proxied.p99 - l.direct.p99)]),
))
console.log()
console.log(table(
  ['Streaming', 'rows', 'seconds', 'rows/s', 'MB/s (wire)', 'QueryFlux peak RSS (at start)', 'proxy CPU s'],
  throughput.map((t) => [t.path, t.expectedRows === undefined ? t.rows.toLocaleString('en-US') : `${t.rows.toLocaleString('en-US')} (expected ${t.expectedRows.toLocaleString('en-US')}!)`, t.seconds.toFixed(2), Math.round(t.rowsPerSec).toLocaleString('en-US'),
    t.mbPerSec === undefined ? '—' : t.mbPerSec.toFixed(1), t.peakRssMiB === undefined ? '—' : `${t.peakRssMiB.toFixed(0)} MiB (${t.startRssMiB?.toFixed(0)})`,
    t.proxyCpuSeconds === undefined ? '—' : t.proxyCpuSeconds.toFixed(2)]),
))
if (translationTimes !== '') console.log(`\nTranslation time per statement (bench/translation-corpus.ts, schema-aware as QueryService translates):\n${translationTimes.trimEnd()}`)
for (const t of throughput) {
  if (t.expectedRows !== undefined) notes.push(`${t.path}: returned ${t.rows} rows where the query yields ${t.expectedRows}: a correctness bug on this path`)
}
if (notes.length > 0) console.log(`\nNotes:\n${notes.map((n) => `- ${n}`).join('\n')}`)

const outDir = resolve(import.meta.dirname, 'results')
mkdirSync(outDir, { recursive: true })
const out = join(outDir, `${startedAt.toISOString().replaceAll(':', '-')}.json`)
writeFileSync(out, JSON.stringify({
  date: startedAt.toISOString(), machine, revision, loadAverageAtEnd: os.loadavg(), node: process.version, cores: cpu.length,
  sections: [...sections], settings: { ...settings, log: undefined }, sectionSeconds: timings, totalSeconds, latency, throughput, translationTimes, notes,
}, null, 2))
console.log(`\nwrote ${out}`)

/** The commit measured; `-dirty` when the working tree had changes (they are measured too). */
function gitRevision (): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: import.meta.dirname, encoding: 'utf8' }).trim()
  } catch {
    return 'unknown revision'
  }
}
