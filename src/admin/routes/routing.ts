/** Routing dry run: which group a query would go to, the full RoutingTrace and translated SQL. */
import { errors } from '../../core/errors.ts'
import { Protocol } from '../../core/protocol.ts'
import type { SessionContext } from '../../core/query-request.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { Route } from '../http-route.ts'

const PROTOCOLS = new Set<string>(Object.values(Protocol))

export function routingRoutes (service: QueryService): Route[] {
  return [{
    method: 'POST',
    path: '/api/routing/dry-run',
    summary: 'Route and translate a query without running it: body { sql, user?, protocol?, headers?, clientTags?, catalog?, schema? }',
    handle: async (ctx) => {
      const body = await ctx.json() as Record<string, unknown>
      if (typeof body.sql !== 'string' || body.sql.trim() === '') throw errors.badRequest('body needs "sql": the statement to route')
      const protocol = typeof body.protocol === 'string' ? body.protocol : 'trinoHttp'
      if (!PROTOCOLS.has(protocol)) throw errors.badRequest(`"protocol" must be one of ${[...PROTOCOLS].join(', ')}`)
      const headers: Record<string, string> = {}
      if (typeof body.headers === 'object' && body.headers !== null) {
        for (const [k, v] of Object.entries(body.headers)) headers[k.toLowerCase()] = String(v)
      }
      const session: SessionContext = {
        user: typeof body.user === 'string' ? body.user : 'admin',
        protocol: protocol as Protocol,
        headers,
        clientTags: Array.isArray(body.clientTags) ? body.clientTags.map(String) : [],
        properties: {},
        ...(typeof body.catalog === 'string' ? { catalog: body.catalog } : {}),
        ...(typeof body.schema === 'string' ? { schema: body.schema } : {}),
      }
      return { status: 200, body: await service.dryRun({ sql: body.sql, session }) }
    },
  }]
}
