/**
 * MySQL → DuckDB rewrites: MySQL's result types (decimal `/` and AVG, dates staying dates) and
 * MySQL functions DuckDB lacks or computes differently. The rules are shared with the other
 * MySQL-source pairs (mysql-common/); this is the DuckDB selection.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateCastInWindow } from '../mysql-common/aggregate-casts.ts'
import { mysqlSourceRules } from '../mysql-common/index.ts'
import { rulesForTarget } from '../mysql-common/per-target.ts'

export const mysqlToDuckDbRules: readonly RewriteRule[] = [
  ...rulesForTarget(mysqlSourceRules, 'duckdb'),
  aggregateCastInWindow('my-aggregate-cast-in-window'),
]
