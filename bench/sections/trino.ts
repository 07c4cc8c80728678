/**
 * Section `trino`: a real Trino server, once directly over its HTTP client protocol and once
 * through QueryFlux's Trino HTTP frontend (→ `trino` engine, same dialect), both with the same
 * minimal client (lib/trino-http-client.ts). Then the pass-through question: the Trino adapter
 * offers each page's `data` undecoded (QueryResult.encodedPages); what does forwarding those
 * save against decoding the rows and encoding them again with the frontend's PageEncoder? That
 * part runs the adapter in this process and reports this process's CPU time.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { startQueryFluxProcess } from '../lib/queryflux-process.ts'
import { runTrinoQuery } from '../lib/trino-http-client.ts'
import { startServer } from '../lib/servers.ts'
import { frontendPorts, latencyPair, singleClusterConfig, timedStream } from '../lib/section.ts'
import type { BenchSettings, SectionReport, ThroughputRow } from '../lib/section.ts'
import { ClusterSchema } from '../../src/config/schema.ts'
import { createEngineAdapter } from '../../src/engines/engine-registry.ts'
import { PageEncoder } from '../../src/frontends/trino-http/page-encoder.ts'
import { createSilentLogger } from '../../src/observability/logger.ts'

/** The 3-column shape of the other sections; `sequence` is capped at 10,000 elements, hence the cross join. */
function rowsSql (rows: number): string {
  const thousands = Math.ceil(rows / 1000)
  return `SELECT i, i * 2 AS doubled, 'row-' || CAST(i AS varchar) AS label
FROM (SELECT a.x * 1000 + b.y AS i FROM UNNEST(sequence(0, ${thousands - 1})) a(x) CROSS JOIN UNNEST(sequence(0, 999)) b(y))
WHERE i < ${rows}`
}

export async function runTrinoSection (settings: BenchSettings, report: SectionReport): Promise<void> {
  settings.log('trino: starting Trino (30–90 s on 2 cores)')
  const server = await startServer('trino', settings.tempDir)
  if ('skipped' in server) {
    report.notes.push(`trino section skipped: ${server.skipped}`)
    return
  }
  settings.log(`trino: started in ${server.startSeconds.toFixed(0)} s`)
  try {
    const url = server.env.QF_TEST_TRINO_URL!
    const qf = await startQueryFluxProcess(singleClusterConfig('trino', { engine: 'trino', endpoint: url, poolSize: 8 }))
    try {
      const viaBase = `http://127.0.0.1:${frontendPorts(qf).trinoHttp}`
      settings.log('trino: SELECT 1')
      report.latency.push(await latencyPair('Trino HTTP → Trino vs Trino HTTP direct', settings.trinoRuns,
        async () => await runTrinoQuery(url, 'SELECT 1'), async () => await runTrinoQuery(viaBase, 'SELECT 1')))
      const rows = settings.engineRows
      const sql = rowsSql(rows)
      settings.log(`trino: ${rows} rows`)
      report.throughput.push(await timedStream(`Trino direct (HTTP), ${rows} rows × 3 columns`, rows, async () => await runTrinoQuery(url, sql), undefined, settings.streamRepeat))
      report.throughput.push(await timedStream(`Trino HTTP → Trino, ${rows} rows × 3 columns`, rows, async () => await runTrinoQuery(viaBase, sql), qf, settings.streamRepeat))
    } finally {
      await qf.stop()
    }
    settings.log('trino: pass-through, adapter in-process')
    report.throughput.push(...await adapterPassThrough(url, settings.engineRows, settings.streamRepeat))
    const script = await runPassThroughScript(url, settings)
    if (script !== undefined) report.notes.push(script)
  } finally {
    await server.stop()
  }
}

/** The Trino adapter in this process: rows decoded and re-encoded (no pass-through) vs raw pages forwarded. */
async function adapterPassThrough (url: string, rows: number, repeat: number): Promise<ThroughputRow[]> {
  const adapter = await createEngineAdapter('trino', ClusterSchema.parse({ engine: 'trino', endpoint: url, poolSize: 4 }), createSilentLogger())
  const session = { user: 'bench', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {} } as const
  const signal = new AbortController().signal
  const sql = rowsSql(rows)
  const out: ThroughputRow[] = []
  let queries = 0
  try {
    for (const mode of ['decode + re-encode', 'pass-through'] as const) {
      const cpu0 = process.cpuUsage()
      const row = await timedStream(`Trino adapter in-process, ${mode}, ${rows} rows`, rows, async () => {
        const result = await adapter.execute({ queryId: `bench_${++queries}`, sql, session }, signal)
        let count = 0
        let bytes = 0
        if (mode === 'pass-through') {
          for await (const page of result.encodedPages!.pages()) { count += page.rowCount; bytes += page.data.length }
          return { rows: count, bytes }
        }
        // What the Trino HTTP frontend does without pass-through: encode each row, cut ~1 MiB pages.
        const encoder = new PageEncoder(result.columns)
        for await (const batch of result.batches) {
          for (const r of batch.rows) encoder.add(r)
          count += batch.rows.length
          if (encoder.bytes >= 1_048_576) bytes += encoder.take()!.length
        }
        bytes += encoder.take()?.length ?? 0
        return { rows: count, bytes }
      }, undefined, repeat)
      const cpu = process.cpuUsage(cpu0)
      // This process's CPU per run, averaged over the repeats.
      out.push({ ...row, proxyCpuSeconds: (cpu.user + cpu.system) / 1e6 / repeat })
    }
  } finally {
    await adapter.close()
  }
  return out
}

/**
 * bench/trino-passthrough.ts (another engineer's codec-level measurement) is a standalone script
 * that exits when done, so it runs as a child against this run's Trino; its printed tables are
 * kept as a note. BENCH_PASSTHROUGH_ROWS=0 skips it.
 */
async function runPassThroughScript (url: string, settings: BenchSettings): Promise<string | undefined> {
  const file = resolve(import.meta.dirname, '../trino-passthrough.ts')
  const rows = Number(process.env.BENCH_PASSTHROUGH_ROWS ?? 200_000)
  if (!existsSync(file) || rows === 0) return undefined
  settings.log(`trino: bench/trino-passthrough.ts, ${rows} rows of tpch.sf1.lineitem`)
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, QF_TEST_TRINO_URL: url, BENCH_ROWS: String(rows), BENCH_REPEAT: '3' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
  const code = await new Promise<number | null>((r) => child.once('exit', r))
  clearTimeout(timer)
  return code === 0
    ? `bench/trino-passthrough.ts (codec-level, ${rows} rows × 16 columns):\n${output.trim()}`
    : `bench/trino-passthrough.ts failed (exit ${code}): ${output.trim().split('\n').slice(-3).join(' ')}`
}
