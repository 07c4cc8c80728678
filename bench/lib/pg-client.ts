/**
 * The `pg` client as the benchmark drives it, against a PostgreSQL server or QueryFlux's
 * PostgreSQL-wire frontend alike: one connection, `SELECT 1` round trips, and large results
 * counted row by row without keeping them (a `row` listener turns off pg's row accumulation).
 */
import pg from 'pg'
import type { Socket } from 'node:net'

export interface PgTarget { host: string, port: number, user: string, password?: string, database: string }

export interface StreamRun { rows: number, bytes: number }

export interface PgBenchClient {
  /** Runs SQL and drops the answer. */
  run (sql: string): Promise<void>
  /** Runs SQL and counts rows and the bytes the socket received. */
  stream (sql: string): Promise<StreamRun>
  close (): Promise<void>
}

export async function connectPg (target: PgTarget): Promise<PgBenchClient> {
  const client = new pg.Client({ ...target, application_name: 'queryflux-bench' })
  await client.connect()
  // pg does not type its Connection; its socket is where the wire bytes are counted.
  const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream
  return {
    run: async (sql) => { await client.query({ text: sql, rowMode: 'array' }) },
    stream: async (sql) => {
      const before = socket.bytesRead
      let rows = 0
      // @types/pg leaves rowMode out of Query's constructor config, though pg reads it there.
      const config: pg.QueryArrayConfig = { text: sql, rowMode: 'array' }
      const query = new pg.Query(config)
      query.on('row', () => { rows++ })
      await new Promise<void>((resolveEnd, reject) => {
        query.once('end', () => resolveEnd())
        query.once('error', reject)
        void client.query(query)
      })
      return { rows, bytes: socket.bytesRead - before }
    },
    close: async () => { await client.end() },
  }
}

/** PostgreSQL connection settings from a `postgres://user:password@host:port/db` URL. */
export function pgTargetFromUrl (url: string): PgTarget {
  const u = new URL(url)
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    ...(u.password === '' ? {} : { password: decodeURIComponent(u.password) }),
    database: decodeURIComponent(u.pathname.slice(1)),
  }
}
