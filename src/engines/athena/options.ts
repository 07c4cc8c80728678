/**
 * An `athena` cluster's config → client settings. Credentials are not configured here: the AWS
 * SDK's default provider chain finds them (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/
 * AWS_SESSION_TOKEN, AWS_PROFILE and ~/.aws, web identity, container or instance role).
 */
import type { ClusterConfig } from '../../config/schema.ts'
import { errors } from '../../core/errors.ts'

export type AthenaClusterConfig = Extract<ClusterConfig, { engine: 'athena' }>

export interface AthenaOptions {
  readonly region: string
  readonly workgroup: string
  /** s3:// prefix for result files; absent when the workgroup enforces its own. */
  readonly s3OutputLocation?: string
  /** Defaults for QueryExecutionContext; the session's catalog/schema override them. */
  readonly catalog: string
  readonly database: string
  /** Endpoint override (a local emulator, a VPC endpoint). */
  readonly endpoint?: string
  /** First GetQueryExecution interval; it grows 1.5× per poll up to `maxPollIntervalMs`. */
  readonly pollIntervalMs: number
  readonly maxPollIntervalMs: number
  /** Rows asked for per GetQueryResults page (Athena's maximum is 1000). */
  readonly pageSize: number
}

export function resolveAthenaOptions (name: string, config: AthenaClusterConfig): AthenaOptions {
  if (config.s3OutputLocation !== undefined && !config.s3OutputLocation.startsWith('s3://')) {
    throw errors.configInvalid(`clusters.${name}.s3OutputLocation '${config.s3OutputLocation}' must be an s3:// URL such as s3://my-bucket/athena-results/`)
  }
  if (config.endpoint !== undefined && !/^https?:\/\//.test(config.endpoint)) {
    throw errors.configInvalid(`clusters.${name}.endpoint '${config.endpoint}' must start with http:// or https://`)
  }
  return {
    region: config.region,
    workgroup: config.workgroup,
    ...(config.s3OutputLocation === undefined ? {} : { s3OutputLocation: config.s3OutputLocation }),
    catalog: config.catalog,
    database: config.database,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
    pollIntervalMs: config.pollIntervalMs,
    maxPollIntervalMs: Math.max(config.pollIntervalMs, 2000),
    pageSize: 1000,
  }
}
