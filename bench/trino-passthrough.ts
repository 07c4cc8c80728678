/**
 * Trino → Trino pass-through: what forwarding Trino's `data` pages undecoded saves against
 * decoding them to JS values and encoding them back to Trino JSON (what a Trino frontend must
 * do otherwise). Needs a Trino server: QF_TEST_TRINO_URL, or one is started through the test
 * harness (scripts/setup/trino-server.sh must have run).
 *
 *   node bench/trino-passthrough.ts            # BENCH_ROWS (default 500000), BENCH_REPEAT (default 5)
 *
 * Two measurements:
 * 1. codec only: the page bodies of one result are captured once, then each path runs over them
 *    in memory, repeated; this isolates the proxy's CPU work from Trino's.
 * 2. end to end over the real server: each path reads the whole result through the adapter; the
 *    proxy process's CPU time (user + system) is reported beside the wall time, since Trino's own
 *    time dominates the wall clock on a small machine.
 * The re-encoder below is this bench's own minimal Trino JSON writer, for the column types of the
 * query; a frontend's real encoder does at least this much work.
 */
import { createTrinoAdapter } from '../src/engines/trino/index.ts'
import { parseJson, splitDataMember } from '../src/engines/trino/page-json.ts'
import { logicalTypeOfColumn, valueDecoder } from '../src/engines/trino/type-map.ts'
import type { TrinoColumn } from '../src/engines/trino/type-map.ts'
import type { LogicalType } from '../src/core/logical-type.ts'
import { createSilentLogger } from '../src/observability/logger.ts'
import { ensureTrino } from '../test/harness/servers/trino.ts'
import { table } from './lib/stats.ts'

const ROWS = Number(process.env.BENCH_ROWS ?? 500_000)
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5)
const SQL = `SELECT orderkey, partkey, suppkey, linenumber, quantity, extendedprice, discount, tax, returnflag, linestatus,
  shipdate, commitdate, receiptdate, shipinstruct, shipmode, comment FROM tpch.sf1.lineitem LIMIT ${ROWS}`
const session = { user: 'bench', protocol: 'trinoHttp', headers: {}, clientTags: [], properties: {} } as const
const never = new AbortController().signal

const base = process.env.QF_TEST_TRINO_URL ?? (await ensureTrino()).QF_TEST_TRINO_URL!
const headers = { 'x-trino-user': 'bench', 'x-trino-client-capabilities': 'PARAMETRIC_DATETIME' }

/** Raw response bodies of one run of SQL, in order. */
async function capturePages (): Promise<string[]> {
  const bodies: string[] = []
  let response = await fetch(`${base}/v1/statement`, { method: 'POST', body: SQL, headers })
  for (;;) {
    const body = await response.text()
    bodies.push(body)
    const next = (JSON.parse(splitDataMember(body).rest) as { nextUri?: string }).nextUri
    if (next === undefined) return bodies
    response = await fetch(next, { headers })
  }
}

/** Encodes one value of our representation back to Trino's JSON form. */
function encoder (type: LogicalType): (value: unknown) => string {
  switch (type.kind) {
    case 'bigint':
    case 'integer':
    case 'smallint':
    case 'tinyint': return (v) => v === null ? 'null' : String(v)
    case 'double':
    case 'real': return (v) => v === null ? 'null' : Number.isFinite(v) ? String(v) : JSON.stringify(String(v))
    default: return (v) => v === null ? 'null' : JSON.stringify(v)
  }
}

function decodeAndEncode (bodies: readonly string[]): { rows: number, bytesOut: number } {
  let rows = 0
  let bytesOut = 0
  let decoders: Array<(v: unknown) => unknown> | undefined
  let encoders: Array<(v: unknown) => string> | undefined
  for (const body of bodies) {
    const page = parseJson(body, true) as { columns?: TrinoColumn[], data?: unknown[][] }
    if (page.columns !== undefined && decoders === undefined) {
      const types = page.columns.map(logicalTypeOfColumn)
      decoders = types.map(valueDecoder)
      encoders = types.map(encoder)
    }
    if (page.data === undefined) continue
    const decoded = page.data.map((row) => row.map((v, i) => decoders![i]!(v)))
    const text = `[${decoded.map((row) => `[${row.map((v, i) => encoders![i]!(v)).join(',')}]`).join(',')}]`
    rows += decoded.length
    bytesOut += text.length
  }
  return { rows, bytesOut }
}

