/** Config → Router: one place that knows every router type. */
import type { RouterConfig } from '../../config/schema.ts'
import type { Router } from '../router.ts'
import { ClientTagsRouter } from './client-tags.ts'
import { CompoundRouter } from './compound.ts'
import { HeaderRouter } from './header.ts'
import { ProtocolRouter } from './protocol.ts'
import { PythonScriptRouter } from './python-script.ts'
import { QueryRegexRouter } from './query-regex.ts'
import { UserRouter } from './user.ts'
import type { UserDirectory } from './user-directory.ts'

/** A router built from config, with the cluster groups it can send queries to (for validation). */
export interface ConfiguredRouter extends Router {
  /** Groups named in the router's config; undefined when only known at run time (pythonScript). */
  readonly targets?: readonly string[]
  /** Resolves when the router can answer (a pythonScript router has compiled its script); throws CONFIG_INVALID. */
  warmUp? (): Promise<void>
  close? (): Promise<void>
}

/** Builds `routers[index]`; throws CONFIG_INVALID (naming the router) for a bad regex or script. */
export function createRouter (config: RouterConfig, index: number, directory: UserDirectory): ConfiguredRouter {
  const where = `routers[${index}] (${config.type})`
  switch (config.type) {
    case 'protocolBased': return new ProtocolRouter(config)
    case 'header': return new HeaderRouter(config)
    case 'queryRegex': return new QueryRegexRouter(config, where)
    case 'clientTags': return new ClientTagsRouter(config)
    case 'user': return new UserRouter(config, directory)
    case 'compound': return new CompoundRouter(config, where, directory)
    case 'pythonScript': return new PythonScriptRouter(config, where)
  }
}
