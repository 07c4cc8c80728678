/**
 * Runs one routing script in a worker thread and calls it with a time limit. Calls go one at a
 * time in arrival order. When a call overruns `timeoutMs` its caller is answered at once, the
 * worker is interrupted (KeyboardInterrupt inside the script), and if it still has not answered
 * after a grace period (stuck outside the interpreter loop) the thread is terminated and a fresh
 * one is started for the next call. A script that fails to compile fails every call with that
 * message; warmUp() reports it as CONFIG_INVALID so startup can refuse the config.
 */
import { Worker } from 'node:worker_threads'
import { errors } from '../../core/errors.ts'
import type { WorkerReply } from './python-script-worker.ts'

/** Starts the worker thread; tests pass a stand-in for Pyodide's worker. */
export type SpawnWorker = (workerData: { readonly source: string, readonly interrupt: SharedArrayBuffer }) => Worker

const spawnPyodideWorker: SpawnWorker = (workerData) => new Worker(new URL('./python-script-worker.ts', import.meta.url), { workerData, env: {} })

export type ScriptAnswer = { readonly group: string | null } | { readonly error: string }

interface PendingCall {
  readonly id: number
  readonly input: string
  readonly enqueuedAt: number
  readonly resolve: (answer: ScriptAnswer) => void
}

/** Calls waiting behind the one in flight; past this the script is too slow for the traffic. */
const MAX_PENDING = 1000
/** How long a stuck script may ignore the interrupt before its thread is terminated. */
const TERMINATE_GRACE_MS = 1000
/** Pyodide starts in ≈2 s; give a loaded machine plenty more. */
const START_TIMEOUT_MS = 60_000

export class PythonHost {
  readonly #source: string
  readonly #timeoutMs: number
  readonly #where: string
  readonly #spawn: SpawnWorker
  readonly #interrupt = new Int32Array(new SharedArrayBuffer(4))
  readonly #pending: PendingCall[] = []
  #worker: Worker | undefined
  #ready: Promise<void> | undefined
  #inFlight: { call: PendingCall, isAnswered: boolean, soft: NodeJS.Timeout, hard?: NodeJS.Timeout } | undefined
  #loadError: string | undefined
  #nextId = 0
  #isClosed = false

  constructor (source: string, timeoutMs: number, where: string, spawn: SpawnWorker = spawnPyodideWorker) {
    this.#spawn = spawn
    this.#source = source
    this.#timeoutMs = timeoutMs
    this.#where = where
  }

