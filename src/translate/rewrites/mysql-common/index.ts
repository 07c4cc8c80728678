/** Every MySQL-source rule, each with its per-target rewrites (see per-target.ts). */
import { dateRules } from './dates.ts'
import { numberRules } from './numbers.ts'
import type { PerTargetRule } from './per-target.ts'
import { queryRules } from './queries.ts'
import { stringRules } from './strings.ts'

export const mysqlSourceRules: readonly PerTargetRule[] = [...queryRules, ...numberRules, ...dateRules, ...stringRules]
