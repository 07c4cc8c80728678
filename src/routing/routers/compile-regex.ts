/** Regexes for routers and conditions: compiled once at build time, with errors that name where. */
import { errors } from '../../core/errors.ts'

/**
 * The longest prefix of the SQL text a regex looks at. JavaScript regexes cannot be interrupted,
 * so a pathological pattern on a multi-megabyte statement (generated INSERT … VALUES) could stall
 * the event loop; routing hints sit near the start of a statement, so 64 Ki characters is plenty.
 */
export const MAX_SQL_SCAN_CHARS = 65_536

/** Flags that make `RegExp.test` stateful (it would resume at `lastIndex` on the next query). */
const STATEFUL_FLAGS = /[gy]/

/** Compiles `source`; `where` names the config path (e.g. `routers[2] (queryRegex) rules[0]`). */
export function compileRegex (source: string, flags: string, where: string): RegExp {
  if (STATEFUL_FLAGS.test(flags)) {
    throw errors.configInvalid(`${where}: regex flags '${flags}' contain 'g' or 'y', which make matching depend on the previous query: remove them`)
  }
  try {
    return new RegExp(source, flags)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw errors.configInvalid(`${where}: invalid regex /${source}/${flags}: ${message}. Fix the pattern (JavaScript RegExp syntax)`)
  }
}

/** The SQL a regex is tested against: capped at MAX_SQL_SCAN_CHARS. */
export function sqlForScan (sql: string): string {
  return sql.length > MAX_SQL_SCAN_CHARS ? sql.slice(0, MAX_SQL_SCAN_CHARS) : sql
}

/** A short, single-line rendering of a value for a trace's `saw`. */
export function shorten (text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine
}
