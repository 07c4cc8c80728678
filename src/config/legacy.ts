/**
 * The inline form of QueryFlux's README, where a group holds its engine and its clusters:
 *
 * ```yaml
 * clusterGroups:
 *   trino-default:
 *     engine: trino
 *     maxRunningQueries: 100
 *     clusters:
 *       - name: trino-1
 *         endpoint: http://trino-1:8080
 * ```
 *
 * becomes the current form: `clusters: { trino-1: { engine: trino, endpoint } }` and
 * `clusterGroups.trino-default.members: [trino-1]`. Both forms may be mixed in one file.
 * Each converted path is remembered so that an issue found later (a bad endpoint, an unknown
 * key) names the path and line the user actually wrote.
 */
import { formatPath } from './issues.ts'
import type { ConfigIssue, ConfigPath } from './issues.ts'
import { isRecord } from './schema-walk.ts'

/** A converted path prefix and the source path it came from. */
export interface PathAlias {
  readonly converted: ConfigPath
  readonly source: ConfigPath
}

export interface LegacyConversion {
  readonly data: unknown
  readonly aliases: readonly PathAlias[]
  readonly issues: readonly ConfigIssue[]
  /** Groups that were written in the inline form. */
  readonly convertedGroups: readonly string[]
}

/** Converts every inline group of `data`; returns `data` itself when there is none. */
export function convertLegacyForm (data: unknown): LegacyConversion {
  const none: LegacyConversion = { data, aliases: [], issues: [], convertedGroups: [] }
  if (!isRecord(data) || !isRecord(data.clusterGroups)) return none
  const inline = Object.entries(data.clusterGroups).filter(([, g]) => isRecord(g) && Array.isArray(g.clusters))
  if (inline.length === 0) return none

  const clusters: Record<string, unknown> = isRecord(data.clusters) ? { ...data.clusters } : {}
  const origin = new Map<string, string>(Object.keys(clusters).map((name) => [name, formatPath(['clusters', name])]))
  const groups: Record<string, unknown> = { ...data.clusterGroups }
  const aliases: PathAlias[] = []
  const issues: ConfigIssue[] = []

  for (const [groupName, raw] of inline) {
    const group = raw as Record<string, unknown>
    const { clusters: list, engine, ...rest } = group
    const members: unknown[] = Array.isArray(rest.members) ? [...(rest.members as unknown[])] : []
    ;(list as unknown[]).forEach((item, index) => {
      const at: ConfigPath = ['clusterGroups', groupName, 'clusters', index]
      if (!isRecord(item)) {
        issues.push({ path: at, message: 'expected a mapping with name, endpoint, …; write each inline cluster as a mapping, or list cluster names under members' })
        return
      }
      const { name, ...cluster } = item
      if (typeof name !== 'string' || name === '') {
        issues.push({ path: at, message: "missing required key 'name'; give each inline cluster a unique name" })
        return
      }
      const previous = origin.get(name)
      if (previous !== undefined) {
        issues.push({ path: [...at, 'name'], message: `cluster '${name}' is already defined at ${previous}; cluster names are global, rename one of them` })
        return
      }
      origin.set(name, formatPath(at))
      if (cluster.engine === undefined && engine !== undefined) {
        cluster.engine = engine
        aliases.push({ converted: ['clusters', name, 'engine'], source: ['clusterGroups', groupName, 'engine'] })
      }
      clusters[name] = cluster
      members.push(name)
      aliases.push({ converted: ['clusters', name], source: at })
    })
    groups[groupName] = { ...rest, members }
    aliases.push({ converted: ['clusterGroups', groupName, 'members'], source: ['clusterGroups', groupName, 'clusters'] })
  }
  return { data: { ...data, clusters, clusterGroups: groups }, aliases, issues, convertedGroups: inline.map(([name]) => name) }
}

/** The source path of a converted path: the longest matching alias prefix is replaced. */
export function toSourcePath (path: ConfigPath, aliases: readonly PathAlias[]): ConfigPath {
  let best: PathAlias | undefined
  for (const alias of aliases) {
    const matches = alias.converted.length <= path.length && alias.converted.every((segment, i) => segment === path[i])
    if (matches && (best === undefined || alias.converted.length > best.converted.length)) best = alias
  }
  if (best === undefined) return path
  // members[i] of a converted group maps back to clusters[i] only when no member was listed
  // before the inline ones; in general the list as a whole is the best we can name.
  const rest = best.converted[best.converted.length - 1] === 'members' ? [] : path.slice(best.converted.length)
  return [...best.source, ...rest]
}
