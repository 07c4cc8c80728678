/**
 * The Athena engine adapter, over the AWS SDK (@aws-sdk/client-athena). Athena is asynchronous:
 * StartQueryExecution returns an id, GetQueryExecution is polled (the interval grows 1.5× per
 * poll up to a cap, and every wait ends at once when the query's signal fires) until the state
 * is SUCCEEDED, FAILED or CANCELLED, then GetQueryResults pages (up to 1000 rows each, chained by
 * NextToken) are fetched one at a time as the consumer pulls. Cancel is StopQueryExecution;
 * health is GetWorkGroup (the workgroup exists and is ENABLED).
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_Operations.html
 */
import { AthenaClient, GetQueryExecutionCommand, GetQueryResultsCommand, GetWorkGroupCommand, StartQueryExecutionCommand, StopQueryExecutionCommand } from '@aws-sdk/client-athena'
import type { GetQueryResultsCommandOutput, QueryExecution, Row as AthenaRow } from '@aws-sdk/client-athena'
import { Dialect } from '../../core/dialect.ts'
import { abortReason, anySignal, delay, throwIfAborted } from '../../core/cancellation.ts'
import { errors } from '../../core/errors.ts'
import type { ErrorDetails } from '../../core/errors.ts'
import type { Column, QueryResult, QueryStats, Row, RowBatch } from '../../core/query-result.ts'
import type { Logger } from '../../observability/logger.ts'
import { EngineType } from '../engine-adapter.ts'
import type { EngineAdapter, EngineMetadata, EngineQuery, HealthStatus } from '../engine-adapter.ts'
import { mapAthenaApiError, mapAthenaFailure } from './error-map.ts'
import { AthenaMetadata } from './metadata.ts'
import type { AthenaOptions } from './options.ts'
import { athenaExecutionParameters } from './parameters.ts'
import { logicalTypeOfColumnInfo, textDecoder } from './type-map.ts'
import type { TextDecoder } from './type-map.ts'

export class AthenaAdapter implements EngineAdapter {
  readonly engine = EngineType.athena
  readonly dialect = Dialect.athena
  readonly metadata: EngineMetadata
  readonly #name: string
  readonly #options: AthenaOptions
  readonly #logger: Logger
  readonly #client: AthenaClient
  readonly #running = new Map<AbortController, () => Promise<void>>()
  #closed = false

