/**
 * A Translator that runs sqlglot itself (pure Python, github.com/tobymao/sqlglot) in Pyodide
 * on a worker thread: `sqlglot.transpile(sql, read, write, unsupported_level=RAISE)`, nothing
 * else. It exists to compare polyglot-sql with the project it ports (bench/transpiler-comparison.ts,
 * docs/translation.md "polyglot-sql vs sqlglot"); QueryService does not use it.
 *
 * Pyodide's startup (≈2 s with the wheel) and each transpile are CPU work, so they run on one
 * worker thread and never on the event loop thread. Requests queue in the worker and are
 * answered in order. The wheel is the one scripts/setup/sqlglot.sh vendored; there is no
 * network access at runtime.
 */
import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { Dialect } from '../../core/dialect.ts'
import { errors } from '../../core/errors.ts'
import type { TableName, Translation, Translator } from '../translator.ts'
import { sqlglotWheelPath } from './sqlglot-wheel.ts'
import type { WorkerInit, WorkerReply, WorkerRequest } from './sqlglot-worker.ts'

/** Our dialects → sqlglot's dialect names (`sqlglot.dialects.Dialects`). */
const SQLGLOT_DIALECT: Readonly<Record<Dialect, string>> = {
  trino: 'trino',
  postgres: 'postgres',
  mysql: 'mysql',
  duckdb: 'duckdb',
  starrocks: 'starrocks',
  clickhouse: 'clickhouse',
  athena: 'athena',
}

export function sqlglotDialect (dialect: Dialect): string {
  return SQLGLOT_DIALECT[dialect]
}

/**
 * Dialects that fold unquoted identifiers to lower case, as table-names.ts has them (not
 * imported from there: that module loads polyglot).
 */
const FOLDS_TO_LOWER: ReadonlySet<Dialect> = new Set<Dialect>(['trino', 'postgres', 'duckdb', 'athena'])

const WORKER_URL = new URL('./sqlglot-worker.ts', import.meta.url)

export interface SqlglotTranslatorOptions {
  /** The sqlglot wheel; default: where scripts/setup/sqlglot.sh puts it. */
  readonly wheelPath?: string
}

interface Pending {
  readonly resolve: (output: string) => void
  readonly reject: (error: Error) => void
}

interface Refusal { readonly error: string, readonly line?: number | null, readonly column?: number | null }
type TranspileOutput = { readonly sql: readonly string[] } | Refusal
type TablesOutput = { readonly tables: readonly TableName[] } | Refusal

function refused (output: Refusal, from: Dialect, to: Dialect): Error {
  const position = typeof output.line === 'number' && typeof output.column === 'number' ? { line: output.line, column: output.column } : undefined
  return errors.translationFailed(from, to, `sqlglot: ${output.error}`, output, position)
}

/** Waits for the worker's first message: sqlglot's version once it is imported, or why it could not be. */
async function readyVersion (worker: Worker): Promise<string> {
  return await new Promise((resolve, reject) => {
    const settle = (error: Error | undefined, version = ''): void => {
      // Only these listeners: Worker keeps internal ones of its own (they ref and unref its port).
      worker.off('error', onError).off('exit', onExit).off('message', onMessage)
      if (error === undefined) resolve(version)
      else reject(error)
    }
    const onError = (error: Error): void => settle(errors.internal('the sqlglot worker failed to start', error))
    const onExit = (code: number): void => settle(errors.internal(`the sqlglot worker exited with code ${code} while starting`))
    const onMessage = (reply: WorkerReply): void => {
      if (reply.type === 'ready') settle(undefined, reply.version)
      else settle(errors.internal(`the sqlglot worker could not load sqlglot: ${reply.type === 'initFailed' ? reply.message : reply.type}`))
    }
    worker.on('error', onError).on('exit', onExit).on('message', onMessage)
  })
}

