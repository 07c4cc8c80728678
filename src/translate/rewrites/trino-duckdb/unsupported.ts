/**
 * Trino → DuckDB: functions with no DuckDB equivalent that we can detect. They fail with
 * TRANSLATION_FAILED instead of reaching DuckDB, because DuckDB either has a function of the same
 * name that answers differently, or polyglot passes the call through to something that would.
 */
import { asCall } from '../calls.ts'
import type { RewriteRule } from '../rewrite-rule.ts'

/** Function name → why DuckDB cannot give Trino's answer. */
export const UNSUPPORTED_FUNCTIONS: Readonly<Record<string, string>> = {
  typeof: "Trino type names (integer, varchar(3)) differ from DuckDB's (INTEGER, VARCHAR)",
  format_datetime: 'it takes Joda-Time patterns, which DuckDB does not read',
  parse_datetime: 'it takes Joda-Time patterns, which DuckDB does not read',
  reduce: "DuckDB list_reduce has no initial state nor output function",
  with_timezone: 'DuckDB timestamps with time zone carry no zone of their own',
  at_timezone: 'DuckDB timestamps with time zone carry no zone of their own',
  current_timezone: "DuckDB's session time zone is not Trino's",
  sha512: 'DuckDB has no sha512',
  xxhash64: 'DuckDB has no xxhash64',
  spooky_hash_v2_32: 'DuckDB has no SpookyHash',
  spooky_hash_v2_64: 'DuckDB has no SpookyHash',
  murmur3: 'DuckDB hash() is not MurmurHash3',
  crc32: 'DuckDB has no crc32 over varbinary',
  checksum: "DuckDB has no order-insensitive checksum with Trino's values",
  approx_set: 'HyperLogLog sketches are Trino-specific',
  merge: 'HyperLogLog sketches are Trino-specific',
  empty_approx_set: 'HyperLogLog sketches are Trino-specific',
  slice: "Trino slice(array, start, length) takes a length, DuckDB list_slice an end, and negative starts differ",
  split: 'the three-argument form (limit) has no DuckDB equivalent',
  from_unixtime: 'the forms with a time zone or an offset give a timestamp in that zone, and DuckDB timestamps with time zone carry no zone of their own',
}

/** Functions unsupported only with some argument counts. */
const ONLY_WITH_ARITY: Readonly<Record<string, (count: number) => boolean>> = {
  split: (count) => count === 3,
  from_unixtime: (count) => count > 1,
}

export const knownUnsupported: RewriteRule = {
  name: 'known-unsupported',
  reason: 'Trino functions DuckDB cannot answer the same way: fail instead of returning something else.',
  functions: Object.keys(UNSUPPORTED_FUNCTIONS),
  nodes: ['typeof'],
  words: ['typeof'],
  rewrite (node, ctx) {
    const call = asCall(node)
    const name = call?.name ?? 'typeof'
    const arity = ONLY_WITH_ARITY[name]
    if (arity !== undefined && !arity(call?.args.length ?? 0)) return undefined
    return ctx.fail(`${name}() has no DuckDB equivalent: ${UNSUPPORTED_FUNCTIONS[name] ?? 'unknown function'}`, node)
  },
}