function passThrough (bodies: readonly string[]): { rows: number, bytesOut: number } {
  let rows = 0
  let bytesOut = 0
  for (const body of bodies) {
    const split = splitDataMember(body)
    JSON.parse(split.rest) // nextUri, columns, stats: still needed by the frontend
    rows += split.rows
    bytesOut += split.data?.length ?? 0
  }
  return { rows, bytesOut }
}

function time (fn: () => { rows: number }): { ms: number, rows: number } {
  let best = Number.POSITIVE_INFINITY
  let rows = 0
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now()
    rows = fn().rows
    best = Math.min(best, performance.now() - t0)
  }
  return { ms: best, rows }
}

const bodies = await capturePages()
const inputBytes = bodies.reduce((sum, b) => sum + b.length, 0)
const decodedTiming = time(() => decodeAndEncode(bodies))
const rawTiming = time(() => passThrough(bodies))
const mb = inputBytes / 1024 / 1024

const adapter = await createTrinoAdapter('bench', { engine: 'trino', endpoint: base, poolSize: 4, connectTimeoutMs: 10_000, queryTimeoutMs: 0, enabled: true, weight: 1, priority: 0 }, createSilentLogger())
async function endToEnd (mode: 'decode' | 'raw'): Promise<{ wallMs: number, cpuMs: number, rows: number }> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const result = await adapter.execute({ queryId: `bench-${mode}`, sql: SQL, session }, never)
  let rows = 0
  if (mode === 'raw') {
    for await (const page of result.encodedPages!.pages()) rows += page.rowCount
  } else {
    const encoders = result.columns.map((c) => encoder(c.type))
    for await (const batch of result.batches) {
      const text = `[${batch.rows.map((row) => `[${row.map((v, i) => encoders[i]!(v)).join(',')}]`).join(',')}]`
      rows += batch.rows.length + (text.length > 0 ? 0 : 1)
    }
  }
  const cpu = process.cpuUsage(cpu0)
  return { wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, rows }
}
const e2eDecode = await endToEnd('decode')
const e2eRaw = await endToEnd('raw')
await adapter.close()

console.log(`\nTrino pass-through bench: ${ROWS} rows × 16 columns of tpch.sf1.lineitem, ${bodies.length} responses, ${mb.toFixed(1)} MiB of JSON\n`)
console.log(table(['path', 'codec only (best of ' + REPEAT + ')', 'MiB/s', 'rows/s'], [
  ['decode + re-encode', `${decodedTiming.ms.toFixed(0)} ms`, (mb / decodedTiming.ms * 1000).toFixed(0), (decodedTiming.rows / decodedTiming.ms * 1000).toFixed(0)],
  ['pass-through', `${rawTiming.ms.toFixed(0)} ms`, (mb / rawTiming.ms * 1000).toFixed(0), (rawTiming.rows / rawTiming.ms * 1000).toFixed(0)],
]))
console.log(`codec speed-up: ${(decodedTiming.ms / rawTiming.ms).toFixed(1)}×\n`)
console.log(table(['path', 'end to end wall', 'proxy CPU', 'rows'], [
  ['decode + re-encode', `${e2eDecode.wallMs.toFixed(0)} ms`, `${e2eDecode.cpuMs.toFixed(0)} ms`, String(e2eDecode.rows)],
  ['pass-through', `${e2eRaw.wallMs.toFixed(0)} ms`, `${e2eRaw.cpuMs.toFixed(0)} ms`, String(e2eRaw.rows)],
]))
process.exit(0)
