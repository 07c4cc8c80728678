/** The client protocols QueryFlux speaks. Values are the config keys under `queryflux.frontends`. */
export const Protocol = {
  trinoHttp: 'trinoHttp',
  postgresWire: 'postgresWire',
  mysqlWire: 'mysqlWire',
  flightSql: 'flightSql',
  /** Queries issued through the admin API (dry runs, UI). */
  admin: 'admin',
} as const
export type Protocol = (typeof Protocol)[keyof typeof Protocol]
