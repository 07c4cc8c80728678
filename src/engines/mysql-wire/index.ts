/** MySQL-wire engines: `mysql` (MySQL, MariaDB) and `starRocks` clusters share this adapter. */
import type { Logger } from '../../observability/logger.ts'
import type { EngineAdapter } from '../engine-adapter.ts'
import { MysqlWireAdapter } from './adapter.ts'
import { resolveMysqlWireOptions } from './options.ts'
import type { MysqlWireClusterConfig } from './options.ts'

export async function createMysqlWireAdapter (name: string, config: MysqlWireClusterConfig, logger: Logger): Promise<EngineAdapter> {
  return new MysqlWireAdapter(name, config.engine, resolveMysqlWireOptions(name, config), logger)
}
