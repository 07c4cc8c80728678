/**
 * Typed parameters for Athena: StartQueryExecution's ExecutionParameters, one SQL literal text
 * per `?` in order (Athena substitutes them as it runs a prepared statement; strings must carry
 * their quotes). Athena's engines are Trino-based, so literals are Trino's, in their plainest
 * form: bare numbers, quoted strings, `DATE '…'`, `TIMESTAMP '…'`, `X'…'`.
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying-with-prepared-statements.html
 */
import { errors } from '../../core/errors.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import { quoteTrinoString, renderTrinoLiteral } from '../trino/parameters.ts'

export function athenaExecutionParameters (parameters: readonly QueryParameter[] | undefined): string[] | undefined {
  if (parameters === undefined || parameters.length === 0) return undefined
  return parameters.map(renderAthenaLiteral)
}

export function renderAthenaLiteral (parameter: QueryParameter): string {
  const { type, value } = parameter
  if (value === null || value === undefined) return 'NULL'
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const text = typeof value === 'bigint' ? value.toString() : String(value)
      if (!/^-?\d+$/.test(text)) throw errors.badRequest(`parameter value '${text}' is not an integer`)
      return text
    }
    case 'real':
    case 'double': {
      const number = Number(value)
      if (Number.isNaN(number)) return 'nan()'
      if (!Number.isFinite(number)) return number > 0 ? 'infinity()' : '-infinity()'
      return `DOUBLE ${quoteTrinoString(String(number))}`
    }
    case 'varchar':
    case 'unknown': return quoteTrinoString(String(value))
    case 'timestamp': return `TIMESTAMP ${quoteTrinoString(String(value))}`
    default: return renderTrinoLiteral(type, value)
  }
}
