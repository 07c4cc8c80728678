/**
 * The unmodified Trino JDBC driver (io.trino:trino-jdbc, installed by
 * scripts/setup/trino-clients.sh), run through test/e2e/clients/java/TrinoJdbcChecks.java:
 * DatabaseMetaData (which reads system.jdbc.*), getObject types, PreparedStatement parameters
 * and executeUpdate counts against the Trino HTTP frontend over embedded DuckDB.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { DUCKDB_WITH_TABLES, startTrinoFrontend } from '../../integration/trino-http/start-frontend.ts'
import type { RunningTrinoFrontend } from '../../integration/trino-http/start-frontend.ts'

const ENV_FILE = join(process.env.QUERYFLUX_CACHE ?? join(homedir(), '.cache', 'queryflux'), 'trino-clients.env')
const CHECKS = join(import.meta.dirname, 'java', 'TrinoJdbcChecks.java')

function settings (): { jar: string, java: string } {
  let text: string
  try {
    text = readFileSync(ENV_FILE, 'utf8')
  } catch {
    throw new Error(`${ENV_FILE} is missing: run scripts/setup/trino-clients.sh to install the Trino JDBC driver`)
  }
  const get = (key: string): string => new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1] ?? ''
  return { jar: get('TRINO_JDBC_JAR'), java: get('TRINO_CLI_JAVA') }
}

const { jar, java } = settings()
let trino: RunningTrinoFrontend
before(async () => { trino = await startTrinoFrontend({ config: DUCKDB_WITH_TABLES }) })
after(async () => { await trino[Symbol.asyncDispose]() })

/** Runs one check; returns its `label|value` lines as a map. */
async function check (name: string): Promise<Map<string, string>> {
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(java, ['-cp', jar, CHECKS, String(trino.port), name], { timeout: 180_000 }, (error, out, err) => {
      if (error !== null) reject(new Error(`${name} failed: ${err.split('\n').filter((l) => !l.startsWith('WARNING')).join('\n') || error.message}`))
      else resolve(out)
    })
  })
  const lines = stdout.split('\n').filter((line) => line.includes('|'))
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('|')), line.slice(line.indexOf('|') + 1)]))
}

test('DatabaseMetaData: catalogs, schemas, tables, columns, table types, type info', async () => {
  const meta = await check('metadata')
  assert.equal(meta.get('catalogs'), 'memory')
  assert.equal(meta.get('schemas'), 'memory,main;memory,sales')
  assert.equal(meta.get('schemas like'), 'sales')
  assert.equal(meta.get('tables'), 'memory,sales,invoices,TABLE')
  assert.equal(meta.get('typed tables'), 'orders')
  assert.equal(meta.get('columns'), 'id,-5,bigint,19,null,1,NO;price,3,decimal(10,2),10,2,2,YES')
  assert.equal(meta.get('table types'), 'TABLE;VIEW')
  assert.equal(meta.get('type info rows'), 'true')
  assert.equal(meta.get('primary keys'), '')
  assert.equal(meta.get('procedures'), '')
})

test('getObject returns the Java types of a Trino result', async () => {
  const columns = await check('types')
  assert.deepEqual([...columns.entries()], [
    ['column 1', 'bigint|Long|9007199254740993'],
    ['column 2', 'double|Double|2.0'],
    ['column 3', 'real|Float|1.5'],
    ['column 4', 'decimal(10,2)|BigDecimal|123.45'],
    ['column 5', 'varchar|String|x'],
    ['column 6', 'varbinary|byte[]|00ff'],
    ['column 7', 'date|Date|2020-01-02'],
    ['column 8', 'timestamp(6)|Timestamp|2020-01-02 03:04:05.123'],
    ['column 9', 'boolean|Boolean|true'],
    ['column 10', 'array(integer)|TrinoArray|[1, 2]'],
    ['column 11', 'integer|null|null'],
  ])
})

test('PreparedStatement parameters come back as set', async () => {
  const result = await check('prepared')
  assert.equal(result.get('prepared'), `9007199254740993|it's ?|1.50|2020-01-02|2020-01-02 03:04:05.123|00ff|null|true`)
})

test('executeUpdate returns the row count after DDL', async () => {
  assert.equal((await check('update')).get('inserted'), '3')
})
