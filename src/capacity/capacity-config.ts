/** Cross-references the schema cannot check: members exist and share one engine, overflow names a group. */
import type { Config } from '../config/schema.ts'
import { errors } from '../core/errors.ts'

/** Throws CONFIG_INVALID listing every problem, each with its config path and a fix. */
export function validateCapacityConfig (config: Pick<Config, 'clusters' | 'clusterGroups'>): void {
  const problems: string[] = []
  const clusterNames = Object.keys(config.clusters)
  for (const [name, group] of Object.entries(config.clusterGroups)) {
    const engines = new Set<string>()
    for (const [i, member] of group.members.entries()) {
      const cluster = config.clusters[member]
      if (cluster === undefined) {
        problems.push(`clusterGroups.${name}.members[${i}]: no cluster named '${member}' under clusters (defined: ${clusterNames.join(', ') || 'none'})`)
        continue
      }
      engines.add(cluster.engine)
    }
    if (engines.size > 1) {
      problems.push(`clusterGroups.${name}.members: clusters of different engines (${[...engines].join(', ')}); a group holds clusters of one engine type, so split it into one group per engine`)
    }
    if (new Set(group.members).size !== group.members.length) {
      problems.push(`clusterGroups.${name}.members: a cluster is listed twice; list each once`)
    }
    if (group.overflow !== undefined) {
      if (group.overflow === name) problems.push(`clusterGroups.${name}.overflow: a group cannot overflow into itself; name another group or remove overflow`)
      else if (config.clusterGroups[group.overflow] === undefined) problems.push(`clusterGroups.${name}.overflow: no cluster group named '${group.overflow}'`)
    }
  }
  if (problems.length > 0) throw errors.configInvalid(`invalid cluster groups:\n  ${problems.join('\n  ')}`)
}

/**
 * The groups a full group spills to, in order: its overflow, that group's overflow, and so on,
 * stopping before any group already on the path (so `a → b → a` is just `[b]`).
 */
export function overflowChain (config: Pick<Config, 'clusterGroups'>, name: string): string[] {
  const chain: string[] = []
  const seen = new Set([name])
  let next = config.clusterGroups[name]?.overflow
  while (next !== undefined && !seen.has(next) && config.clusterGroups[next] !== undefined) {
    chain.push(next)
    seen.add(next)
    next = config.clusterGroups[next]?.overflow
  }
  return chain
}
