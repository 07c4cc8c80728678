import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QueryFluxError } from '../core/errors.ts'
import { formatConfigError, loadConfig, parseConfig } from './load.ts'
import { DEFAULT_PORTS, EMBEDDED_DEFAULT } from './embedded-default.ts'

const EXAMPLES = new URL('../../examples/', import.meta.url)
const EXAMPLE_ENV = { QUERYFLUX_ADMIN_TOKEN: 'admin-token', TRINO_PASSWORD: 't', PG_PASSWORD: 'p', ETL_BOT_PASSWORD: 'e', ANALYST_PASSWORD: 'a' }

/** The CONFIG_INVALID message lines for `yaml`; fails the test if it validates. */
function problems (yaml: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(yaml, { file: 'qf.yaml', env })
  } catch (error) {
    assert.ok(error instanceof QueryFluxError, `expected QueryFluxError, got ${String(error)}`)
    assert.equal(error.code, 'CONFIG_INVALID')
    return error.message.split('\n')
  }
  assert.fail('the configuration validated but should not have')
}

const MINIMAL = `clusters:
  duck:
    engine: duckDb
clusterGroups:
  default:
    members: [duck]
routingFallback: default
`

describe('loadConfig: valid files', () => {
  test('every file in examples/ validates', async () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'))
    assert.ok(files.includes('duckdb-only.yaml') && files.includes('multi-engine.yaml'))
    for (const file of files) {
      const config = await loadConfig(new URL(file, EXAMPLES).pathname, EXAMPLE_ENV)
      assert.ok(Object.keys(config.clusterGroups).length > 0, file)
    }
  })

  test('multi-engine example: groups, routers, fallback and secrets from the environment', async () => {
    const config = await loadConfig(new URL('multi-engine.yaml', EXAMPLES).pathname, EXAMPLE_ENV)
    assert.deepEqual(Object.keys(config.clusterGroups).sort(), ['clickhouse', 'duckdb', 'postgres', 'trino'])
    assert.deepEqual(config.routers.map((r) => r.type), ['compound', 'header', 'clientTags', 'protocolBased'])
    assert.equal(config.routingFallback, 'duckdb')
    assert.equal(config.queryflux.adminApi.token, 'admin-token')
    const trino = config.clusters['trino-1']
    assert.ok(trino?.engine === 'trino' && trino.auth?.type === 'basic')
    assert.equal(trino.auth.password, 't')
    const ch = config.clusters['ch-1']
    assert.ok(ch?.engine === 'clickHouse' && ch.auth?.type === 'basic')
    assert.equal(ch.auth.password, '', 'an unset variable with an empty default is the empty string')
  })

  test('defaults are filled in', () => {
    const config = parseConfig(MINIMAL)
    assert.equal(config.clusterGroups.default?.maxRunningQueries, 100)
    assert.equal(config.queryflux.adminApi.enabled, true)
    assert.equal(config.queryflux.persistence, 'memory')
    assert.deepEqual(config.routers, [])
  })

  test('the legacy inline form becomes top-level clusters and members', () => {
    const config = parseConfig(`clusterGroups:
  trino-default:
    engine: trino
    maxRunningQueries: 100
    clusters:
      - name: trino-1
        endpoint: http://trino-1:8080
        enabled: true
      - name: trino-2
        endpoint: http://trino-2:8080
  duckdb-local:
    engine: duckDb
    maxRunningQueries: 4
    clusters:
      - name: duckdb-1
routingFallback: trino-default
`)
    assert.deepEqual(config.clusterGroups['trino-default']?.members, ['trino-1', 'trino-2'])
    assert.equal(config.clusterGroups['trino-default']?.maxRunningQueries, 100)
    assert.deepEqual(config.clusterGroups['duckdb-local']?.members, ['duckdb-1'])
    const t1 = config.clusters['trino-1']
    assert.ok(t1?.engine === 'trino')
    assert.equal(t1.endpoint, 'http://trino-1:8080')
    assert.equal(config.clusters['duckdb-1']?.engine, 'duckDb')
  })

  test('${VAR} and ${VAR:-default}: strings, and typed values when unquoted', () => {
    const config = parseConfig(`queryflux:
  frontends:
    trinoHttp:
      port: \${TRINO_PORT:-8080}
      enabled: \${TRINO_ON}
    postgresWire:
      port: \${PG_PORT:-5432}
      host: "\${PG_HOST:-0.0.0.0}"
  adminApi: { token: "\${TOKEN}", port: 0 }
clusters:
  t: { engine: trino, endpoint: "http://\${TRINO_HOST}:8080/$\${literal}" }
clusterGroups:
  g: { members: [t] }
`, { env: { TRINO_ON: 'false', PG_PORT: '15432', TOKEN: '12345', TRINO_HOST: 'coordinator' } })
    assert.equal(config.queryflux.frontends.trinoHttp?.port, 8080)
    assert.equal(config.queryflux.frontends.trinoHttp?.enabled, false)
    assert.equal(config.queryflux.frontends.postgresWire?.port, 15432)
    assert.equal(config.queryflux.frontends.postgresWire?.host, '0.0.0.0')
    assert.equal(config.queryflux.adminApi.token, '12345', 'a quoted reference stays a string')
    const t = config.clusters.t
    assert.ok(t?.engine === 'trino')
    assert.equal(t.endpoint, 'http://coordinator:8080/${literal}')
  })

  test('the embedded default validates: DuckDB group, fallback, every implemented listener on its default port', async () => {
    const config = await loadConfig(undefined)
    assert.deepEqual(config.clusterGroups.default?.members, ['duckdb'])
    assert.equal(config.clusters.duckdb?.engine, 'duckDb')
    assert.equal(config.routingFallback, 'default')
    const { frontends, adminApi } = config.queryflux
    assert.equal(frontends.trinoHttp?.port, DEFAULT_PORTS.trinoHttp.port)
    assert.equal(frontends.postgresWire?.port, DEFAULT_PORTS.postgresWire.port)
    // Not built yet, so the default does not enable them.
    assert.equal(frontends.mysqlWire, undefined)
    assert.equal(frontends.flightSql, undefined)
    assert.equal(adminApi.port, DEFAULT_PORTS.adminApi.port)
    assert.ok(adminApi.enabled)
    assert.ok(Object.isFrozen(EMBEDDED_DEFAULT))
  })
})

