/**
 * The port each listener takes when its `port` is not set. The protocol's customary port, so
 * clients connect without naming one (`psql -h localhost`, `trino --server localhost:8080`).
 * Flight SQL has no registered port; 50051 is the customary gRPC one.
 *
 * `key` is the config key that moves the listener, for "port 8080 is taken: set …" messages.
 */
export const DEFAULT_PORTS = {
  trinoHttp: { port: 8080, key: 'queryflux.frontends.trinoHttp.port' },
  postgresWire: { port: 5432, key: 'queryflux.frontends.postgresWire.port' },
  mysqlWire: { port: 3306, key: 'queryflux.frontends.mysqlWire.port' },
  flightSql: { port: 50051, key: 'queryflux.frontends.flightSql.port' },
  adminApi: { port: 9000, key: 'queryflux.adminApi.port' },
} as const

export type Listener = keyof typeof DEFAULT_PORTS
