/**
 * Entry of a translation worker thread: loads polyglot (≈125–175 ms, once per worker), says
 * ready, then answers one message per translation. See translation-worker-pool.ts.
 */
import { parentPort } from 'node:worker_threads'
import { isQueryFluxError, toQueryFluxError } from '../core/errors.ts'
import { tablesOf } from './table-names.ts'
import { translateSql } from './translate-sql.ts'
import type { WorkerReply, WorkerRequest } from './translation-worker-pool.ts'

const port = parentPort
if (port === null) throw new Error('translation-worker.ts runs only as a worker thread')

port.on('message', (request: WorkerRequest) => {
  let reply: WorkerReply
  try {
    const value = request.kind === 'tables'
      ? tablesOf(request.sql, request.from)
      : translateSql(request.sql, request.from, request.to, request.tables)
    reply = { id: request.id, ok: true, value }
  } catch (error) {
    const coded = isQueryFluxError(error) ? error : toQueryFluxError(error)
    reply = { id: request.id, ok: false, code: coded.code, message: coded.message, details: coded.details }
  }
  port.postMessage(reply)
})
port.postMessage({ ready: true })
