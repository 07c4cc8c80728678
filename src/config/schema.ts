/**
 * The one schema of QueryFlux configuration. It validates the YAML file, admin API changes,
 * and generates docs/configuration.md. Objects are strict: an unknown key is an error, never
 * a silent no-op.
 */
import { z } from 'zod'

const port = z.number().int().min(0).max(65535)
const positiveInt = z.number().int().positive()

const frontendBase = {
  /** Whether this frontend listens. */
  enabled: z.boolean().default(true),
  /** TCP port; 0 picks a free one (logged at start). */
  port: port.optional(),
  /** Interface to bind. */
  host: z.string().default('127.0.0.1'),
}

const tlsFiles = z.strictObject({
  /** PEM certificate chain file. */
  certFile: z.string(),
  /** PEM private key file. */
  keyFile: z.string(),
})

export const TrinoHttpFrontendSchema = z.strictObject({
  ...frontendBase,
  /** Cancel a query whose client has not polled for this long. */
  clientTimeoutMs: positiveInt.default(300_000),
  /** Target size of one response page, in bytes of encoded row data. */
  targetPageBytes: positiveInt.default(1_048_576),
})

export const PostgresWireFrontendSchema = z.strictObject({
  ...frontendBase,
  /** Password exchange offered when `auth.users` is set. */
  authMethod: z.enum(['scram-sha-256', 'md5', 'password']).default('scram-sha-256'),
  tls: tlsFiles.optional(),
  /** Refuse connections that do not upgrade to TLS. */
  requireTls: z.boolean().default(false),
  maxConnections: positiveInt.default(1000),
  /** Close connections idle for this long; 0 disables. */
  idleTimeoutMs: z.number().int().min(0).default(0),
  /** Largest message a client may send, in bytes. */
  maxMessageBytes: positiveInt.default(64 * 1024 * 1024),
})

export const MysqlWireFrontendSchema = z.strictObject({
  ...frontendBase,
  tls: tlsFiles.optional(),
  maxConnections: positiveInt.default(1000),
  idleTimeoutMs: z.number().int().min(0).default(0),
})

export const FlightSqlFrontendSchema = z.strictObject({
  ...frontendBase,
  /** SQL dialect Flight SQL clients write. */
  dialect: z.enum(['trino', 'postgres', 'mysql', 'duckdb', 'starrocks', 'clickhouse', 'athena']).default('trino'),
})

export const AdminApiSchema = z.strictObject({
  enabled: z.boolean().default(true),
  port: port.optional(),
  host: z.string().default('127.0.0.1'),
  /** Bearer token required on /api when set (metrics stay open). */
  token: z.string().optional(),
})

export const PersistenceSchema = z.union([
  z.literal('memory'),
  z.strictObject({ type: z.literal('memory') }),
  z.strictObject({
    type: z.literal('postgres'),
    /** postgres://user:password@host:port/db */
    url: z.string(),
    /** How many recent queries to keep. */
    historyLimit: positiveInt.default(10_000),
  }),
])

export const QueryFluxSchema = z.strictObject({
  /** Base URL clients use to reach this instance; used in every URI handed out (Trino nextUri). */
  externalAddress: z.string().optional(),
  frontends: z.strictObject({
    trinoHttp: TrinoHttpFrontendSchema.optional(),
    postgresWire: PostgresWireFrontendSchema.optional(),
    mysqlWire: MysqlWireFrontendSchema.optional(),
    flightSql: FlightSqlFrontendSchema.optional(),
  }).prefault({}),
  adminApi: AdminApiSchema.prefault({}),
  persistence: PersistenceSchema.default('memory'),
  /** How long running queries may finish after SIGTERM before they are cancelled. */
  shutdownTimeoutMs: z.number().int().min(0).default(30_000),
  /** pino level. */
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
})

const engineAuth = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('basic'), username: z.string(), password: z.string().optional() }),
  z.strictObject({ type: z.literal('bearer'), token: z.string() }),
])

const remoteClusterBase = {
  /** URL of the engine: http(s):// for Trino and ClickHouse, postgres:// or mysql:// for wire engines. */
  endpoint: z.string(),
  auth: engineAuth.optional(),
  tls: z.strictObject({
    /** Verify the server certificate. */
    verify: z.boolean().default(true),
    caFile: z.string().optional(),
  }).optional(),
  poolSize: positiveInt.default(8),
  connectTimeoutMs: positiveInt.default(10_000),
  /** Cancel the query on the engine after this long; 0 = no limit. */
  queryTimeoutMs: z.number().int().min(0).default(0),
}

const clusterCommon = {
  /** A disabled cluster receives no queries. */
  enabled: z.boolean().default(true),
  /** Share of traffic under the `weighted` strategy. */
  weight: positiveInt.default(1),
  /** Lower is preferred under the `failover` strategy. */
  priority: z.number().int().default(0),
  /** Per-cluster running-query cap; defaults to the group's limit. */
  maxRunningQueries: positiveInt.optional(),
}

