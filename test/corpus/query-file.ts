/**
 * Reads the corpus query files: test/corpus/queries/<dialect>/*.sql, each holding several
 * queries. Every query starts with a header of `-- key: value` comment lines:
 *
 *   -- name: revenue_by_nation        (unique within the dialect)
 *   -- feature: join, aggregate       (what the query exercises)
 *   -- ordered: yes                   (yes: row order is part of the answer; no: compared as a multiset)
 *   -- requires: arrays               (optional: engine capabilities the query needs; on a target
 *                                      engine without one the query is "not applicable", not failing)
 *   -- approximate: 0.05              (optional: the answer is an approximation, e.g. approx_distinct's
 *                                      HyperLogLog with its 2.3% standard error; numbers are compared
 *                                      with this relative tolerance instead of exactly)
 *
 * followed by one SQL statement, optionally ending in `;`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export type SourceDialect = 'trino' | 'postgres' | 'mysql'

/** Engine capabilities a query can require (`-- requires:`). */
export const CAPABILITIES = ['arrays'] as const
export type Capability = (typeof CAPABILITIES)[number]

export interface CorpusQuery {
  /** `<dialect>/<name>`. */
  readonly id: string
  readonly dialect: SourceDialect
  readonly name: string
  readonly file: string
  readonly features: readonly string[]
  readonly ordered: boolean
  /** Capabilities the query needs of an engine (array columns, …). */
  readonly requires: readonly Capability[]
  /** Relative tolerance for every number of the answer (`-- approximate:`), when the source computes an approximation. */
  readonly approximate?: number
  readonly sql: string
}

export const QUERIES_DIR = join(import.meta.dirname, 'queries')

export function parseQueryFile (text: string, dialect: SourceDialect, file: string): CorpusQuery[] {
  const queries: CorpusQuery[] = []
  const blocks = text.split(/^(?=-- name:)/m).filter((b) => b.trim() !== '' && b.trimStart().startsWith('-- name:'))
  for (const block of blocks) {
    const header: Record<string, string> = {}
    const sqlLines: string[] = []
    let inHeader = true
    for (const line of block.split('\n')) {
      const m = inHeader ? /^--\s*([a-z]+):\s*(.*?)\s*$/.exec(line) : null
      if (m !== null) { header[m[1]!] = m[2]!; continue }
      inHeader = false
      sqlLines.push(line)
    }
    const name = header.name
    if (name === undefined || !/^[a-z0-9_]+$/.test(name)) throw new Error(`${file}: a query needs '-- name: snake_case_name' (got '${name}')`)
    const ordered = header.ordered
    if (ordered !== 'yes' && ordered !== 'no') throw new Error(`${file}: query ${name} needs '-- ordered: yes' or '-- ordered: no'`)
    if (header.feature === undefined) throw new Error(`${file}: query ${name} needs '-- feature: …'`)
    const requires = (header.requires ?? '').split(',').map((r) => r.trim()).filter(Boolean)
    for (const r of requires) {
      if (!(CAPABILITIES as readonly string[]).includes(r)) throw new Error(`${file}: query ${name} requires '${r}'; known capabilities: ${CAPABILITIES.join(', ')}`)
    }
    const approximate = header.approximate === undefined ? undefined : Number(header.approximate)
    if (approximate !== undefined && !(approximate > 0 && approximate < 1)) throw new Error(`${file}: query ${name} needs '-- approximate: <relative tolerance between 0 and 1>' (got '${header.approximate}')`)
    const sql = sqlLines.join('\n').trim().replace(/;\s*$/, '').trim()
    if (sql === '') throw new Error(`${file}: query ${name} has no SQL`)
    queries.push({
      id: `${dialect}/${name}`, dialect, name, file, ordered: ordered === 'yes', requires: requires as Capability[], sql,
      ...(approximate === undefined ? {} : { approximate }),
      features: header.feature.split(',').map((f) => f.trim()).filter(Boolean),
    })
  }
  return queries
}

export function loadQueries (dialect: SourceDialect, dir = QUERIES_DIR): CorpusQuery[] {
  const folder = join(dir, dialect)
  const out: CorpusQuery[] = []
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()) {
    out.push(...parseQueryFile(readFileSync(join(folder, file), 'utf8'), dialect, `${dialect}/${file}`))
  }
  const seen = new Set<string>()
  for (const q of out) {
    if (seen.has(q.id)) throw new Error(`corpus: duplicate query name ${q.id}`)
    seen.add(q.id)
  }
  return out
}
