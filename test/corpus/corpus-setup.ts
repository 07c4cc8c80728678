/**
 * Prepares a corpus run: opens every engine, generates the data set once and loads it into all
 * five engines in parallel.
 */
import { generateEdgeCases } from './dataset/edge-cases.ts'
import { generateTpch } from './dataset/tpch.ts'
import type { CorpusTable } from './dataset/corpus-table.ts'
import { closeEngines, openEngines, TRINO_CATALOG, TRINO_SCHEMA } from './corpus-engines.ts'
import type { CorpusEngineHandle } from './corpus-engines.ts'
import { loadDataset } from './load/load-dataset.ts'
import type { CorpusEngine } from './load/table-sql.ts'

/** TPC-H scale factor of the corpus data set (≈60 000 lineitem rows). */
export const SCALE_FACTOR = 0.01
export const SEED = 20240501

export function corpusTables (): CorpusTable[] {
  return [...generateTpch({ scaleFactor: SCALE_FACTOR, seed: SEED }), generateEdgeCases()]
}

const BATCH_ROWS: Readonly<Record<CorpusEngine, number>> = { duckdb: 2000, postgres: 2000, mysql: 2000, clickhouse: 10_000, trino: 2000 }

export async function openLoadedEngines (log: (line: string) => void = () => {}): Promise<Map<CorpusEngine, CorpusEngineHandle>> {
  const engines = await openEngines()
  try {
    const tables = corpusTables()
    const signal = AbortSignal.timeout(300_000)
    await Promise.all([...engines.values()].map(async (handle) => {
      const loaded = await loadDataset({
        engine: handle.engine,
        adapter: handle.adapter,
        session: handle.session,
        tables,
        batchRows: BATCH_ROWS[handle.engine],
        parallelTables: 2,
        prepare: handle.engine === 'trino' ? [`CREATE SCHEMA IF NOT EXISTS ${TRINO_CATALOG}.${TRINO_SCHEMA}`] : [],
      }, signal)
      log(`loaded ${handle.engine} in ${(loaded.elapsedMs / 1000).toFixed(1)} s (${loaded.statements} statements)`)
    }))
    return engines
  } catch (error) {
    await closeEngines(engines)
    throw error
  }
}
