/**
 * Checks the schema cannot express: names that refer to other entries, one engine per group,
 * overflow without cycles, listeners on distinct ports, regexes that compile. Runs on the data
 * before defaults are applied and skips whatever has the wrong shape (the schema reports that),
 * so one pass reports schema and reference problems together.
 */
import { DEFAULT_PORTS } from './default-ports.ts'
import type { Listener } from './default-ports.ts'
import { didYouMean, listOf } from './issues.ts'
import type { ConfigIssue, ConfigPath } from './issues.ts'
import { isRecord } from './schema-walk.ts'

export function checkReferences (data: unknown): ConfigIssue[] {
  if (!isRecord(data)) return []
  const clusters = isRecord(data.clusters) ? data.clusters : {}
  const groups = isRecord(data.clusterGroups) ? data.clusterGroups : undefined
  const issues: ConfigIssue[] = []
  if (groups !== undefined && Object.keys(groups).length === 0) {
    issues.push({ path: ['clusterGroups'], message: 'no cluster group is defined; define at least one, e.g. default: { members: [duckdb] } with clusters: { duckdb: { engine: duckDb } }' })
  }
  const groupNames = Object.keys(groups ?? {})
  for (const [name, group] of Object.entries(groups ?? {})) {
    if (isRecord(group)) checkGroup(name, group, clusters, groupNames, issues)
  }
  checkOverflowCycles(groups ?? {}, issues)
  const refer = (path: ConfigPath, value: unknown): void => { referGroup(path, value, groupNames, issues) }
  if (Array.isArray(data.routers)) data.routers.forEach((router, i) => { checkRouter(router, ['routers', i], refer, issues) })
  if (data.routingFallback !== undefined) refer(['routingFallback'], data.routingFallback)
  for (const [name, cluster] of Object.entries(clusters)) checkCluster(name, cluster, issues)
  checkPorts(data.queryflux, issues)
  return issues
}

function referGroup (path: ConfigPath, value: unknown, groupNames: readonly string[], issues: ConfigIssue[]): void {
  if (typeof value !== 'string' || groupNames.includes(value)) return
  const suggestion = didYouMean(value, groupNames)
  const fix = suggestion !== undefined ? `did you mean '${suggestion}'?` : `define it under clusterGroups${groupNames.length > 0 ? `, or use an existing group: ${listOf(groupNames)}` : ''}`
  issues.push({ path, message: `unknown cluster group '${value}'; ${fix}` })
}

function checkGroup (name: string, group: Record<string, unknown>, clusters: Record<string, unknown>, groupNames: readonly string[], issues: ConfigIssue[]): void {
  const members = Array.isArray(group.members) ? group.members : []
  const engines = new Map<string, string[]>()
  const seen = new Set<unknown>()
  members.forEach((member, i) => {
    if (typeof member !== 'string') return
    if (seen.has(member)) issues.push({ path: ['clusterGroups', name, 'members', i], message: `cluster '${member}' is listed twice; remove the duplicate` })
    seen.add(member)
    const cluster = clusters[member]
    if (cluster === undefined) {
      const suggestion = didYouMean(member, Object.keys(clusters))
      issues.push({ path: ['clusterGroups', name, 'members', i], message: `unknown cluster '${member}'; ${suggestion === undefined ? 'define it under the top-level clusters:' : `did you mean '${suggestion}'?`}` })
      return
    }
    if (isRecord(cluster) && typeof cluster.engine === 'string') engines.set(cluster.engine, [...(engines.get(cluster.engine) ?? []), member])
  })
  if (engines.size > 1) {
    const mix = [...engines].map(([engine, names]) => `${names.join(', ')}: ${engine}`).join('; ')
    issues.push({ path: ['clusterGroups', name, 'members'], message: `members run different engines (${mix}); a group holds clusters of one engine, so split it into one group per engine and join them with overflow or routers` })
  }
  if (group.overflow === name) {
    issues.push({ path: ['clusterGroups', name, 'overflow'], message: 'a group cannot overflow into itself; name another group or remove overflow' })
  } else {
    referGroup(['clusterGroups', name, 'overflow'], group.overflow, groupNames, issues)
  }
}

/** Follows overflow links from each group; a walk that comes back reports the cycle once. */
function checkOverflowCycles (groups: Record<string, unknown>, issues: ConfigIssue[]): void {
  const next = (name: string): string | undefined => {
    const group = groups[name]
    const target = isRecord(group) ? group.overflow : undefined
    return typeof target === 'string' && target !== name && target in groups ? target : undefined
  }
  const reported = new Set<string>()
  for (const start of Object.keys(groups)) {
    const chain = [start]
    for (let current = next(start); current !== undefined && chain.length <= Object.keys(groups).length; current = next(current)) {
      if (current === start) {
        const key = [...chain].sort().join('\0')
        if (!reported.has(key)) {
          reported.add(key)
          issues.push({ path: ['clusterGroups', start, 'overflow'], message: `overflow cycle ${[...chain, start].join(' → ')}; a full group would hand queries around forever, so end the chain at a group without overflow` })
        }
        break
      }
      if (chain.includes(current)) break
      chain.push(current)
    }
  }
}

