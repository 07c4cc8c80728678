/** `pythonScript`: placeholder until the pyodide-backed implementation lands. */
import type { QueryRequest } from '../../core/query-request.ts'
import { errors } from '../../core/errors.ts'
import type { Router, RouterVerdict } from '../router.ts'

export class PythonScriptRouter implements Router {
  readonly type = 'pythonScript'
  constructor (_options: unknown, where: string) {
    throw errors.configInvalid(`${where}: pythonScript routers need the 'pyodide' package, which is not installed`)
  }

  evaluate (_request: QueryRequest): RouterVerdict {
    return { matched: false, saw: '', reason: 'unavailable' }
  }
}
