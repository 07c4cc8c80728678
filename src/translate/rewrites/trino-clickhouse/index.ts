/**
 * Trino → ClickHouse rewrites, written against ClickHouse 18.16 (Debian's package, the oldest
 * version QueryFlux is tested with) and valid on later versions: where polyglot's translation
 * would make ClickHouse fail or return something other than Trino's answer. The corpus
 * (test/corpus) measures them on a real ClickHouse 18.16.
 */
import type { RewriteRule } from '../rewrite-rule.ts'
import { aggregateRules } from './aggregates.ts'
import { collectionAggregateRules } from './collection-aggregates.ts'
import { functionRules } from './functions.ts'
import { numberRules } from './numbers.ts'
import { queryRules } from './queries.ts'
import { scalarRules } from './scalars.ts'
import { rememberingAggregates } from './windows.ts'

export const trinoToClickHouseRules: readonly RewriteRule[] = [
  ...queryRules,
  // Over a window, the emulation (windows.ts) needs to know which aggregate a placeholder replaced.
  ...aggregateRules.map(rememberingAggregates),
  ...collectionAggregateRules,
  ...functionRules,
  ...numberRules,
  ...scalarRules,
]