  constructor (name: string, options: AthenaOptions, logger: Logger) {
    this.#name = name
    this.#options = options
    this.#logger = logger
    this.#client = new AthenaClient({ region: options.region, ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }) })
    this.metadata = new AthenaMetadata(this.#client, options.catalog, async (call) => await this.#call(call, {}))
  }

  get #what (): string { return `Athena cluster '${this.#name}'` }

  async #call<T> (call: () => Promise<T>, details: ErrorDetails): Promise<T> {
    try {
      return await call()
    } catch (error) {
      throw mapAthenaApiError(error, this.#what, details)
    }
  }

  async execute (query: EngineQuery, signal: AbortSignal): Promise<QueryResult> {
    throwIfAborted(signal)
    if (this.#closed) throw errors.engineUnavailable(this.#what, 'the adapter is closed')
    const startedAt = performance.now()
    const control = new AbortController()
    const combined = anySignal(signal, control.signal)
    const details: ErrorDetails = { queryId: query.queryId, cluster: this.#name, engine: EngineType.athena }
    let executionId: string | undefined
    let isTerminal = false
    let released: Promise<void> | undefined
    const release = async (): Promise<void> => {
      released ??= (async () => {
        this.#running.delete(control)
        if (executionId !== undefined && !isTerminal) {
          isTerminal = true
          await this.#stop(executionId)
        }
      })()
      await released
    }
    this.#running.set(control, release)
    try {
      const parameters = athenaExecutionParameters(query.parameters)
      const database = query.session.schema ?? query.session.database ?? this.#options.database
      // Not aborted midway: only the id it returns can stop the query.
      const started = await this.#call(async () => await this.#client.send(new StartQueryExecutionCommand({
        QueryString: query.sql,
        WorkGroup: this.#options.workgroup,
        QueryExecutionContext: { Catalog: query.session.catalog ?? this.#options.catalog, Database: database },
        ...(this.#options.s3OutputLocation === undefined ? {} : { ResultConfiguration: { OutputLocation: this.#options.s3OutputLocation } }),
        ...(parameters === undefined ? {} : { ExecutionParameters: parameters }),
      })), details)
      executionId = started.QueryExecutionId
      if (executionId === undefined) throw errors.internal('StartQueryExecution returned no QueryExecutionId')
      const ids = { ...details, athenaQueryExecutionId: executionId }
      const execution = await this.#waitForCompletion(executionId, combined, ids)
      isTerminal = true
      const first = await this.#call(async () => await this.#client.send(new GetQueryResultsCommand({ QueryExecutionId: executionId, MaxResults: this.#options.pageSize }), { abortSignal: combined }), ids)
      const columnInfo = first.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []
      const processedBytes = execution.Statistics?.DataScannedInBytes
      const isDml = execution.StatementType === 'DML' && execution.SubstatementType !== undefined && execution.SubstatementType !== 'SELECT'
      if (isDml || columnInfo.length === 0) {
        this.#running.delete(control)
        return finishedResult(first.UpdateCount ?? (isDml ? 0 : undefined), startedAt, processedBytes)
      }
      const types = columnInfo.map(logicalTypeOfColumnInfo)
      const columns: Column[] = columnInfo.map((info, i) => ({ name: info.Label ?? info.Name ?? `_col${i}`, type: types[i]! }))
      // SELECT results start with a header row of column labels; SHOW/DESCRIBE (DDL, UTILITY) results do not.
      const hasHeader = execution.StatementType !== 'DDL' && execution.StatementType !== 'UTILITY'
      return this.#streamingResult({ executionId, columns, decoders: types.map(textDecoder), first, hasHeader, signal: combined, startedAt, processedBytes, release, details: ids })
    } catch (error) {
      await release()
      if (combined.aborted) throw abortReason(combined)
      throw mapAthenaApiError(error, this.#what, details)
    }
  }

  /** Polls GetQueryExecution with a growing interval until the query ends; throws unless it SUCCEEDED. */
  async #waitForCompletion (executionId: string, signal: AbortSignal, details: ErrorDetails): Promise<QueryExecution> {
    let interval = this.#options.pollIntervalMs
    for (;;) {
      throwIfAborted(signal)
      const { QueryExecution: execution } = await this.#call(async () => await this.#client.send(new GetQueryExecutionCommand({ QueryExecutionId: executionId }), { abortSignal: signal }), details)
      const state = execution?.Status?.State
      if (state === 'SUCCEEDED') return execution!
      if (state === 'FAILED') throw mapAthenaFailure(execution!.Status!, this.#what, details)
      if (state === 'CANCELLED') throw errors.cancelled(`the query was cancelled on Athena (${execution?.Status?.StateChangeReason ?? 'StopQueryExecution'})`).withDetails(details)
      await delay(interval, signal)
      interval = Math.min(Math.round(interval * 1.5), this.#options.maxPollIntervalMs)
    }
  }

  /** StopQueryExecution; never throws (failures are logged). */
  async #stop (executionId: string): Promise<void> {
    try {
      await this.#client.send(new StopQueryExecutionCommand({ QueryExecutionId: executionId }), { abortSignal: AbortSignal.timeout(10_000) })
    } catch (error) {
      this.#logger.warn({ err: (error as Error).message, executionId }, 'Athena StopQueryExecution failed')
    }
  }

  #streamingResult (state: {
    executionId: string, columns: readonly Column[], decoders: readonly TextDecoder[], first: GetQueryResultsCommandOutput, hasHeader: boolean,
    signal: AbortSignal, startedAt: number, processedBytes: number | undefined, release: () => Promise<void>, details: ErrorDetails
  }): QueryResult {
    const client = this.#client
    const call = this.#call.bind(this)
    const pageSize = this.#options.pageSize
    const { signal } = state
    let rows = 0
    let endedAt: number | undefined
    const finish = async (): Promise<void> => {
      endedAt ??= performance.now()
      await state.release()
    }
    const decode = (page: readonly AthenaRow[], skip: number): Row[] => {
      const out: Row[] = []
      for (let r = skip; r < page.length; r++) {
        const data = page[r]!.Data ?? []
        out.push(state.decoders.map((decoder, c) => {
          const text = data[c]?.VarCharValue
          return text === undefined ? null : decoder(text)
        }))
      }
      rows += out.length
      return out
    }
    async function * batches (): AsyncGenerator<RowBatch> {
      try {
        let page = state.first
        let batch = decode(page.ResultSet?.Rows ?? [], state.hasHeader ? 1 : 0)
        for (;;) {
          if (batch.length > 0) yield { rows: batch }
          throwIfAborted(signal)
          const token = page.NextToken
          if (token === undefined) break
          page = await call(async () => await client.send(new GetQueryResultsCommand({ QueryExecutionId: state.executionId, MaxResults: pageSize, NextToken: token }), { abortSignal: signal }), state.details)
          batch = decode(page.ResultSet?.Rows ?? [], 0)
        }
      } catch (error) {
        if (signal.aborted) throw abortReason(signal)
        throw error
      } finally {
        await finish()
      }
    }
    const iterator = batches()
    return {
      columns: state.columns,
      batches: iterator,
      warnings: [],
      stats: (): QueryStats => ({
        rows,
        elapsedMs: (endedAt ?? performance.now()) - state.startedAt,
        ...(state.processedBytes === undefined ? {} : { processedBytes: state.processedBytes }),
      }),
      close: async () => {
        await iterator.return(undefined)
        await finish()
      },
    }
  }

