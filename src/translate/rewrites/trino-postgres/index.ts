/**
 * Trino → PostgreSQL rewrites: where polyglot's translation would make PostgreSQL fail or return
 * something other than Trino's answer. Each rule names itself and says why; the corpus
 * (test/corpus) measures them on a real PostgreSQL.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { collectionRules } from './collections.ts'
import { datetimeRules } from './datetime.ts'
import { numberRules } from './numbers.ts'
import { stringRules } from './strings.ts'
import { listagg } from './listagg.ts'

export const trinoToPostgresRules: readonly RewriteRule[] = [
  ...numberRules,
  ...datetimeRules,
  ...stringRules,
  ...collectionRules,
  listagg,
]
