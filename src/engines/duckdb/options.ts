/**
 * A `duckDb` cluster's config → the settings the embedded engine opens with.
 */
import type { ClusterConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'

export type DuckDbClusterConfig = Extract<ClusterConfig, { engine: 'duckDb' }>

export interface DuckDbOptions {
  /** DuckDB database file, or `:memory:`. All connections of the cluster share one instance. */
  readonly databasePath: string
  /** Statements run once, in order, on the first connection when the cluster opens. */
  readonly initSql: readonly string[]
  /** Connections in the query pool; one running query holds one connection until its result is read or closed. */
  readonly poolSize: number
}

export const IN_MEMORY = ':memory:'

export function resolveDuckDbOptions (name: string, config: DuckDbClusterConfig): DuckDbOptions {
  const databasePath = config.databasePath === undefined || config.databasePath === '' ? IN_MEMORY : config.databasePath
  const poolSize = config.poolSize ?? 4
  if (!Number.isInteger(poolSize) || poolSize < 1) {
    throw errors.configInvalid(`clusters.${name}.poolSize must be a positive integer (got ${String(poolSize)})`)
  }
  return { databasePath, initSql: config.initSql ?? [], poolSize }
}
