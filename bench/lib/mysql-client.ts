/**
 * mysql2 as the benchmark drives it against MariaDB directly: `SELECT 1` round trips, and large
 * results counted row by row (a query without a callback emits `result` per row and keeps none).
 */
import mysql from 'mysql2'
import type { Socket } from 'node:net'
import type { StreamRun } from './pg-client.ts'

export interface MysqlBenchClient {
  run (sql: string): Promise<void>
  stream (sql: string): Promise<StreamRun>
  close (): Promise<void>
}

export async function connectMysql (url: string): Promise<MysqlBenchClient> {
  const u = new URL(url)
  const connection = mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    rowsAsArray: true,
  })
  await connection.promise().connect()
  // mysql2 does not type the connection's socket; it is where the wire bytes are counted.
  const socket = (connection as unknown as { stream: Socket }).stream
  return {
    run: async (sql) => { await connection.promise().query(sql) },
    stream: async (sql) => {
      const before = socket.bytesRead
      let rows = 0
      await new Promise<void>((resolveEnd, reject) => {
        connection.query(sql)
          .on('result', () => { rows++ })
          .on('error', reject)
          .on('end', () => resolveEnd())
      })
      return { rows, bytes: socket.bytesRead - before }
    },
    close: async () => { await connection.promise().end() },
  }
}