export const ClusterSchema = z.discriminatedUnion('engine', [
  z.strictObject({
    engine: z.literal('duckDb'),
    ...clusterCommon,
    /** DuckDB database file; absent means in-memory. */
    databasePath: z.string().optional(),
    /** Statements run when the cluster opens (ATTACH, CREATE VIEW over Parquet/CSV, …). */
    initSql: z.array(z.string()).default([]),
    /** Connections kept open so concurrent queries do not queue behind one. */
    poolSize: positiveInt.default(4),
  }),
  z.strictObject({ engine: z.literal('trino'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: z.literal('starRocks'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: z.literal('mysql'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: z.literal('postgres'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({ engine: z.literal('clickHouse'), ...clusterCommon, ...remoteClusterBase }),
  z.strictObject({
    engine: z.literal('athena'),
    ...clusterCommon,
    region: z.string(),
    workgroup: z.string().default('primary'),
    s3OutputLocation: z.string().optional(),
    catalog: z.string().default('AwsDataCatalog'),
    database: z.string().default('default'),
    /** Endpoint override (e.g. a local AWS emulator). */
    endpoint: z.string().optional(),
    pollIntervalMs: positiveInt.default(200),
  }),
])

export const TranslationOnError = z.enum(['fail', 'passthrough'])

export const ClusterGroupSchema = z.strictObject({
  /** Names of clusters from the top-level `clusters:` map; all of one engine type. */
  members: z.array(z.string()).min(1),
  /** Queries running at once across the group. */
  maxRunningQueries: positiveInt.default(100),
  /** Queries waiting for a slot; more are refused with QUEUE_FULL. */
  maxQueuedQueries: z.number().int().min(0).default(1000),
  /** Longest wait in the queue before QUEUE_TIMEOUT. */
  queueTimeoutMs: positiveInt.default(300_000),
  strategy: z.enum(['roundRobin', 'leastLoaded', 'failover', 'weighted']).default('leastLoaded'),
  /** Group to send queries to when this one is full. */
  overflow: z.string().optional(),
  /** Retries on another cluster when a cluster fails before sending any row. */
  retries: z.number().int().min(0).default(1),
  translation: z.strictObject({
    onError: TranslationOnError.default('fail'),
  }).optional(),
  enabled: z.boolean().default(true),
})

const protocolName = z.enum(['trinoHttp', 'postgresWire', 'mysqlWire', 'flightSql', 'admin'])

const conditionSchema: z.ZodType<RoutingCondition> = z.lazy(() => z.union([
  z.strictObject({ protocol: protocolName }),
  z.strictObject({ header: z.string(), value: z.string().optional(), regex: z.string().optional() }),
  z.strictObject({ queryRegex: z.string() }),
  z.strictObject({ clientTag: z.string() }),
  z.strictObject({ user: z.string() }),
  z.strictObject({ userGroup: z.string() }),
  z.strictObject({ all: z.array(conditionSchema).min(1) }),
  z.strictObject({ any: z.array(conditionSchema).min(1) }),
  z.strictObject({ not: conditionSchema }),
]))

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

export const RouterSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('protocolBased'),
    trinoHttp: z.string().optional(),
    postgresWire: z.string().optional(),
    mysqlWire: z.string().optional(),
    flightSql: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('header'),
    /** Header name (case-insensitive). */
    headerName: z.string(),
    /** Header value → group. */
    headerValueToGroup: z.record(z.string(), z.string()),
  }),
  z.strictObject({
    type: z.literal('queryRegex'),
    /** Evaluated in order; first matching regex wins. */
    rules: z.array(z.strictObject({ regex: z.string(), targetGroup: z.string(), flags: z.string().default('i') })).min(1),
  }),
  z.strictObject({
    type: z.literal('clientTags'),
    /** Tag → group; the first tag of the client that has a mapping wins. */
    tagToGroup: z.record(z.string(), z.string()),
  }),
  z.strictObject({
    type: z.literal('user'),
    userToGroup: z.record(z.string(), z.string()).default({}),
    /** Named sets of users: { analysts: { members: [...], targetGroup } }. */
    userGroups: z.record(z.string(), z.strictObject({ members: z.array(z.string()), targetGroup: z.string() })).default({}),
  }),
  z.strictObject({
    type: z.literal('pythonScript'),
    /** Python source defining `route(query, ctx) -> str | None`. */
    script: z.string().optional(),
    scriptFile: z.string().optional(),
    timeoutMs: positiveInt.default(50),
  }),
  z.strictObject({
    type: z.literal('compound'),
    /** all: every condition must hold; any: at least one. Conditions nest. */
    combinator: z.enum(['all', 'any']).default('all'),
    conditions: z.array(conditionSchema).min(1),
    targetGroup: z.string(),
  }),
])

export const AuthSchema = z.strictObject({
  users: z.array(z.strictObject({
    username: z.string().min(1),
    /** Plain text (use ${ENV}), or a SCRAM-SHA-256 / bcrypt hash. */
    password: z.string(),
    /** User groups this user belongs to, for `user` routers. */
    groups: z.array(z.string()).default([]),
  })).default([]),
})

export const ConfigSchema = z.strictObject({
  queryflux: QueryFluxSchema.prefault({}),
  clusters: z.record(z.string(), ClusterSchema).default({}),
  clusterGroups: z.record(z.string(), ClusterGroupSchema),
  routers: z.array(RouterSchema).default([]),
  /** Group for queries no router matched. */
  routingFallback: z.string().optional(),
  translation: z.strictObject({
    /** Default for groups without their own translation.onError. */
    onError: TranslationOnError.default('fail'),
    cacheSize: positiveInt.default(10_000),
    /** Run translations on worker threads so they never stall the event loop. */
    workerThreads: z.number().int().min(0).default(0),
  }).prefault({}),
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
