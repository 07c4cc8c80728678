/**
 * Regression: the MySQL-wire row stream lost one whole batch of a large result (999,000 of
 * 1,000,000 rows arrived, and no error). RowStream#wake() took a batch while its waiter was still
 * attached; taking it resumes the paused mysql2 connection, and mysql2 replays the packets it
 * queued while paused synchronously inside resume(). When the end-of-result was among them,
 * #onEnd() re-entered #wake(), which resolved the same waiter with the rows after the batch; the
 * outer resolve with the batch itself went nowhere. Fixed in src/engines/mysql-wire/row-stream.ts
 * by detaching the waiter before #take().
 *
 * What it takes to lose a batch: the consumer has drained everything and waits, and then one
 * socket read brings a full batch (1000 rows) plus fewer than 1000 more rows and the
 * end-of-result. Streaming alone rarely lines that up (the server is usually ahead of the
 * consumer), so each read holds the end back: MariaDB sends a result in 16 KiB net-buffer
 * flushes, and a SLEEP on the row one buffer before the end stops the server while the
 * consumer, which yields to the event loop after every batch as a frontend writing to a socket
 * does, catches up and waits. The rows held back (that buffer and the final partial one, between
 * 1000 and 2000 rows at these row widths) then arrive together with the end-of-result. A row
 * width changes where the buffers end, so several widths are read, each twice; with the bug,
 * most of these reads lose exactly 1000 rows.
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { SessionContext } from '../../src/core/query-request.ts'
import type { EngineAdapter } from '../../src/engines/engine-adapter.ts'
import { createMysqlWireAdapter } from '../../src/engines/mysql-wire/index.ts'
import type { MysqlWireClusterConfig } from '../../src/engines/mysql-wire/options.ts'
import { createSilentLogger } from '../../src/observability/logger.ts'
import { ensureMariadb } from '../harness/servers/mariadb.ts'

const ROWS = 1_000_000
/** MariaDB's default net_buffer_length: the server writes its result in flushes of this size. */
const NET_BUFFER_BYTES = 16_384
/** Bytes of one text-protocol row `seq` (6 digits), `pad`: packet header 4, then two length-prefixed values. */
const rowBytes = (pad: number): number => 4 + 1 + 6 + 1 + pad
const PADS = [4, 6, 8, 4, 6, 8]
const session: SessionContext = { user: 'regression', protocol: 'mysqlWire', headers: {}, clientTags: [], properties: {} }

let adapter: EngineAdapter

before(async () => {
  const url = (await ensureMariadb()).QF_TEST_MARIADB_URL!
  const config = { engine: 'mysql', endpoint: url, poolSize: 2, connectTimeoutMs: 5000, queryTimeoutMs: 0, enabled: true, weight: 1, priority: 0 }
  adapter = await createMysqlWireAdapter('lost-batch', config as MysqlWireClusterConfig, createSilentLogger())
})
after(async () => { await adapter?.close() })

test(`a ${ROWS}-row result whose end arrives after the consumer caught up is read whole, ${PADS.length} times`, async () => {
  for (const [read, pad] of PADS.entries()) {
    const heldBack = Math.floor(NET_BUFFER_BYTES / rowBytes(pad))
    // MariaDB's Sequence engine: seq_1_to_N is a virtual table of the integers 1..N. SLEEP()
    // returns 0, so every row is kept; the server pauses once, `heldBack` rows before the end.
    const sql = `SELECT seq, REPEAT('x', ${pad}) AS pad FROM seq_1_to_${ROWS} WHERE seq <> ${ROWS - heldBack} OR SLEEP(0.5) = 0`
    const result = await adapter.execute({ queryId: `lost_batch_${read}`, sql, session }, new AbortController().signal)
    let count = 0
    let sum = 0n
    let batches = 0
    for await (const batch of result.batches) {
      batches++
      for (const row of batch.rows) { count++; sum += BigInt(row[0] as bigint | number) }
      await new Promise(setImmediate)
    }
    const what = `read ${read + 1} (pad ${pad}, end held back ${heldBack} rows)`
    assert.equal(count, ROWS, `${what}: ${count} of ${ROWS} rows arrived in ${batches} batches`)
    assert.equal(sum, BigInt(ROWS) * BigInt(ROWS + 1) / 2n, `${what}: wrong sum of seq`)
    assert.equal(result.stats().rows, ROWS, what)
  }
})