  async checkHealth (signal: AbortSignal): Promise<HealthStatus> {
    try {
      const limit = anySignal(signal, AbortSignal.timeout(10_000))
      const { WorkGroup: workgroup } = await this.#client.send(new GetWorkGroupCommand({ WorkGroup: this.#options.workgroup }), { abortSignal: limit })
      if (workgroup === undefined || workgroup === null) return { healthy: false, detail: `workgroup '${this.#options.workgroup}' not found`, checkedAt: Date.now() }
      if (workgroup.State !== 'ENABLED') return { healthy: false, detail: `workgroup '${this.#options.workgroup}' is ${workgroup.State ?? 'in an unknown state'}`, checkedAt: Date.now() }
      return { healthy: true, detail: `Athena workgroup '${this.#options.workgroup}' in ${this.#options.region}`, checkedAt: Date.now() }
    } catch (error) {
      const reason = signal.aborted ? 'health check cancelled' : mapAthenaApiError(error, this.#what).message
      return { healthy: false, detail: reason, checkedAt: Date.now() }
    }
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    const running = [...this.#running.entries()]
    for (const [control] of running) control.abort(errors.cancelled(`${this.#what} is closing`))
    // StopQueryExecution for queries still running must go out before the client is destroyed.
    await Promise.allSettled(running.map(async ([, release]) => await release()))
    this.#client.destroy()
  }
}

function finishedResult (updateCount: number | undefined, startedAt: number, processedBytes: number | undefined): QueryResult {
  const elapsedMs = performance.now() - startedAt
  return {
    columns: [],
    batches: (async function * (): AsyncGenerator<RowBatch> {})(),
    ...(updateCount === undefined ? {} : { updateCount }),
    warnings: [],
    stats: () => ({ rows: 0, elapsedMs, ...(processedBytes === undefined ? {} : { processedBytes }) }),
    close: async () => {},
  }
}
