/** Rewrite rules by dialect pair. A pair without rules gets polyglot's translation alone. */
import type { Dialect } from '../../core/dialect.ts'
import { ruleSet } from './apply.ts'
import type { RuleSet } from './apply.ts'
import { mysqlToClickHouseRules } from './mysql-clickhouse/index.ts'
import { mysqlToDuckDbRules } from './mysql-duckdb/index.ts'
import { mysqlToPostgresRules } from './mysql-postgres/index.ts'
import { mysqlToTrinoRules } from './mysql-trino/index.ts'
import { postgresToDuckDbRules } from './postgres-duckdb/index.ts'
import { postgresToTrinoRules } from './postgres-trino/index.ts'
import { trinoToClickHouseRules } from './trino-clickhouse/index.ts'
import { trinoToDuckDbRules } from './trino-duckdb/index.ts'
import { trinoToMysqlRules } from './trino-mysql/index.ts'
import { trinoToPostgresRules } from './trino-postgres/index.ts'

const PAIRS: ReadonlyMap<string, RuleSet> = new Map([
  ['trino>duckdb', ruleSet(trinoToDuckDbRules)],
  ['trino>postgres', ruleSet(trinoToPostgresRules)],
  ['trino>mysql', ruleSet(trinoToMysqlRules)],
  ['trino>clickhouse', ruleSet(trinoToClickHouseRules)],
  ['postgres>trino', ruleSet(postgresToTrinoRules)],
  ['postgres>duckdb', ruleSet(postgresToDuckDbRules)],
  ['mysql>duckdb', ruleSet(mysqlToDuckDbRules)],
  ['mysql>postgres', ruleSet(mysqlToPostgresRules)],
  ['mysql>trino', ruleSet(mysqlToTrinoRules)],
  ['mysql>clickhouse', ruleSet(mysqlToClickHouseRules)],
])

export function rulesFor (from: Dialect, to: Dialect): RuleSet | undefined {
  return PAIRS.get(`${from}>${to}`)
}
