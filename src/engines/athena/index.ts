/** Amazon Athena over the AWS SDK (asynchronous: start, poll, page through results). */
import type { Logger } from '../../observability/logger.ts'
import type { EngineAdapter } from '../engine-adapter.ts'
import { AthenaAdapter } from './adapter.ts'
import { resolveAthenaOptions } from './options.ts'
import type { AthenaClusterConfig } from './options.ts'

export async function createAthenaAdapter (name: string, config: AthenaClusterConfig, logger: Logger): Promise<EngineAdapter> {
  return new AthenaAdapter(name, resolveAthenaOptions(name, config), logger)
}
