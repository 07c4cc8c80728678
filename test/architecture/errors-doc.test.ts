/**
 * docs/errors.md and ErrorCode must match both ways (fastify's test/internals/errors.test.js),
 * and the protocol columns must equal what the frontends' error maps send.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { ErrorCode } from '../../src/core/errors.ts'

const DOC = resolve(import.meta.dirname, '../../docs/errors.md')

interface DocRow { code: string, postgres: string, mysql: string, trino: string, flightSql: string }

function readRows (): DocRow[] {
  return readFileSync(DOC, 'utf8').split('\n')
    .filter((line) => /^\| [A-Z_]+ \|/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((c) => c.trim())
      return { code: cells[0]!, postgres: cells[3]!, mysql: cells[4]!, trino: cells[5]!, flightSql: cells[6]! }
    })
}

test('every ErrorCode has a row in docs/errors.md and every row is a real code', () => {
  const documented = readRows().map((r) => r.code).sort()
  assert.deepEqual(documented, Object.values(ErrorCode).sort())
})

test('every row says what the code means and how to fix it', () => {
  for (const line of readFileSync(DOC, 'utf8').split('\n').filter((l) => /^\| [A-Z_]+ \|/.test(l))) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim())
    assert.equal(cells.length, 7, `row has 7 cells: ${line}`)
    for (const cell of cells) assert.ok(cell.length > 0, `empty cell in: ${line}`)
  }
})

const frontendMaps: Array<{ column: keyof DocRow, file: string, pick: (entry: Record<string, unknown>) => string }> = [
  { column: 'postgres', file: '../../src/frontends/postgres/error-map.ts', pick: (e) => String(e.sqlstate) },
  { column: 'trino', file: '../../src/frontends/trino-http/error-map.ts', pick: (e) => String(e.errorName) },
]

for (const { column, file, pick } of frontendMaps) {
  const path = resolve(import.meta.dirname, file)
  test(`the ${column} column equals ${file.replace('../../', '')}`, { skip: existsSync(path) ? false : 'frontend not built yet' }, async () => {
    const mod = await import(path) as Record<string, unknown>
    const map = Object.values(mod).find((v): v is Record<string, Record<string, unknown>> =>
      typeof v === 'object' && v !== null && Object.values(ErrorCode).every((code) => code in v))
    assert.ok(map !== undefined, `${file} exports a Record<ErrorCode, …>`)
    for (const row of readRows()) assert.equal(pick(map[row.code]!), row[column], `${row.code} in ${column}`)
  })
}
