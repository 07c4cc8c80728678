/**
 * Result columns reported with the SOURCE dialect's type (Translation.resultTypes) where the
 * engine cannot produce it: a Trino client that asks MariaDB or ClickHouse for `a > b` gets a
 * boolean column, not an integer 0/1. The wrapper converts values batch by batch as the
 * consumer pulls them (no buffering); a result with nothing to convert is returned as it is,
 * so that `encodedPages` pass-through stays untouched.
 *
 * Used by QueryService and by the translation corpus (test/corpus/runner.ts), so that the corpus
 * measures what clients get.
 */
import type { Column, QueryResult, Row, RowBatch } from '../core/query-result.ts'
import { parseType } from '../core/logical-type.ts'
import type { LogicalType } from '../core/logical-type.ts'

type Convert = (value: unknown) => unknown

/** 0/1 (number, bigint, decimal text, BIT bytes) → false/true; NULL stays NULL. MySQL's truth: any non-zero is true. */
function toBoolean (value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value
  if (typeof value === 'number') return value !== 0
  if (typeof value === 'bigint') return value !== 0n
  if (typeof value === 'string') return Number(value) !== 0
  if (value instanceof Uint8Array) return value.some((byte) => byte !== 0)
  return value
}

/** How to turn an engine column into the source's type, or undefined when it already is that type or none is known. */
function converterFor (column: Column, sourceType: LogicalType): Convert | undefined {
  if (column.type.kind === sourceType.kind) return undefined
  if (sourceType.kind === 'boolean') {
    switch (column.type.kind) {
      case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'decimal': case 'varbinary': return toBoolean
      default: return undefined
    }
  }
  return undefined
}

/**
 * `result` with the columns named by `resultTypes` reported as the source's type and their
 * values converted. Returned unchanged when `resultTypes` is absent, its length differs from
 * the engine's column count (a statement whose output the translator could not see), or no
 * column needs a change.
 */
export function withSourceResultTypes (result: QueryResult, resultTypes: readonly (string | undefined)[] | undefined): QueryResult {
  if (resultTypes === undefined || resultTypes.length !== result.columns.length) return result
  const converters: Array<Convert | undefined> = []
  const columns: Column[] = []
  let changed = false
  result.columns.forEach((column, i) => {
    const text = resultTypes[i]
    const sourceType = text === undefined ? undefined : parseType(text)
    const convert = sourceType === undefined ? undefined : converterFor(column, sourceType)
    converters.push(convert)
    if (convert !== undefined && sourceType !== undefined) {
      changed = true
      columns.push({ name: column.name, type: sourceType })
    } else {
      columns.push(column)
    }
  })
  if (!changed) return result
  const inner = result.batches
  const batches = (async function * (): AsyncGenerator<RowBatch> {
    for await (const batch of inner) yield { rows: batch.rows.map((row) => convertRow(row, converters)) }
  })()
  // No encodedPages: the engine's encoded pages carry its types and values, not the converted ones.
  return {
    columns,
    batches,
    ...(result.updateCount === undefined ? {} : { updateCount: result.updateCount }),
    warnings: result.warnings,
    ...(result.sessionUpdate === undefined ? {} : { sessionUpdate: result.sessionUpdate }),
    stats: () => result.stats(),
    close: async () => {
      // The engine's result first: a pull in flight ends with it, so the generator's return() cannot wait on it.
      await result.close()
      await batches.return(undefined)
    },
  }
}

function convertRow (row: Row, converters: ReadonlyArray<Convert | undefined>): Row {
  const out = row.slice()
  for (let i = 0; i < converters.length; i++) {
    const convert = converters[i]
    if (convert !== undefined) out[i] = convert(out[i])
  }
  return out
}
