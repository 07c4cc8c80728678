/**
 * MySQL → ClickHouse 18.16 rewrites: so far only what is cheap and exact, COUNT's BIGINT result
 * type (with the window-safe cast). The rules are shared with the other MySQL-source pairs
 * (mysql-common/); this is the ClickHouse selection.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateCastInWindow } from '../mysql-common/aggregate-casts.ts'
import { mysqlSourceRules } from '../mysql-common/index.ts'
import { rulesForTarget } from '../mysql-common/per-target.ts'

export const mysqlToClickHouseRules: readonly RewriteRule[] = [
  ...rulesForTarget(mysqlSourceRules, 'clickhouse'),
  aggregateCastInWindow('my-aggregate-cast-in-window'),
]