describe('loadConfig: the result is deep-frozen', () => {
  test('assigning anywhere in the config throws (modules are strict mode)', async () => {
    const config = parseConfig(MINIMAL)
    assert.throws(() => { (config as { routingFallback?: string }).routingFallback = 'x' }, TypeError)
    assert.throws(() => { (config.clusterGroups.default as { maxRunningQueries: number }).maxRunningQueries = 1 }, TypeError)
    const members = config.clusterGroups.default?.members ?? []
    assert.throws(() => { members.push('x') }, TypeError)
    assert.throws(() => { (config.queryflux.frontends as Record<string, unknown>).trinoHttp = {} }, TypeError)
    const embedded = await loadConfig(undefined)
    assert.throws(() => { (embedded.clusters as Record<string, unknown>).other = {} }, TypeError)
  })
})

describe('loadConfig: every problem at once, each with path, line and fix', () => {
  test('unknown key: rename hint, did-you-mean, and the line of the key itself', () => {
    const lines = problems(`${MINIMAL.replace('    members: [duck]\n', '    members: [duck]\n    maxConcurrency: 10\n    strategi: failover\n')}`)
    assert.deepEqual(lines, [
      "clusterGroups.default (qf.yaml:7): unknown key 'maxConcurrency'; it was renamed to 'maxRunningQueries'",
      "clusterGroups.default (qf.yaml:8): unknown key 'strategi'; did you mean 'strategy'?",
    ])
  })

  test('unknown key with nothing close lists the allowed keys', () => {
    const [line] = problems(`${MINIMAL}translation: { colour: blue }\n`)
    assert.equal(line, "translation (qf.yaml:8): unknown key 'colour'; remove it; allowed keys here: onError, cacheSize, workerThreads, schemaCacheTtlMs")
  })

  test('wrong type names what was expected and what was found', () => {
    const lines = problems(`${MINIMAL}queryflux:
  frontends:
    trinoHttp: { port: ten, enabled: yes }
    postgresWire: { port: "5433" }
`)
    assert.deepEqual(lines, [
      'queryflux.frontends.trinoHttp.enabled (qf.yaml:10): expected true or false, found string "yes"; write true or false (YAML 1.2 reads yes/no/on/off as strings)',
      'queryflux.frontends.trinoHttp.port (qf.yaml:10): expected a number, found string "ten"',
      'queryflux.frontends.postgresWire.port (qf.yaml:11): expected a number, found string "5433"; remove the quotes',
    ])
  })

  test('bad enum value lists the choices and suggests the likely one', () => {
    const [engine, strategy] = problems(MINIMAL.replace('engine: duckDb', 'engine: duckdb').replace('members: [duck]', 'members: [duck]\n    strategy: round_robin'))
    assert.equal(engine, "clusters.duck.engine (qf.yaml:3): expected one of 'duckDb', 'trino', 'starRocks', 'mysql', 'postgres', 'clickHouse' or 'athena', found string \"duckdb\"; did you mean 'duckDb'?")
    assert.equal(strategy, "clusterGroups.default.strategy (qf.yaml:7): expected one of 'roundRobin', 'leastLoaded', 'failover' or 'weighted', found string \"round_robin\"; did you mean 'roundRobin'?")
  })

  test('a misspelt engine still has the rest of its cluster checked as the likely engine', () => {
    const lines = problems(MINIMAL.replace('engine: duckDb', 'engine: Trino\n    endpoint: http://t:8080\n    poolSize: -1'))
    assert.deepEqual(lines, [
      "clusters.duck.engine (qf.yaml:3): expected one of 'duckDb', 'trino', 'starRocks', 'mysql', 'postgres', 'clickHouse' or 'athena', found string \"Trino\"; did you mean 'trino'?",
      'clusters.duck.poolSize (qf.yaml:5): expected a number > 0, found number -1',
    ])
  })

  test('renamed values: persistence inMemory', () => {
    const [line] = problems(`${MINIMAL}queryflux:\n  persistence:\n    type: inMemory\n`)
    assert.equal(line, "queryflux.persistence.type (qf.yaml:10): expected one of 'memory' or 'postgres', found string \"inMemory\"; it is called 'memory' now")
  })

  test('missing required keys name the key and what it is for', () => {
    const lines = problems(`clusters:
  duck: { databasePath: /tmp/x.duckdb }
clusterGroups:
  default: { maxRunningQueries: 5 }
`)
    assert.deepEqual(lines, [
      "clusters.duck (qf.yaml:2): missing required key 'engine'; set it to one of 'duckDb', 'trino', 'starRocks', 'mysql', 'postgres', 'clickHouse' or 'athena'",
      "clusterGroups.default (qf.yaml:4): missing required key 'members'; add it: Names of clusters from the top-level `clusters:` map; all of one engine type.",
    ])
  })

  test('a missing top-level section is reported at the top level', () => {
    assert.deepEqual(problems('clusters: {}\n'), ["qf.yaml:1: missing required key 'clusterGroups'; add it: Cluster groups by name; routers send queries to groups."])
  })

  test('dangling references: members, router targets, fallback, overflow', () => {
    const lines = problems(`clusters:
  duck: { engine: duckDb }
clusterGroups:
  default: { members: [duck, duk], overflow: spill }
routers:
  - type: header
    headerName: x-engine
    headerValueToGroup: { a: defualt }
  - type: compound
    conditions: [{ user: bob }]
    targetGroup: nowhere
routingFallback: fallback
`)
    assert.deepEqual(lines, [
      "clusterGroups.default.members[1] (qf.yaml:4): unknown cluster 'duk'; did you mean 'duck'?",
      "clusterGroups.default.overflow (qf.yaml:4): unknown cluster group 'spill'; define it under clusterGroups, or use an existing group: 'default'",
      "routers[0].headerValueToGroup.a (qf.yaml:8): unknown cluster group 'defualt'; did you mean 'default'?",
      "routers[1].targetGroup (qf.yaml:11): unknown cluster group 'nowhere'; define it under clusterGroups, or use an existing group: 'default'",
      "routingFallback (qf.yaml:12): unknown cluster group 'fallback'; define it under clusterGroups, or use an existing group: 'default'",
    ])
  })

  test('overflow cycle and a group of mixed engines', () => {
    const lines = problems(`clusters:
  duck: { engine: duckDb }
  trino: { engine: trino, endpoint: http://t:8080 }
clusterGroups:
  a: { members: [duck, trino], overflow: b }
  b: { members: [duck], overflow: c }
  c: { members: [duck], overflow: a }
`)
    assert.deepEqual(lines, [
      'clusterGroups.a.members (qf.yaml:5): members run different engines (duck: duckDb; trino: trino); a group holds clusters of one engine, so split it into one group per engine and join them with overflow or routers',
      'clusterGroups.a.overflow (qf.yaml:5): overflow cycle a → b → c → a; a full group would hand queries around forever, so end the chain at a group without overflow',
    ])
  })

  test('two listeners on one port', () => {
    const [line] = problems(`${MINIMAL}queryflux:
  frontends:
    trinoHttp: {}
  adminApi: { port: 8080 }
`)
    assert.equal(line, 'queryflux.adminApi.port (qf.yaml:11): port 8080 is also used by trinoHttp; set queryflux.adminApi.port to another port')
  })

  test('an unset environment variable names the key and the variable, and nothing else about that key', () => {
    const lines = problems(`${MINIMAL}queryflux:\n  frontends:\n    trinoHttp:\n      port: \${QF_TEST_PORT}\n`)
    assert.deepEqual(lines, ['queryflux.frontends.trinoHttp.port (qf.yaml:11): environment variable QF_TEST_PORT is not set; export QF_TEST_PORT, or write ${QF_TEST_PORT:-default} to give a default'])
  })

  test('errors in inline (legacy) clusters cite the path and line that was written', () => {
    const lines = problems(`clusterGroups:
  trino-default:
    engine: trino
    clusters:
      - name: trino-1
        endpoint: http://trino-1:8080
        enabeld: true
      - name: trino-2
        poolSize: 0
`)
    assert.deepEqual(lines, [
      "clusterGroups.trino-default.clusters[0] (qf.yaml:7): unknown key 'enabeld'; did you mean 'enabled'?",
      'clusterGroups.trino-default.clusters[1] (qf.yaml:8): missing required key \'endpoint\'; add it: URL of the engine: http(s):// for Trino and ClickHouse, postgres:// or mysql:// for wire engines.',
      'clusterGroups.trino-default.clusters[1].poolSize (qf.yaml:9): expected a number > 0, found number 0',
    ])
  })

  test('routing conditions: the option meant is found, nested errors get their full path', () => {
    const lines = problems(`${MINIMAL}routers:
  - type: compound
    combine: any
    targetGroup: default
    conditions:
      - type: protocol
        protocol: mysqlWire
      - headr: x-tenant
      - not: { any: [{ user: bob }, { protocol: odbc }] }
`)
    assert.deepEqual(lines, [
      "routers[0] (qf.yaml:10): unknown key 'combine'; it is called 'combinator' (all or any)",
      "routers[0].conditions[0] (qf.yaml:13): unknown key 'type'; conditions are written without a type, e.g. { protocol: mysqlWire } or { header: X-Env, value: prod }",
      "routers[0].conditions[1] (qf.yaml:15): expected a mapping with one of the keys protocol, header, queryRegex, clientTag, user, userGroup, all, any, not, found 'headr'; did you mean 'header'?",
      "routers[0].conditions[2].not.any[1].protocol (qf.yaml:16): expected one of 'trinoHttp', 'postgresWire', 'mysqlWire', 'flightSql' or 'admin', found string \"odbc\"",
    ])
  })

  test('invalid regexes are caught at load', () => {
    const [line] = problems(`${MINIMAL}routers:\n  - type: queryRegex\n    rules:\n      - { regex: "(unclosed", targetGroup: default }\n`)
    assert.match(line ?? '', /^routers\[0\]\.rules\[0\]\.regex \(qf\.yaml:11\): invalid regex \/\(unclosed\/: .*; fix the pattern/)
  })

  test('secrets are not echoed in messages', () => {
    const lines = problems(`${MINIMAL}auth:\n  users:\n    - { username: bob, password: 12345678 }\n`)
    assert.deepEqual(lines, ['auth.users[0].password (qf.yaml:10): expected a string, found number 12345678; quote it: "12345678"'])
    const [token] = problems(`${MINIMAL}queryflux:\n  adminApi: { token: [s3cret] }\n`)
    assert.ok(!/s3cret/.test(token ?? ''), token)
    const [url] = problems(`${MINIMAL}queryflux:\n  persistence: { type: postgres, url: "postgres://u:hunter2@db/x", historyLimit: "many" }\n`)
    assert.ok(!/hunter2/.test(url ?? ''), url)
  })

  test('YAML syntax errors: the first one, with its line', () => {
    const lines = problems('clusterGroups:\n  a: { members: [x]\nrouters: []\n')
    assert.equal(lines.length, 1)
    assert.match(lines[0] ?? '', /^qf\.yaml:\d: .*; fix the YAML syntax/)
    const [flow] = problems('clusterGroups:\n  a: { members: [x], maxRunningQueries: ${MAX} }\n')
    assert.match(flow ?? '', /^qf\.yaml:2: .*; a \$\{…\} reference inside \{ \} or \[ \] must be quoted/)
    const [duplicate] = problems('clusterGroups: {}\nclusterGroups: {}\n')
    assert.match(duplicate ?? '', /^qf\.yaml:2: Map keys must be unique/)
  })

  test('an empty file and a file that is not a mapping', () => {
    assert.match(problems('')[0] ?? '', /^qf\.yaml:1: the file is empty/)
    assert.match(problems('- a\n- b\n')[0] ?? '', /^qf\.yaml:1: expected a mapping of sections/)
  })

  test('a file that cannot be read is CONFIG_INVALID naming the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qf-config-'))
    await assert.rejects(loadConfig(join(dir, 'missing.yaml')), (error: unknown) => {
      assert.ok(error instanceof QueryFluxError)
      assert.equal(error.code, 'CONFIG_INVALID')
      assert.match(error.message, /missing\.yaml: no such file; check the path given to --config/)
      return true
    })
    const file = join(dir, 'bad.yaml')
    writeFileSync(file, 'clusterGroups: { a: { members: [x] } }\n')
    await assert.rejects(loadConfig(file), (error: unknown) => {
      assert.equal(formatConfigError(error), `invalid configuration in ${file} (1 problem):\n  - clusterGroups.a.members[0] (${file}:1): unknown cluster 'x'; define it under the top-level clusters:`)
      return true
    })
  })
})
