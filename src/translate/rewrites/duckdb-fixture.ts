/**
 * For the rewrite tests: translates Trino SQL with the real pipeline and runs it on a real
 * in-memory DuckDB, returning the first row as plain values and the column types.
 */
import { DuckDBInstance, DuckDBListValue } from '@duckdb/node-api'
import type { Dialect } from '../../core/dialect.ts'
import { translateSql } from '../translate-sql.ts'

export type Plain = string | number | boolean | null | readonly Plain[]

export interface RunResult {
  /** The SQL DuckDB ran. */
  readonly sql: string
  readonly rewrites: readonly string[]
  readonly row: readonly Plain[]
  /** DuckDB type names, e.g. INTEGER, DATE, VARCHAR[]. */
  readonly types: readonly string[]
}

export interface DuckDbFixture {
  /** Translates `sql` from `from` (default trino) to DuckDB and runs it. */
  run (sql: string, from?: Dialect): Promise<RunResult>
  /** Runs DuckDB SQL as it is (setup statements). */
  exec (sql: string): Promise<void>
  close (): void
}

/**
 * Numbers and booleans as themselves, big integers as numbers when exact, lists as arrays,
 * everything else (dates, timestamps, blobs, maps) as DuckDB prints it.
 */
function plain (value: unknown): Plain {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  if (value instanceof DuckDBListValue) return value.items.map(plain)
  return String(value)
}

export async function openDuckDb (): Promise<DuckDbFixture> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection = await instance.connect()
  return {
    async run (sql, from = 'trino') {
      const translated = translateSql(sql, from, 'duckdb')
      const reader = await connection.runAndReadAll(translated.sql)
      return {
        sql: translated.sql,
        rewrites: translated.rewrites,
        row: (reader.getRows()[0] ?? []).map(plain),
        types: reader.columnTypes().map(String),
      }
    },
    async exec (sql) {
      await connection.run(sql)
    },
    close () {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
