/**
 * Trino → DuckDB rewrites: where polyglot's translation would make DuckDB return something other
 * than Trino's answer. Each rule names itself and says why; docs/translation.md lists them.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { arithmeticRules } from './arithmetic.ts'
import { collectionRules } from './collections.ts'
import { datetimeRules } from './datetime.ts'
import { stringRules } from './strings.ts'
import { resultTypeRules } from './result-types.ts'
import { knownUnsupported } from './unsupported.ts'

export const trinoToDuckDbRules: readonly RewriteRule[] = [
  knownUnsupported,
  ...arithmeticRules,
  ...datetimeRules,
  ...collectionRules,
  ...stringRules,
  ...resultTypeRules,
]