export class SqlglotTranslator implements Translator {
  /** sqlglot's own `__version__`, as loaded. */
  readonly version: string
  readonly #worker: Worker
  readonly #pending = new Map<number, Pending>()
  #nextId = 0
  /** Set once the worker is gone (closed, crashed); every later call fails with it. */
  #gone: Error | undefined

  private constructor (worker: Worker, version: string) {
    this.#worker = worker
    this.version = version
    worker.on('message', (reply: WorkerReply) => { if (reply.type === 'result') this.#settle(reply.id, reply.output) })
    worker.on('error', (error) => this.#fail(errors.internal(`the sqlglot worker crashed: ${error.message}`, error)))
    worker.on('exit', (code) => this.#fail(errors.internal(`the sqlglot worker exited with code ${code}`)))
    worker.unref()
  }

  /** Starts the worker and waits until Pyodide has imported sqlglot (≈2 s). */
  static async create (options: SqlglotTranslatorOptions = {}): Promise<SqlglotTranslator> {
    const wheelPath = options.wheelPath ?? sqlglotWheelPath()
    if (!existsSync(wheelPath)) {
      throw errors.engineUnavailable('the sqlglot translator', `its wheel ${wheelPath} is missing: run scripts/setup/sqlglot.sh`)
    }
    const worker = new Worker(WORKER_URL, { workerData: { wheelPath } satisfies WorkerInit })
    try {
      const version = await readyVersion(worker)
      return new SqlglotTranslator(worker, version)
    } catch (error) {
      await worker.terminate()
      throw error
    }
  }

  /**
   * Plain `sqlglot.transpile`. TranslateOptions (table schemas) are not taken: sqlglot's
   * transpile does not use column types, and there is no rewrite layer here that would.
   */
  async translate (sql: string, from: Dialect, to: Dialect): Promise<Translation> {
    const startedAt = performance.now()
    if (from === to) return { sql, from, to, outcome: 'identity', elapsedMs: performance.now() - startedAt, rewrites: [] }
    const output = JSON.parse(await this.#send({ id: this.#nextId++, op: 'transpile', sql, read: SQLGLOT_DIALECT[from], write: SQLGLOT_DIALECT[to] })) as TranspileOutput
    if ('error' in output) throw refused(output, from, to)
    // Several statements are rare in a query request; keep them all, as polyglot.ts does.
    const translated = output.sql.length === 1 ? output.sql[0] ?? '' : output.sql.join(';\n')
    return { sql: translated, from, to, outcome: 'translated', elapsedMs: performance.now() - startedAt, rewrites: [] }
  }

  async tablesOf (sql: string, from: Dialect): Promise<readonly TableName[]> {
    const output = JSON.parse(await this.#send({ id: this.#nextId++, op: 'tables', sql, read: SQLGLOT_DIALECT[from], foldsToLower: FOLDS_TO_LOWER.has(from) })) as TablesOutput
    if ('error' in output) throw refused(output, from, from)
    return output.tables
  }

  /** Stops the worker; later translations fail with SHUTTING_DOWN. */
  async close (): Promise<void> {
    this.#fail(errors.shuttingDown())
    await this.#worker.terminate()
  }

  #send (request: WorkerRequest): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.#gone !== undefined) {
        reject(this.#gone)
        return
      }
      // Only a worker with work in flight keeps the process alive.
      if (this.#pending.size === 0) this.#worker.ref()
      this.#pending.set(request.id, { resolve, reject })
      this.#worker.postMessage(request)
    })
  }

  #settle (id: number, output: string): void {
    const pending = this.#pending.get(id)
    if (pending === undefined) return
    this.#pending.delete(id)
    if (this.#pending.size === 0) this.#worker.unref()
    pending.resolve(output)
  }

  #fail (error: Error): void {
    this.#gone ??= error
    for (const pending of this.#pending.values()) pending.reject(this.#gone)
    this.#pending.clear()
  }
}
