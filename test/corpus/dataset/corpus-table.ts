/** The shape every generated corpus table has, independent of the engine it is loaded into. */
import type { LogicalType } from '../../../src/core/logical-type.ts'

export interface CorpusColumn {
  readonly name: string
  readonly type: LogicalType
  /** TPC-H columns are NOT NULL; the edge-case table's are nullable. */
  readonly nullable: boolean
}

/** A table and its rows; values follow the row representation of src/core/logical-type.ts. */
export interface CorpusTable {
  readonly name: string
  readonly columns: readonly CorpusColumn[]
  readonly rows: readonly (readonly unknown[])[]
  /** Column ClickHouse's MergeTree orders by (its primary key). */
  readonly sortKey: string
  /** The TPC-H primary key; PostgreSQL and MySQL-wire engines get it (and its index). */
  readonly primaryKey: readonly string[]
  /** Foreign-key columns a real schema would index, so MySQL-wire joins do not scan. */
  readonly indexes: readonly string[]
}
