/**
 * MySQL → PostgreSQL rewrites: MySQL's result types (decimal `/` and SUM, integer date parts,
 * dates staying dates) and MySQL functions PostgreSQL lacks. The rules are shared with the other
 * MySQL-source pairs (mysql-common/); this is the PostgreSQL selection.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateCastInWindow } from '../mysql-common/aggregate-casts.ts'
import { mysqlSourceRules } from '../mysql-common/index.ts'
import { rulesForTarget } from '../mysql-common/per-target.ts'

export const mysqlToPostgresRules: readonly RewriteRule[] = [
  ...rulesForTarget(mysqlSourceRules, 'postgres'),
  aggregateCastInWindow('my-aggregate-cast-in-window'),
]
