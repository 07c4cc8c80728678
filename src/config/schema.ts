/**
 * The one schema of QueryFlux configuration. It validates the YAML file, admin API changes,
 * and generates docs/configuration.md. Objects are strict: an unknown key is an error, never
 * a silent no-op.
 *
 * Every option carries its documentation as a zod description (`.describe()`), so the same text
 * reaches the generated reference (scripts/gen-config-docs.ts) and the JSON Schema.
 */
import { z } from 'zod'
import { DEFAULT_PORTS } from './default-ports.ts'

const port = z.number().int().min(0).max(65535)
const positiveInt = z.number().int().positive()

const listenerBase = (listener: keyof typeof DEFAULT_PORTS, what: string) => ({
  enabled: z.boolean().default(true).describe(`Whether the ${what} listens.`),
  port: port.optional().describe(`TCP port; absent means ${DEFAULT_PORTS[listener].port}; 0 picks a free one (logged at start).`),
  host: z.string().default('127.0.0.1').describe('Interface to bind; 0.0.0.0 or :: listens on every interface.'),
})

const tlsFiles = z.strictObject({
  certFile: z.string().describe('PEM certificate chain file.'),
  keyFile: z.string().describe('PEM private key file.'),
}).describe('TLS certificate and key; when set, clients may upgrade to TLS.')

const maxConnections = positiveInt.default(1000).describe('Open client connections at most; more are refused.')
const idleTimeoutMs = z.number().int().min(0).default(0).describe('Close connections idle for this long, in ms; 0 disables.')

export const TrinoHttpFrontendSchema = z.strictObject({
  ...listenerBase('trinoHttp', 'Trino HTTP frontend'),
  clientTimeoutMs: positiveInt.default(300_000).describe('Cancel a query whose client has not polled for this long, in ms.'),
  targetPageBytes: positiveInt.default(1_048_576).describe('Target size of one response page, in bytes of encoded row data.'),
  passthrough: z.boolean().default(true).describe('Forward a Trino engine\'s result pages to Trino clients as received, without decoding and re-encoding them (Trino SQL on a Trino engine only).'),
}).describe('Trino client protocol over HTTP (Trino CLI, JDBC, trino-python-client).')

export const PostgresWireFrontendSchema = z.strictObject({
  ...listenerBase('postgresWire', 'PostgreSQL wire frontend'),
  authMethod: z.enum(['scram-sha-256', 'md5', 'password']).default('scram-sha-256').describe('Password exchange offered when `auth.users` is set.'),
  tls: tlsFiles.optional(),
  requireTls: z.boolean().default(false).describe('Refuse connections that do not upgrade to TLS.'),
  maxConnections,
  idleTimeoutMs,
  maxMessageBytes: positiveInt.default(64 * 1024 * 1024).describe('Largest message a client may send, in bytes.'),
  dialect: z.enum(['trino', 'postgres', 'mysql', 'duckdb', 'starrocks', 'clickhouse', 'athena']).optional()
    .describe('SQL dialect these clients write, when not PostgreSQL (a session can still `SET queryflux.dialect`).'),
}).describe('PostgreSQL wire protocol v3 (psql, JDBC, libpq, BI tools).')

export const MysqlWireFrontendSchema = z.strictObject({
  ...listenerBase('mysqlWire', 'MySQL wire frontend'),
  tls: tlsFiles.optional(),
  maxConnections,
  idleTimeoutMs,
}).describe('MySQL client/server protocol (mysql CLI, Connector/J, mysql2).')

export const FlightSqlFrontendSchema = z.strictObject({
  ...listenerBase('flightSql', 'Arrow Flight SQL frontend'),
  dialect: z.enum(['trino', 'postgres', 'mysql', 'duckdb', 'starrocks', 'clickhouse', 'athena']).default('trino')
    .describe('SQL dialect Flight SQL clients write (Flight SQL does not say).'),
}).describe('Arrow Flight SQL over gRPC (ADBC, Flight SQL JDBC).')

