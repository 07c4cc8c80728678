/**
 * Schema-aware translation and source-dialect result types through a real QueryService whose
 * group is a real MariaDB (test/harness/servers/mariadb.ts): a Trino client's integer division of
 * two integer COLUMNS truncates (MariaDB's / would return 3.5000), and a comparison comes back as
 * a boolean column (MariaDB has none and returns 0/1).
 */
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import mysql from 'mysql2/promise'
import { formatType } from '../../../src/core/logical-type.ts'
import { Protocol } from '../../../src/core/protocol.ts'
import { ensureMariadb } from '../../harness/servers/mariadb.ts'
import { createTestQueryService } from '../../harness/query-service.ts'
import type { TestQueryService } from '../../harness/query-service.ts'

const TABLE = `qf_schema_aware_${process.pid}`
const session = { user: 'alice', protocol: Protocol.trinoHttp, headers: {}, clientTags: [], properties: {} }

let url: string
let qf: TestQueryService

before(async () => {
  url = (await ensureMariadb()).QF_TEST_MARIADB_URL!
  const connection = await mysql.createConnection({ uri: url })
  try {
    await connection.query(`CREATE OR REPLACE TABLE ${TABLE} (id INT, a INT, b INT, flag BOOLEAN)`)
    await connection.query(`INSERT INTO ${TABLE} VALUES (1, 7, 2, TRUE), (2, -7, 2, FALSE), (3, NULL, 2, NULL)`)
  } finally {
    await connection.end()
  }
  qf = await createTestQueryService({
    config: {
      queryflux: { frontends: {}, adminApi: { enabled: false } },
      clusters: { maria: { engine: 'mysql', endpoint: url, poolSize: 2 } },
      clusterGroups: { default: { members: ['maria'], maxRunningQueries: 4, maxQueuedQueries: 10 } },
      routingFallback: 'default',
    },
  })
})

after(async () => {
  await qf?.close()
  const connection = await mysql.createConnection({ uri: url })
  await connection.query(`DROP TABLE IF EXISTS ${TABLE}`).finally(async () => await connection.end())
})

async function run (sql: string): Promise<{ types: string[], rows: unknown[][], translatedSql: string | undefined }> {
  const execution = qf.service.submit({ sql, session })
  const result = await execution.result
  const rows: unknown[][] = []
  for await (const batch of result.batches) rows.push(...batch.rows)
  await execution.done
  return { types: result.columns.map((c) => formatType(c.type)), rows, translatedSql: execution.info().translatedSql }
}

test('integer division of two integer columns truncates toward zero, as Trino does', async () => {
  const { rows, translatedSql } = await run(`SELECT id, a / b AS q FROM ${TABLE} ORDER BY id`)
  assert.deepEqual(rows.map((r) => [r[0], r[1] === null ? null : Number(r[1])]), [[1, 3], [2, -3], [3, null]])
  assert.match(translatedSql ?? '', /TRUNCATE/)
})

test('a comparison is a boolean column with true/false/NULL, not 0/1', async () => {
  const { types, rows } = await run(`SELECT id, a > b AS x, a IS NULL AS n FROM ${TABLE} ORDER BY id`)
  assert.deepEqual(types, ['integer', 'boolean', 'boolean'])
  assert.deepEqual(rows, [[1, true, false], [2, false, false], [3, null, true]])
})

test('a TINYINT(1) column stays tinyint: the engine\'s type, as Trino\'s MySQL connector reports it', async () => {
  const { types, rows } = await run(`SELECT id, flag FROM ${TABLE} ORDER BY id`)
  assert.deepEqual(types, ['integer', 'tinyint'])
  assert.deepEqual(rows, [[1, 1], [2, 0], [3, null]])
})
