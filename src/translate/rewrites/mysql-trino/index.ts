/**
 * MySQL → Trino rewrites: MySQL's result types (decimal `/`, SUM and AVG), its date/string
 * comparisons and select aliases in GROUP BY / HAVING, and MySQL functions Trino lacks. The rules
 * are shared with the other MySQL-source pairs (mysql-common/); this is the Trino selection.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { mysqlSourceRules } from '../mysql-common/index.ts'
import { rulesForTarget } from '../mysql-common/per-target.ts'

export const mysqlToTrinoRules: readonly RewriteRule[] = rulesForTarget(mysqlSourceRules, 'trino')