export const AdminApiSchema = z.strictObject({
  ...listenerBase('adminApi', 'admin API (REST, OpenAPI document, /metrics, web UI)'),
  token: z.string().optional().describe('Bearer token required on /api when set (metrics stay open). Use ${ENV_VAR}.'),
}).describe('Admin REST API, Prometheus /metrics and the web UI, on one port.')

export const PersistenceSchema = z.union([
  z.literal('memory'),
  z.strictObject({ type: z.literal('memory').describe('Keep state in this process only.') }),
  z.strictObject({
    type: z.literal('postgres').describe('Keep routing rules, groups and query history in PostgreSQL, shared by every instance.'),
    url: z.string().describe('postgres://user:password@host:port/db (use ${ENV_VAR} for the password).'),
    historyLimit: positiveInt.default(10_000).describe('How many recent queries to keep.'),
  }),
]).describe('Where routing rules, groups and query history live: `memory` (one instance) or `{ type: postgres, url }`.')

export const QueryFluxSchema = z.strictObject({
  externalAddress: z.string().optional().describe('Base URL clients use to reach this instance; used in every URI handed out (Trino nextUri).'),
  frontends: z.strictObject({
    trinoHttp: TrinoHttpFrontendSchema.optional(),
    postgresWire: PostgresWireFrontendSchema.optional(),
    mysqlWire: MysqlWireFrontendSchema.optional(),
    flightSql: FlightSqlFrontendSchema.optional(),
  }).prefault({}).describe('Client protocols QueryFlux speaks; a frontend listens when its section is present and not disabled.'),
  adminApi: AdminApiSchema.prefault({}),
  persistence: PersistenceSchema.default('memory'),
  shutdownTimeoutMs: z.number().int().min(0).default(30_000).describe('How long running queries may finish after SIGTERM before they are cancelled, in ms.'),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info').describe('pino log level; QUERYFLUX_LOG_LEVEL overrides it.'),
}).describe('The proxy itself: listeners, admin API, persistence, shutdown, logging.')

const engineAuth = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('basic').describe('User name and password.'),
    username: z.string().describe('User QueryFlux logs in as.'),
    password: z.string().optional().describe('Password; use ${ENV_VAR}.'),
  }),
  z.strictObject({
    type: z.literal('bearer').describe('Bearer token (Trino with OAuth2/JWT).'),
    token: z.string().describe('The token; use ${ENV_VAR}.'),
  }),
]).describe('How QueryFlux logs in to the engine; credentials in the endpoint URL work too.')

const remoteClusterBase = {
  endpoint: z.string().describe('URL of the engine: http(s):// for Trino and ClickHouse, postgres:// or mysql:// for wire engines.'),
  auth: engineAuth.optional(),
  tls: z.strictObject({
    verify: z.boolean().default(true).describe('Verify the server certificate.'),
    caFile: z.string().optional().describe('PEM file of the CA that signed the server certificate.'),
  }).optional().describe('TLS towards the engine.'),
  poolSize: positiveInt.default(8).describe('Connections (or concurrent HTTP requests) kept to the engine.'),
  connectTimeoutMs: positiveInt.default(10_000).describe('Give up connecting after this long, in ms.'),
  queryTimeoutMs: z.number().int().min(0).default(0).describe('Cancel the query on the engine after this long, in ms; 0 = no limit.'),
}

const clusterCommon = {
  enabled: z.boolean().default(true).describe('A disabled cluster receives no queries.'),
  weight: positiveInt.default(1).describe('Share of traffic under the `weighted` strategy.'),
  priority: z.number().int().default(0).describe('Lower is preferred under the `failover` strategy.'),
  maxRunningQueries: positiveInt.optional().describe('Per-cluster running-query cap; defaults to the group\'s limit.'),
}

const engine = <T extends string>(name: T, what: string) => z.literal(name).describe(what)

