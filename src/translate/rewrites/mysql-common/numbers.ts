/** MySQL → DuckDB / PostgreSQL / Trino: arithmetic and aggregates in MySQL's result types. */
import { nodeData } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { child } from '../calls.ts'
import type { RewriteContext } from '../rewrite-rule.ts'
import { aggregateModifiers, withKnownType } from '../trino-common/rule-kit.ts'
import { wrapAggregate } from './aggregate-casts.ts'
import type { MysqlTarget, PerTargetRule } from './per-target.ts'
import { decimalScale, DIV_PRECISION_INCREMENT, isExactNumber, MAX_SCALE, mysqlType, withScale } from './types.ts'

/** Exact division rounded to `scale` digits, NULL for a zero divisor (MySQL's x / 0). */
const SLASH: Readonly<Record<Exclude<MysqlTarget, 'clickhouse'>, (scale: number) => string>> = {
  // DuckDB divides decimals as doubles; exact to 15 significant digits, then rounded to the scale.
  duckdb: (s) => `CAST(CAST(__0 AS DOUBLE) / NULLIF(CAST(__1 AS DOUBLE), 0) AS DECIMAL(38, ${s}))`,
  postgres: (s) => `CAST(CAST(__0 AS NUMERIC) / NULLIF(__1, 0) AS DECIMAL(38, ${s}))`,
  trino: (s) => `CAST(CAST(__0 AS DECIMAL(38, ${s})) / NULLIF(__1, 0) AS DECIMAL(38, ${s}))`,
}

function slash (target: Exclude<MysqlTarget, 'clickhouse'>) {
  return (node: AstNode, ctx: RewriteContext): AstNode | undefined => {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (!isExactNumber(left) || !isExactNumber(right)) return undefined
    const leftScale = decimalScale(left)
    if (leftScale === undefined || decimalScale(right) === undefined) return undefined
    const scale = Math.min(leftScale + DIV_PRECISION_INCREMENT, MAX_SCALE)
    return withScale(withKnownType(ctx.target(SLASH[target](scale), [left!, right!]), 'decimal'), scale)
  }
}

export const slashIsDecimal: PerTargetRule = {
  name: 'my-slash-decimal',
  reason: "MySQL's / of integers and decimals is an exact decimal with 4 more digits than the dividend (7 / 2 = 3.5000, x / 0 = NULL); the targets give a double or truncate integers. Operands of unknown type keep polyglot's division.",
  nodes: ['div'],
  words: ['/'],
  targets: { duckdb: slash('duckdb'), postgres: slash('postgres'), trino: slash('trino') },
}

function intDiv (template: string) {
  return (node: AstNode, ctx: RewriteContext): AstNode | undefined => {
    const left = child(node, 'this')
    const right = child(node, 'expression')
    if (mysqlType(left) !== 'integer' || mysqlType(right) !== 'integer') return undefined
    return withKnownType(ctx.target(template, [left!, right!]), 'integer')
  }
}

export const integerDiv: PerTargetRule = {
  name: 'my-div-integer',
  reason: "MySQL a DIV b of integers is a bigint truncated toward zero, NULL for b = 0; PostgreSQL div() returns numeric, Trino and DuckDB have no div. PostgreSQL's and Trino's integer / and DuckDB's divide() truncate the same way.",
  nodes: ['int_div'],
  words: ['div'],
  targets: {
    duckdb: intDiv('divide(CAST(__0 AS BIGINT), NULLIF(CAST(__1 AS BIGINT), 0))'),
    postgres: intDiv('CAST(__0 AS BIGINT) / NULLIF(CAST(__1 AS BIGINT), 0)'),
    trino: intDiv('CAST(__0 AS BIGINT) / NULLIF(CAST(__1 AS BIGINT), 0)'),
  },
}

/** AVG of an exact number: a decimal with 4 more digits than the argument. */
function avgTemplate (target: MysqlTarget, scale: number): string {
  // Trino's avg of a decimal is a decimal rounded half up, as MySQL's; DuckDB's is a double.
  return target === 'trino' ? `AVG(CAST(__0 AS DECIMAL(38, ${scale})))` : `CAST(__0 AS DECIMAL(38, ${scale}))`
}

