/**
 * Worker thread of the sqlglot translator: starts Pyodide (≈1.5 s), unpacks the vendored wheel
 * into its site-packages and imports sqlglot (≈0.7 s), says ready, then answers one message per
 * transpile. Pyodide startup and a transpile are CPU work on one thread, so they never run on
 * the event loop thread (see sqlglot-translator.ts).
 *
 * Requests are answered in order, one at a time.
 */
import { readFileSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { loadPyodide } from 'pyodide'

export interface WorkerInit { readonly wheelPath: string }
export type WorkerRequest =
  | { readonly id: number, readonly op: 'transpile', readonly sql: string, readonly read: string, readonly write: string }
  | { readonly id: number, readonly op: 'tables', readonly sql: string, readonly read: string, readonly foldsToLower: boolean }
export type WorkerReply =
  | { readonly type: 'ready', readonly version: string }
  | { readonly type: 'initFailed', readonly message: string }
  | { readonly type: 'result', readonly id: number, readonly output: string }

/**
 * Both functions return JSON and never let a Python exception cross into JavaScript:
 * - `__qf_transpile(sql, read, write)` → {"sql": [statement, ...]}
 * - `__qf_tables(sql, read, folds_to_lower)` → {"tables": [{"catalog", "schema", "name"}, ...]},
 *   the tables the statements read, each once, in order of appearance, CTE names left out
 *   (the rules of table-names.ts, so both transpilers answer alike)
 * - or {"error": reason, "line": n, "column": n}. sqlglot underlines the failing token with ANSI
 *   escapes in str(error); the structured `errors` list is used instead when there is one.
 */
const PRELUDE = String.raw`
import json, re, sqlglot
from sqlglot import ErrorLevel, exp
from sqlglot.errors import SqlglotError

_ansi = re.compile(r'\x1b\[[0-9;]*m')

def _failure(error):
    if not isinstance(error, SqlglotError):
        return json.dumps({'error': 'sqlglot raised ' + type(error).__name__ + ': ' + str(error)})
    details = getattr(error, 'errors', None) or []
    first = details[0] if details else {}
    reason = first.get('description') or _ansi.sub('', str(error)).split('\n')[0]
    if len(details) > 1:
        reason += ' (and ' + str(len(details) - 1) + ' more)'
    return json.dumps({'error': reason, 'line': first.get('line'), 'column': first.get('col')})

def __qf_transpile(sql, read, write):
    try:
        return json.dumps({'sql': sqlglot.transpile(sql, read=read, write=write, unsupported_level=ErrorLevel.RAISE)})
    except Exception as error:
        return _failure(error)

def _part(identifier, folds_to_lower):
    if identifier is None:
        return None
    if not isinstance(identifier, exp.Identifier) or not identifier.name:
        raise ValueError('not a plain name')
    return identifier.name.lower() if folds_to_lower and not identifier.quoted else identifier.name

def __qf_tables(sql, read, folds_to_lower):
    try:
        seen, tables = set(), []
        for statement in sqlglot.parse(sql, read=read):
            if statement is None:
                continue
            ctes = {cte.alias_or_name.lower() for cte in statement.find_all(exp.CTE)}
            for table in statement.find_all(exp.Table, bfs=False):
                try:
                    name = _part(table.args.get('this'), folds_to_lower)
                    schema = _part(table.args.get('db'), folds_to_lower)
                    catalog = _part(table.args.get('catalog'), folds_to_lower)
                except ValueError:
                    continue
                if name is None or (schema is None and name.lower() in ctes):
                    continue
                key = (catalog, schema, name)
                if key in seen:
                    continue
                seen.add(key)
                tables.append({k: v for k, v in (('catalog', catalog), ('schema', schema), ('name', name)) if v is not None})
        return json.dumps({'tables': tables})
    except Exception as error:
        return _failure(error)
`

async function start (port: NonNullable<typeof parentPort>, init: WorkerInit): Promise<void> {
  const wheel = new Uint8Array(readFileSync(init.wheelPath))
  const pyodide = await loadPyodide({ env: {}, stdout: () => {}, stderr: () => {} })
  // Pyodide accepts typed arrays, not Node Buffers.
  pyodide.unpackArchive(wheel, 'wheel')
  pyodide.runPython(PRELUDE)
  const transpile = pyodide.globals.get('__qf_transpile') as (sql: string, read: string, write: string) => string
  const tables = pyodide.globals.get('__qf_tables') as (sql: string, read: string, foldsToLower: boolean) => string
  const version = String(pyodide.runPython('sqlglot.__version__'))
  port.on('message', (request: WorkerRequest) => {
    let output: string
    try {
      output = request.op === 'transpile' ? transpile(request.sql, request.read, request.write) : tables(request.sql, request.read, request.foldsToLower)
    } catch (error) {
      output = JSON.stringify({ error: `the sqlglot worker failed: ${error instanceof Error ? error.message : String(error)}` })
    }
    port.postMessage({ type: 'result', id: request.id, output } satisfies WorkerReply)
  })
  port.postMessage({ type: 'ready', version } satisfies WorkerReply)
}

if (parentPort !== null) {
  const port = parentPort
  start(port, workerData as WorkerInit).catch((error: unknown) => {
    // Python's message ends with the exception line; keep the last lines, which say what is wrong.
    const message = error instanceof Error ? error.message.trim().split('\n').slice(-3).join(' | ') : String(error)
    port.postMessage({ type: 'initFailed', message } satisfies WorkerReply)
  })
}