export const ClusterSchema = z.discriminatedUnion('engine', [
  z.strictObject({
    engine: engine('duckDb', 'DuckDB, embedded in the QueryFlux process.'),
    ...clusterCommon,
    databasePath: z.string().optional().describe('DuckDB database file; absent means in-memory.'),
    initSql: z.array(z.string()).default([]).describe('Statements run when the cluster opens (ATTACH, CREATE VIEW over Parquet/CSV, …).'),
    poolSize: positiveInt.default(4).describe('Connections kept open so concurrent queries do not queue behind one.'),
  }),
  z.strictObject({ engine: engine('trino', 'Trino (or Presto-compatible) coordinator, over the HTTP client protocol.'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: engine('starRocks', 'StarRocks frontend, over the MySQL wire protocol.'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: engine('mysql', 'MySQL, MariaDB or Doris, over the MySQL wire protocol.'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: engine('postgres', 'PostgreSQL or a PostgreSQL-wire engine.'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: engine('clickHouse', 'ClickHouse, over its HTTP interface.'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({
    engine: engine('athena', 'Amazon Athena, through the AWS SDK (credentials from the default AWS chain).'),
    ...clusterCommon,
    region: z.string().describe('AWS region, e.g. eu-west-1.'),
    workgroup: z.string().default('primary').describe('Athena workgroup queries run in.'),
    s3OutputLocation: z.string().optional().describe('s3:// location for results, unless the workgroup sets one.'),
    catalog: z.string().default('AwsDataCatalog').describe('Default data catalog.'),
    database: z.string().default('default').describe('Default database.'),
    endpoint: z.string().optional().describe('Endpoint override (e.g. a local AWS emulator).'),
    pollIntervalMs: positiveInt.default(200).describe('How often to ask Athena whether the query finished, in ms.'),
  }),
]).describe('One engine endpoint; `engine` picks the kind and the options that follow.')

export const TranslationOnError = z.enum(['fail', 'passthrough'])
  .describe('When the SQL cannot be translated: `fail` the query with TRANSLATION_FAILED, or `passthrough` the SQL unchanged.')

export const ClusterGroupSchema = z.strictObject({
  members: z.array(z.string()).min(1).describe('Names of clusters from the top-level `clusters:` map; all of one engine type.'),
  maxRunningQueries: positiveInt.default(100).describe('Queries running at once across the group.'),
  maxQueuedQueries: z.number().int().min(0).default(1000).describe('Queries waiting for a slot; more are refused with QUEUE_FULL.'),
  queueTimeoutMs: positiveInt.default(300_000).describe('Longest wait in the queue before QUEUE_TIMEOUT, in ms.'),
  strategy: z.enum(['roundRobin', 'leastLoaded', 'failover', 'weighted']).default('leastLoaded').describe('How a query picks one cluster of the group.'),
  overflow: z.string().optional().describe('Group to send queries to when this one is full.'),
  retries: z.number().int().min(0).default(1).describe('Retries on another cluster when a cluster fails before sending any row.'),
  translation: z.strictObject({
    onError: TranslationOnError.default('fail'),
  }).optional().describe('Overrides the top-level `translation` for this group.'),
  enabled: z.boolean().default(true).describe('A disabled group receives no queries.'),
}).describe('Clusters of one engine that share a capacity limit, a queue and a selection strategy.')

const protocolName = z.enum(['trinoHttp', 'postgresWire', 'mysqlWire', 'flightSql', 'admin'])
const targetGroup = z.string().describe('Cluster group the matching queries go to.')

// Recursion through getters (zod 4's way): the nested conditions refer to this very instance,
// so JSON Schema generation emits one $ref instead of recursing forever. (A `.describe()` on the
// nested reference would clone it and break that, hence the descriptions on the arrays.)
const conditionSchema: z.ZodType<RoutingCondition> = z.union([
  z.strictObject({ protocol: protocolName.describe('Holds when the client came in over this frontend.') }),
  z.strictObject({
    header: z.string().describe('Holds when this request header (case-insensitive) is present…'),
    value: z.string().optional().describe('…and equals this value exactly…'),
    regex: z.string().optional().describe('…or matches this regex.'),
  }),
  z.strictObject({ queryRegex: z.string().describe('Holds when the SQL text matches this regex (case-insensitive).') }),
  z.strictObject({ clientTag: z.string().describe('Holds when the client sent this tag (X-Trino-Client-Tags).') }),
  z.strictObject({ user: z.string().describe('Holds for this user.') }),
  z.strictObject({ userGroup: z.string().describe('Holds for members of this user group (`auth.users[].groups` or a `user` router\'s userGroups).') }),
  z.strictObject({ get all () { return conditionList('Holds when every nested condition holds.') } }),
  z.strictObject({ get any () { return conditionList('Holds when at least one nested condition holds.') } }),
  z.strictObject({ get not (): z.ZodType<RoutingCondition> { return conditionSchema } }).describe('Holds when the nested condition does not.'),
]).meta({ id: 'RoutingCondition', description: 'One condition of a `compound` router: a mapping with exactly one of these keys.' })

function conditionList (description: string): z.ZodArray<z.ZodType<RoutingCondition>> {
  return z.array(conditionSchema).min(1).describe(description)
}

export type RoutingCondition =
  | { protocol: z.infer<typeof protocolName> }
  | { header: string, value?: string | undefined, regex?: string | undefined }
  | { queryRegex: string }
  | { clientTag: string }
  | { user: string }
  | { userGroup: string }
  | { all: RoutingCondition[] }
  | { any: RoutingCondition[] }
  | { not: RoutingCondition }

const groupFor = (protocol: string) => z.string().optional().describe(`Group for queries that came in over ${protocol}.`)

export const RouterSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('protocolBased').describe('Route by the frontend the client used.'),
    trinoHttp: groupFor('Trino HTTP'),
    postgresWire: groupFor('PostgreSQL wire'),
    mysqlWire: groupFor('MySQL wire'),
    flightSql: groupFor('Arrow Flight SQL'),
  }),
  z.strictObject({
    type: z.literal('header').describe('Route by the value of one request header.'),
    headerName: z.string().describe('Header name (case-insensitive).'),
    headerValueToGroup: z.record(z.string(), z.string()).describe('Header value → group (exact match).'),
  }),
  z.strictObject({
    type: z.literal('queryRegex').describe('Route by regexes over the SQL text.'),
    rules: z.array(z.strictObject({
      regex: z.string().describe('JavaScript regex tested against the SQL text.'),
      targetGroup,
      flags: z.string().default('i').describe('RegExp flags (`g` and `y` are refused).'),
    })).min(1).describe('Evaluated in order; first matching regex wins.'),
  }),
  z.strictObject({
    type: z.literal('clientTags').describe('Route by client tags (Trino X-Trino-Client-Tags).'),
    tagToGroup: z.record(z.string(), z.string()).describe('Tag → group; the first tag of the client that has a mapping wins.'),
  }),
  z.strictObject({
    type: z.literal('user').describe('Route by user name or user group.'),
    userToGroup: z.record(z.string(), z.string()).default({}).describe('User name → group; checked before userGroups.'),
    userGroups: z.record(z.string(), z.strictObject({
      members: z.array(z.string()).describe('User names in this set.'),
      targetGroup,
    })).default({}).describe('Named sets of users: { analysts: { members: [...], targetGroup } }.'),
  }),
  z.strictObject({
    type: z.literal('pythonScript').describe('Route with a Python function, run sandboxed.'),
    script: z.string().optional().describe('Python source defining `route(query, ctx) -> str | None`.'),
    scriptFile: z.string().optional().describe('File holding that source (instead of `script`).'),
    timeoutMs: positiveInt.default(50).describe('A call running longer counts as no match, in ms.'),
  }),
  z.strictObject({
    type: z.literal('compound').describe('Route when a combination of conditions holds.'),
    combinator: z.enum(['all', 'any']).default('all').describe('all: every condition must hold; any: at least one. Conditions nest.'),
    conditions: z.array(conditionSchema).min(1).describe('Conditions; see the routing condition table.'),
    targetGroup,
  }),
]).describe('One routing rule; `type` picks the kind.')

export const AuthSchema = z.strictObject({
  users: z.array(z.strictObject({
    username: z.string().min(1).describe('Login name.'),
    password: z.string().describe('Plain text (use ${ENV_VAR}), or a SCRAM-SHA-256 / bcrypt hash.'),
    groups: z.array(z.string()).default([]).describe('User groups this user belongs to, for `user` routers and `userGroup` conditions.'),
  })).default([]).describe('Users allowed to log in; with none, any user name is accepted without a password.'),
}).describe('Client authentication at the frontends.')

export const ConfigSchema = z.strictObject({
  queryflux: QueryFluxSchema.prefault({}),
  clusters: z.record(z.string(), ClusterSchema).default({}).describe('Engine endpoints by name; groups refer to them in `members`.'),
  clusterGroups: z.record(z.string(), ClusterGroupSchema).describe('Cluster groups by name; routers send queries to groups.'),
  health: z.strictObject({
    checkIntervalMs: positiveInt.default(10_000).describe('Time between active health checks of each cluster.'),
    checkTimeoutMs: positiveInt.default(5_000).describe('A health check slower than this counts as failed.'),
    unhealthyThreshold: positiveInt.default(3).describe('Consecutive failed checks that mark a healthy cluster unhealthy (it then receives no queries).'),
    healthyThreshold: positiveInt.default(2).describe('Consecutive good checks that mark an unhealthy cluster healthy again.'),
    circuitFailureThreshold: positiveInt.default(5).describe('Consecutive engine failures of queries (passive tracking) that open a cluster\'s circuit.'),
    circuitCoolDownMs: positiveInt.default(30_000).describe('How long an open circuit stays open before one trial query is let through.'),
  }).prefault({}).describe('Active health checks and passive failure tracking of clusters, for every group.'),
  routers: z.array(RouterSchema).default([]).describe('Routing rules, tried in order; the first that yields a group wins.'),
  routingFallback: z.string().optional().describe('Group for queries no router matched; without it they fail with ROUTING_NO_MATCH.'),
  translation: z.strictObject({
    onError: TranslationOnError.default('fail').describe('Default for groups without their own translation.onError.'),
    cacheSize: positiveInt.default(10_000).describe('Translations kept in the LRU cache.'),
    workerThreads: z.number().int().min(0).default(1).describe('Run uncached translations on this many worker threads so a slow one never stalls the event loop (measured: in-thread p99 event-loop delay 13.5 ms vs 2.1 ms on one worker); 0 translates inline.'),
    schemaCacheTtlMs: positiveInt.default(60_000).describe('How long the column types of a table, read from the engine\'s metadata for translation, are reused; a changed table is translated with its new types after at most this long. A lookup that fails or takes over 2 s translates without that table\'s types.'),
  }).prefault({}).describe('SQL dialect translation between the client\'s dialect and the engine\'s.'),
  auth: AuthSchema.optional(),
})

export type Config = z.infer<typeof ConfigSchema>
export type ConfigInput = z.input<typeof ConfigSchema>
export type ClusterConfig = z.infer<typeof ClusterSchema>
export type ClusterGroupConfig = z.infer<typeof ClusterGroupSchema>
export type RouterConfig = z.infer<typeof RouterSchema>
export type TrinoHttpFrontendConfig = z.infer<typeof TrinoHttpFrontendSchema>
export type PostgresWireFrontendConfig = z.infer<typeof PostgresWireFrontendSchema>
export type MysqlWireFrontendConfig = z.infer<typeof MysqlWireFrontendSchema>
export type FlightSqlFrontendConfig = z.infer<typeof FlightSqlFrontendSchema>
export type AuthConfig = z.infer<typeof AuthSchema>
