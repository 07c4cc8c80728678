/**
 * Trino → MySQL-wire (MySQL, MariaDB) rewrites: where polyglot's translation would make the
 * engine fail or return something other than Trino's answer. Each rule names itself and says why;
 * the corpus (test/corpus) measures them on a real MariaDB.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { collationRules } from './collation.ts'
import { datetimeRules } from './datetime.ts'
import { joinRules } from './joins.ts'
import { numberRules } from './numbers.ts'
import { queryRules } from './queries.ts'
import { stringRules } from './strings.ts'

export const trinoToMysqlRules: readonly RewriteRule[] = [
  ...joinRules,
  ...queryRules,
  // Before numberRules: mysql-range-frame-days passes a window on to mysql-sum-window-cast.
  ...datetimeRules,
  ...numberRules,
  ...stringRules,
  ...collationRules,
]
