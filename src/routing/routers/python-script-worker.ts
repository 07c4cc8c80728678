/**
 * Worker thread of a pythonScript router: loads Pyodide, sets up the sandbox, compiles the
 * script, then answers calls one at a time. It runs in its own thread so the main thread can
 * interrupt a script that overruns its time limit (through the shared interrupt buffer, which
 * Pyodide polls every few dozen bytecodes) or terminate the thread if it does not stop.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { ALLOWED_MODULES, SANDBOX_PRELUDE } from './python-sandbox.ts'

export interface WorkerInit { readonly source: string, readonly interrupt: SharedArrayBuffer }
export type WorkerRequest = { readonly id: number, readonly input: string }
export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'initFailed', readonly message: string }
  | { readonly type: 'result', readonly id: number, readonly output: string }

/** The few Pyodide calls used here (pyodide is an optional dependency, so no static types). */
interface PyCallable { (...args: unknown[]): unknown, destroy?: () => void }
interface Pyodide {
  setInterruptBuffer (buffer: Int32Array): void
  runPython (code: string): unknown
  readonly globals: { get (name: string): PyCallable }
}

async function start (port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  // A variable specifier keeps bundlers and the type checker from requiring the optional package.
  const specifier = 'pyodide'
  const { loadPyodide } = await import(specifier) as { loadPyodide: (options: object) => Promise<Pyodide> }
  const pyodide = await loadPyodide({ jsglobals: {}, env: {}, stdout: () => {}, stderr: () => {} })
  pyodide.setInterruptBuffer(new Int32Array(init.interrupt))
  pyodide.runPython(SANDBOX_PRELUDE)
  const setup = pyodide.globals.get('__qf_setup')
  const call = setup(init.source, ALLOWED_MODULES.join(',')) as PyCallable
  setup.destroy?.()
  port.on('message', (request: WorkerRequest) => {
    let output: string
    try {
      output = String(call(request.input))
    } catch (error) {
      output = JSON.stringify({ error: error instanceof Error ? error.message : String(error) })
    }
    port.postMessage({ type: 'result', id: request.id, output } satisfies WorkerReply)
  })
  port.postMessage({ type: 'ready' } satisfies WorkerReply)
}

if (parentPort !== null) {
  const port = parentPort
  start(port, workerData as WorkerInit).catch((error: unknown) => {
    // Python's message ends with the exception line; keep the last lines, which say what is wrong.
    const message = error instanceof Error ? error.message.trim().split('\n').slice(-3).join(' | ') : String(error)
    port.postMessage({ type: 'initFailed', message } satisfies WorkerReply)
  })
}
