/**
 * `pythonScript`: an operator's Python function `route(query, ctx)` returns a cluster group name
 * or None. It runs in-process on Pyodide (CPython compiled to WebAssembly), in a worker thread,
 * with the JavaScript bridge cut off and imports limited (see python-sandbox.ts), and with a
 * time limit per call (python-host.ts). `pyodide` is an optional dependency: without it, building
 * this router fails with CONFIG_INVALID and every other router works as usual.
 */
import { readFileSync } from 'node:fs'
import { errors } from '../../core/errors.ts'
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'
import { PythonHost } from './python-host.ts'
import type { SpawnWorker } from './python-host.ts'

export interface PythonScriptRouterOptions {
  readonly script?: string | undefined
  readonly scriptFile?: string | undefined
  readonly timeoutMs: number
}

export class PythonScriptRouter implements Router {
  readonly type = 'pythonScript'
  readonly #host: PythonHost

  /** `deps` are for tests; by default the `pyodide` package must resolve from here. */
  constructor (options: PythonScriptRouterOptions, where: string, deps: { readonly isAvailable?: () => boolean, readonly spawn?: SpawnWorker } = {}) {
    const source = readSource(options, where)
    if (!(deps.isAvailable ?? isPyodideInstalled)()) {
      throw errors.configInvalid(`${where}: pythonScript routers run Python on the 'pyodide' npm package, which is not installed: add it (npm install pyodide) or remove this router`)
    }
    this.#host = new PythonHost(source, options.timeoutMs, where, deps.spawn)
  }

  async warmUp (): Promise<void> {
    await this.#host.warmUp()
  }

  async close (): Promise<void> {
    await this.#host.close()
  }

  async evaluate (request: QueryRequest): Promise<RouterVerdict> {
    const answer = await this.#host.call(JSON.stringify({ query: request.sql, ctx: scriptContext(request) }))
    if ('error' in answer) return { matched: false, saw: 'route(query, ctx) failed', reason: `script failed: ${answer.error}` }
    if (answer.group === null) return { matched: false, saw: 'route(query, ctx) → None', reason: 'the script returned None' }
    return { matched: true, group: answer.group, saw: `route(query, ctx) → '${answer.group}'`, reason: `the script chose group '${answer.group}'` }
  }
}

/** What `ctx` holds in the script: the session, with absent fields left out. */
export function scriptContext (request: QueryRequest): Record<string, unknown> {
  const s = request.session
  const ctx: Record<string, unknown> = { user: s.user, protocol: s.protocol, headers: s.headers, clientTags: s.clientTags, properties: s.properties }
  for (const key of ['catalog', 'schema', 'database', 'source', 'remoteAddress', 'timeZone'] as const) {
    if (s[key] !== undefined) ctx[key] = s[key]
  }
  return ctx
}

function readSource (options: PythonScriptRouterOptions, where: string): string {
  if ((options.script === undefined) === (options.scriptFile === undefined)) {
    throw errors.configInvalid(`${where}: set exactly one of script (inline Python) and scriptFile (a path)`)
  }
  if (options.script !== undefined) return options.script
  try {
    return readFileSync(options.scriptFile!, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw errors.configInvalid(`${where}: cannot read scriptFile '${options.scriptFile}': ${reason}`)
  }
}

function isPyodideInstalled (): boolean {
  try {
    import.meta.resolve('pyodide')
    return true
  } catch {
    return false
  }
}
