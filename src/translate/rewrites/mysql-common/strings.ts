/** MySQL → DuckDB / PostgreSQL / Trino: string functions with MySQL's results. */
import { nodeData, nodeType, stringValue } from '../ast.ts'
import { asCall, child } from '../calls.ts'
import { withKnownType } from '../trino-common/rule-kit.ts'
import { forTargets } from './per-target.ts'
import type { MysqlTarget, PerTargetRule, TargetRewrite } from './per-target.ts'
import { mysqlType } from './types.ts'

const padNumber: TargetRewrite = (node, ctx) => {
  const call = asCall(node)
  if (call?.args.length !== 3) return undefined
  const type = mysqlType(call.args[0])
  if (type === undefined || type === 'varchar') return undefined
  return withKnownType(ctx.target(`${call.name}(CAST(__0 AS VARCHAR), __1, __2)`, call.args), 'varchar')
}

export const padNumbers: PerTargetRule = {
  name: 'my-pad-number',
  reason: 'MySQL LPAD/RPAD take any value as text (LPAD(42, 6, \'0\') = \'000042\'); the targets have lpad/rpad of strings only.',
  functions: ['lpad', 'rpad'],
  targets: forTargets(['duckdb', 'postgres', 'trino'], padNumber),
}

const field: TargetRewrite = (node, ctx) => {
  const call = asCall(node)
  if (call === undefined || call.args.length < 2) return undefined
  const whens = call.args.slice(1).map((_, i) => `WHEN __${i + 1} THEN ${i + 1}`).join(' ')
  return withKnownType(ctx.target(`CASE __0 ${whens} ELSE 0 END`, call.args), 'integer')
}

export const fieldPosition: PerTargetRule = {
  name: 'my-field',
  reason: 'MySQL FIELD(x, a, b, …) is the 1-based position of x in the list, 0 when absent or NULL; the targets have no such function. Strings compare as the target compares them.',
  functions: ['field'],
  targets: forTargets(['duckdb', 'postgres', 'trino'], field),
}

/** The first n (n > 0) or last -n (n < 0) parts of a split string, joined back; MySQL's SUBSTRING_INDEX. */
const SUBSTRING_INDEX: Readonly<Record<Exclude<MysqlTarget, 'clickhouse'>, (count: number, delim: string) => string>> = {
  duckdb: (n, d) => n >= 0
    ? `array_to_string(list_slice(string_split(__0, ${d}), 1, ${n}), ${d})`
    : `reverse(array_to_string(list_slice(string_split(reverse(__0), reverse(${d})), 1, ${-n}), reverse(${d})))`,
  postgres: (n, d) => n >= 0
    ? `array_to_string((string_to_array(__0, ${d}))[1:${n}], ${d})`
    : `reverse(array_to_string((string_to_array(reverse(__0), reverse(${d})))[1:${-n}], reverse(${d})))`,
  trino: (n, d) => n >= 0
    ? `array_join(slice(split(__0, ${d}), 1, ${n}), ${d})`
    : `reverse(array_join(slice(split(reverse(__0), reverse(${d})), 1, ${-n}), reverse(${d})))`,
}

function substringIndex (target: Exclude<MysqlTarget, 'clickhouse'>): TargetRewrite {
  return (node, ctx) => {
    const call = asCall(node)
    if (call?.args.length !== 3) return undefined
    const delim = stringValue(call.args[1])
    const countNode = call.args[2]!
    const countText = nodeType(countNode) === 'neg' ? `-${String(nodeData(child(countNode, 'this') ?? {}).value)}` : String(nodeData(countNode).value)
    if (delim === undefined || delim === '' || !/^-?\d+$/.test(countText)) {
      return ctx.fail('MySQL SUBSTRING_INDEX is translated only with a non-empty literal delimiter and a literal count', node)
    }
    const count = Number(countText)
    if (count === 0) return withKnownType(ctx.target("''", []), 'varchar')
    return withKnownType(ctx.target(SUBSTRING_INDEX[target](count, `'${delim.replaceAll("'", "''")}'`), [call.args[0]!]), 'varchar')
  }
}