function avg (target: MysqlTarget) {
  return (node: AstNode, ctx: RewriteContext): AstNode | undefined => {
    const value = child(node, 'this')
    const { filter, distinct, orderBy } = aggregateModifiers(node)
    if (value === undefined || filter !== undefined || orderBy || !isExactNumber(value)) return undefined
    const valueScale = decimalScale(value)
    if (valueScale === undefined) return undefined
    const scale = Math.min(valueScale + DIV_PRECISION_INCREMENT, MAX_SCALE)
    if (target === 'trino') {
      if (distinct) return undefined
      return withScale(withKnownType(ctx.target(avgTemplate(target, scale), [value]), 'decimal'), scale)
    }
    return withScale(wrapAggregate(node, avgTemplate(target, scale), 'decimal', ctx), scale)
  }
}

export const avgIsDecimal: PerTargetRule = {
  name: 'my-avg-decimal',
  reason: "MySQL AVG of integers or decimals is a decimal with 4 more digits than its argument, rounded (avg_size 25.4400); DuckDB's and Trino's avg of integers are doubles, PostgreSQL's has 16 or more digits.",
  nodes: ['avg'],
  words: ['avg'],
  targets: { duckdb: avg('duckdb'), postgres: avg('postgres'), trino: avg('trino') },
}

function sum (node: AstNode, ctx: RewriteContext): AstNode | undefined {
  const value = child(node, 'this')
  const { filter, orderBy } = aggregateModifiers(node)
  if (value === undefined || filter !== undefined || orderBy) return undefined
  const type = mysqlType(value)
  if (type !== 'integer' && type !== 'boolean') return undefined
  const data = nodeData(node)
  // The cast goes inside the aggregate, so SUM(…) OVER (…) keeps its shape.
  const cast = type === 'boolean' ? 'CAST(CAST(__0 AS INTEGER) AS DECIMAL(38, 0))' : 'CAST(__0 AS DECIMAL(38, 0))'
  return withScale(withKnownType({ sum: { ...data, this: ctx.target(cast, [value]) } }, 'decimal'), 0)
}

export const sumIsDecimal: PerTargetRule = {
  name: 'my-sum-decimal',
  reason: 'MySQL SUM of integers (and of comparisons, which are 0/1 integers there) is a decimal; PostgreSQL and Trino sum integers to a bigint and refuse to sum booleans.',
  nodes: ['sum'],
  words: ['sum'],
  targets: { postgres: sum, trino: sum },
}

function castSigned (integerType: string) {
  return (node: AstNode, ctx: RewriteContext): AstNode | undefined => {
    const to = nodeData(node).to as { data_type?: unknown, name?: unknown } | undefined
    if (to?.data_type !== 'custom' || typeof to.name !== 'string') return undefined
    const name = to.name.toUpperCase().replace(/\s+/g, ' ')
    if (!/^(SIGNED|UNSIGNED)( INTEGER| INT)?$/.test(name)) return undefined
    const value = child(node, 'this')
    if (value === undefined) return undefined
    // Numbers round half away from zero as in MySQL; text that is not an integer fails on the target.
    return withKnownType(ctx.target(`CAST(__0 AS ${integerType})`, [value]), 'integer')
  }
}

export const castSignedIsBigint: PerTargetRule = {
  name: 'my-cast-signed',
  reason: 'MySQL CAST(x AS SIGNED / UNSIGNED) is a 64-bit integer; PostgreSQL, Trino and ClickHouse have no SIGNED type. Text that is not an integer fails on the target instead of MySQL\'s warning and 0.',
  nodes: ['cast'],
  words: ['signed'],
  targets: { postgres: castSigned('BIGINT'), trino: castSigned('BIGINT'), clickhouse: castSigned('Int64') },
}

export const countIsBigint: PerTargetRule = {
  name: 'my-count-bigint',
  reason: "MySQL COUNT is a BIGINT; ClickHouse's count() is a UInt64, which clients read as decimal(20,0). A count always fits an Int64.",
  nodes: ['count'],
  words: ['count'],
  targets: { clickhouse: (node, ctx) => wrapAggregate(node, 'CAST(__0 AS Int64)', 'integer', ctx) },
}

export const numberRules: readonly PerTargetRule[] = [countIsBigint, slashIsDecimal, integerDiv, avgIsDecimal, sumIsDecimal, castSignedIsBigint]
