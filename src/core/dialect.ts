/**
 * SQL dialects QueryFlux reads and writes. A frontend names the dialect its clients speak
 * (Trino HTTP → trino); an engine names the dialect it executes. Same dialect means no
 * translation.
 */
export const Dialect = {
  trino: 'trino',
  postgres: 'postgres',
  mysql: 'mysql',
  duckdb: 'duckdb',
  starRocks: 'starrocks',
  clickHouse: 'clickhouse',
  athena: 'athena',
} as const
export type Dialect = (typeof Dialect)[keyof typeof Dialect]

const ALL: ReadonlySet<string> = new Set(Object.values(Dialect))

export function isDialect (value: string): value is Dialect {
  return ALL.has(value)
}