function checkRouter (router: unknown, path: ConfigPath, refer: (path: ConfigPath, value: unknown) => void, issues: ConfigIssue[]): void {
  if (!isRecord(router)) return
  const map = (key: string): void => {
    const value = router[key]
    if (isRecord(value)) for (const [k, group] of Object.entries(value)) refer([...path, key, k], group)
  }
  switch (router.type) {
    case 'protocolBased':
      for (const protocol of ['trinoHttp', 'postgresWire', 'mysqlWire', 'flightSql']) refer([...path, protocol], router[protocol])
      break
    case 'header': map('headerValueToGroup'); break
    case 'clientTags': map('tagToGroup'); break
    case 'user':
      map('userToGroup')
      if (isRecord(router.userGroups)) {
        for (const [k, set] of Object.entries(router.userGroups)) if (isRecord(set)) refer([...path, 'userGroups', k, 'targetGroup'], set.targetGroup)
      }
      break
    case 'queryRegex':
      if (Array.isArray(router.rules)) {
        router.rules.forEach((rule, i) => {
          if (!isRecord(rule)) return
          refer([...path, 'rules', i, 'targetGroup'], rule.targetGroup)
          checkRegex([...path, 'rules', i, 'regex'], rule.regex, typeof rule.flags === 'string' ? rule.flags : 'i', issues)
        })
      }
      break
    case 'compound':
      refer([...path, 'targetGroup'], router.targetGroup)
      if (Array.isArray(router.conditions)) router.conditions.forEach((c, i) => { checkCondition(c, [...path, 'conditions', i], issues) })
      break
    case 'pythonScript':
      if ((router.script === undefined) === (router.scriptFile === undefined)) {
        issues.push({ path, message: "a pythonScript router needs exactly one of 'script' and 'scriptFile'; keep one" })
      }
      break
  }
}

function checkCondition (condition: unknown, path: ConfigPath, issues: ConfigIssue[]): void {
  if (!isRecord(condition) || path.length > 60) return
  if (typeof condition.queryRegex === 'string') checkRegex([...path, 'queryRegex'], condition.queryRegex, 'i', issues)
  if (typeof condition.regex === 'string') checkRegex([...path, 'regex'], condition.regex, '', issues)
  for (const key of ['all', 'any'] as const) {
    const list = condition[key]
    if (Array.isArray(list)) list.forEach((c, i) => { checkCondition(c, [...path, key, i], issues) })
  }
  if (condition.not !== undefined) checkCondition(condition.not, [...path, 'not'], issues)
}

function checkRegex (path: ConfigPath, source: unknown, flags: string, issues: ConfigIssue[]): void {
  if (typeof source !== 'string') return
  if (/[gy]/.test(flags)) {
    issues.push({ path: [...path.slice(0, -1), 'flags'], message: `flags '${flags}' contain 'g' or 'y', which make matching depend on the previous query; remove them` })
    return
  }
  try {
    new RegExp(source, flags) // eslint-disable-line no-new -- compiled only to report syntax errors
  } catch (error) {
    issues.push({ path, message: `invalid regex /${source}/: ${(error as Error).message}; fix the pattern (JavaScript RegExp syntax)` })
  }
}

/** Login types an engine's protocol cannot use, caught here so --validate finds them. */
function checkCluster (name: string, cluster: unknown, issues: ConfigIssue[]): void {
  if (!isRecord(cluster) || !isRecord(cluster.auth)) return
  if (cluster.auth.type === 'bearer' && ['postgres', 'mysql', 'starRocks', 'clickHouse'].includes(String(cluster.engine))) {
    issues.push({ path: ['clusters', name, 'auth', 'type'], message: `${String(cluster.engine)} has no bearer-token login; use type: basic with username and password` })
  }
}

const WILDCARD = new Set(['0.0.0.0', '::', ''])

/** Enabled listeners on one port and overlapping addresses would fail at start: report it now. */
function checkPorts (queryflux: unknown, issues: ConfigIssue[]): void {
  const proxy = isRecord(queryflux) ? queryflux : {}
  const frontends = isRecord(proxy.frontends) ? proxy.frontends : {}
  const listeners: { listener: Listener, path: ConfigPath, port: number, host: string }[] = []
  const add = (listener: Listener, section: unknown, path: ConfigPath, present: boolean): void => {
    const value = isRecord(section) ? section : {}
    if (!present || value.enabled === false) return
    const port = value.port ?? DEFAULT_PORTS[listener].port
    if (typeof port !== 'number' || port === 0) return
    listeners.push({ listener, path: value.port === undefined ? path : [...path, 'port'], port, host: typeof value.host === 'string' ? value.host : '127.0.0.1' })
  }
  for (const listener of ['trinoHttp', 'postgresWire', 'mysqlWire', 'flightSql'] as const) {
    add(listener, frontends[listener], ['queryflux', 'frontends', listener], frontends[listener] !== undefined)
  }
  add('adminApi', proxy.adminApi, ['queryflux', 'adminApi'], true)
  listeners.forEach((a, i) => {
    const clash = listeners.slice(0, i).find((b) => b.port === a.port && (a.host === b.host || WILDCARD.has(a.host) || WILDCARD.has(b.host)))
    if (clash !== undefined) {
      issues.push({ path: a.path, message: `port ${a.port} is also used by ${clash.listener}; set ${DEFAULT_PORTS[a.listener].key} to another port` })
    }
  })
}