  /** Starts the worker if needed; rejects with CONFIG_INVALID when the script cannot load. */
  async warmUp (): Promise<void> {
    await this.#start()
    if (this.#loadError !== undefined) throw errors.configInvalid(`${this.#where}: ${this.#loadError}`)
  }

  /** Calls route(query, ctx) with a JSON payload; never rejects. */
  async call (input: string): Promise<ScriptAnswer> {
    if (this.#isClosed) return { error: 'the router is closed' }
    if (this.#pending.length >= MAX_PENDING) return { error: `the script is too slow for the traffic (${MAX_PENDING} calls waiting)` }
    const answer = new Promise<ScriptAnswer>((resolve) => {
      this.#pending.push({ id: this.#nextId++, input, enqueuedAt: performance.now(), resolve })
    })
    void this.#start().then(() => this.#pump())
    return await answer
  }

  async close (): Promise<void> {
    this.#isClosed = true
    for (const call of this.#pending.splice(0)) call.resolve({ error: 'the router is closed' })
    this.#finishInFlight({ error: 'the router is closed' })
    await this.#worker?.terminate()
    this.#worker = undefined
  }

  #start (): Promise<void> {
    this.#ready ??= new Promise<void>((resolve) => {
      let worker: Worker
      try {
        worker = this.#spawn({ source: this.#source, interrupt: this.#interrupt.buffer as SharedArrayBuffer })
      } catch (error) {
        this.#loadError = `the script's worker did not start: ${error instanceof Error ? error.message : String(error)}`
        resolve()
        return
      }
      worker.unref()
      this.#worker = worker
      const fail = (message: string): void => {
        clearTimeout(startTimer)
        this.#loadError = message
        resolve()
        void worker.terminate()
      }
      const startTimer = setTimeout(() => fail(`Python did not start within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS)
      worker.on('message', (reply: WorkerReply) => {
        if (reply.type === 'ready') { clearTimeout(startTimer); resolve() }
        else if (reply.type === 'initFailed') fail(`the script did not load: ${reply.message}`)
        else this.#onResult(reply.id, reply.output)
      })
      const onGone = (why: string): void => {
        clearTimeout(startTimer)
        if (this.#worker !== worker) return
        if (this.#loadError !== undefined) {
          // It failed to load: it stays failed (no restart loop); pending calls get the reason.
          this.#worker = undefined
          this.#pump()
          return
        }
        this.#worker = undefined
        this.#ready = undefined
        this.#finishInFlight({ error: why })
        resolve()
        if (!this.#isClosed && this.#pending.length > 0) void this.#start().then(() => this.#pump())
      }
      worker.on('error', (error) => onGone(`the script's worker failed: ${error.message}`))
      worker.on('exit', (code) => onGone(`the script's worker exited (code ${code})`))
    })
    return this.#ready
  }

  #pump (): void {
    if (this.#loadError !== undefined) {
      for (const call of this.#pending.splice(0)) call.resolve({ error: this.#loadError })
      return
    }
    if (this.#inFlight !== undefined || this.#worker === undefined) return
    // Long enough to ride out a terminated thread's restart (Pyodide starts in ≈2 s).
    const queueLimitMs = Math.max(10_000, 20 * this.#timeoutMs)
    let call = this.#pending.shift()
    while (call !== undefined && performance.now() - call.enqueuedAt > queueLimitMs) {
      call.resolve({ error: `waited over ${queueLimitMs} ms behind slower calls of the script` })
      call = this.#pending.shift()
    }
    if (call === undefined) return
    Atomics.store(this.#interrupt, 0, 0)
    const soft = setTimeout(() => this.#onTimeout(), this.#timeoutMs)
    this.#inFlight = { call, isAnswered: false, soft }
    this.#worker.postMessage({ id: call.id, input: call.input })
  }

  #onTimeout (): void {
    const inFlight = this.#inFlight
    if (inFlight === undefined) return
    inFlight.isAnswered = true
    inFlight.call.resolve({ error: `the script exceeded its time limit of ${this.#timeoutMs} ms` })
    Atomics.store(this.#interrupt, 0, 2) // SIGINT: the script raises KeyboardInterrupt
    inFlight.hard = setTimeout(() => {
      // It ignored the interrupt: a fresh thread serves the next calls.
      const worker = this.#worker
      this.#worker = undefined
      this.#ready = undefined
      this.#finishInFlight({ error: 'terminated' })
      void worker?.terminate()
      if (!this.#isClosed && this.#pending.length > 0) void this.#start().then(() => this.#pump())
    }, TERMINATE_GRACE_MS)
  }

  #onResult (id: number, output: string): void {
    if (this.#inFlight?.call.id !== id) return
    let answer: ScriptAnswer
    try {
      answer = JSON.parse(output) as ScriptAnswer
    } catch {
      answer = { error: 'the script answered something that is not JSON' }
    }
    this.#finishInFlight(answer)
    this.#pump()
  }

  #finishInFlight (answer: ScriptAnswer): void {
    const inFlight = this.#inFlight
    if (inFlight === undefined) return
    this.#inFlight = undefined
    clearTimeout(inFlight.soft)
    if (inFlight.hard !== undefined) clearTimeout(inFlight.hard)
    if (!inFlight.isAnswered) inFlight.call.resolve(answer)
  }
}