export const substringIndexParts: PerTargetRule = {
  name: 'my-substring-index',
  reason: 'MySQL SUBSTRING_INDEX(s, delim, n) is s up to the n-th delimiter (from the end when n < 0); the targets have no such function. Needs a literal delimiter and count.',
  functions: ['substring_index'],
  targets: { duckdb: substringIndex('duckdb'), postgres: substringIndex('postgres'), trino: substringIndex('trino') },
}

export const concatNull: PerTargetRule = {
  name: 'my-concat-null',
  reason: "MySQL CONCAT() is NULL when any argument is NULL; DuckDB's concat() skips NULLs. DuckDB's || is NULL-propagating, as MySQL's CONCAT.",
  functions: ['concat'],
  targets: {
    duckdb: (node, ctx) => {
      const call = asCall(node)
      if (call === undefined || call.args.length < 2) return undefined
      const parts = call.args.map((arg, i) => mysqlType(arg) === 'varchar' ? `__${i}` : `CAST(__${i} AS VARCHAR)`)
      return withKnownType(ctx.target(`(${parts.join(' || ')})`, call.args), 'varchar')
    },
  },
}

export const repeatString: PerTargetRule = {
  name: 'my-repeat',
  reason: "MySQL REPEAT(s, n) is s repeated n times ('' for n < 1); Trino's repeat() builds an array.",
  functions: ['repeat'],
  targets: {
    trino: (node, ctx) => {
      const call = asCall(node)
      if (call?.args.length !== 2) return undefined
      return withKnownType(ctx.target("array_join(repeat(CAST(__0 AS VARCHAR), greatest(__1, 0)), '')", call.args), 'varchar')
    },
  },
}

export const ifFunction: PerTargetRule = {
  name: 'my-if',
  reason: 'MySQL IF(cond, a, b) is CASE WHEN cond THEN a ELSE b END; PostgreSQL has no IF(). A numeric condition is true when it is not 0, as in MySQL.',
  nodes: ['if_func'],
  words: ['if'],
  targets: {
    postgres: (node, ctx) => {
      const condition = child(node, 'condition')
      const whenTrue = child(node, 'true_value')
      const whenFalse = child(node, 'false_value')
      if (condition === undefined || whenTrue === undefined || whenFalse === undefined) return undefined
      const type = mysqlType(condition)
      const test = type === 'boolean' ? '__0' : type === 'integer' || type === 'decimal' || type === 'double' ? '__0 <> 0' : undefined
      if (test === undefined) return undefined
      return ctx.target(`CASE WHEN ${test} THEN __1 ELSE __2 END`, [condition, whenTrue, whenFalse])
    },
  },
}

const locate: TargetRewrite = (node, ctx) => {
  const data = nodeData(node)
  const value = child(node, 'this')
  const search = child(node, 'substr')
  if (value === undefined || search === undefined || nodeType(data.position) !== undefined || nodeType(data.occurrence) !== undefined) return undefined
  return withKnownType(ctx.target('strpos(__0, __1)', [value, search]), 'integer')
}

export const locateInstr: PerTargetRule = {
  name: 'my-locate',
  reason: 'MySQL LOCATE(sub, s) / INSTR(s, sub) is the 1-based position of sub in s, 0 when absent; DuckDB and PostgreSQL have no locate (strpos is the same). Compares as the target compares strings (case-sensitively).',
  nodes: ['str_position'],
  words: ['locate', 'instr', 'position'],
  targets: forTargets(['duckdb', 'postgres'], locate),
}

export const stringRules: readonly PerTargetRule[] = [locateInstr, padNumbers, fieldPosition, substringIndexParts, concatNull, repeatString, ifFunction]
