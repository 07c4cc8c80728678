/** Running and recent queries: list, inspect (RoutingTrace, translated SQL), cancel. */
import { errors } from '../../core/errors.ts'
import type { QueryService } from '../../service/query-service.ts'
import type { QueryHistory } from '../../observability/query-history.ts'
import type { QueryInfo } from '../../service/query-execution.ts'
import type { Route } from '../http-route.ts'

export function queryRoutes (service: QueryService, history: QueryHistory): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/queries',
      summary: 'Running queries, then recent finished ones, statements the frontends answered themselves included (filters: state, user, group, limit)',
      handle: ({ query }) => {
        const limit = Math.min(Number(query.get('limit') ?? 100) || 100, 10_000)
        const state = query.get('state')
        const user = query.get('user')
        const group = query.get('group')
        // Statements a frontend answered itself (SET, BEGIN, catalog queries, …) never reach the
        // service: they come from the history, merged with its finished queries newest first.
        const answered = group === null ? history.list({ answeredBy: 'frontend', limit }) : []
        const list = [...service.list(), ...answered].filter((q) =>
          (state === null || q.state === state) && (user === null || q.user === user) && (group === null || q.group === group))
        const isOver = (q: QueryInfo): boolean => q.endedAt !== undefined
        list.sort((a, b) => Number(isOver(a)) - Number(isOver(b)) || (isOver(a) ? b.endedAt! - a.endedAt! : 0))
        return { status: 200, body: { queries: list.slice(0, limit) } }
      },
    },
    {
      method: 'GET',
      path: '/api/queries/{id}',
      summary: 'One query with its RoutingTrace and translated SQL',
      handle: ({ params }) => {
        const info = service.get(params.id!)?.info() ?? history.get(params.id!) ?? service.list().find((q) => q.queryId === params.id)
        if (info === undefined) return { status: 404, body: { error: { code: 'BAD_REQUEST', message: `no query '${params.id}' is running or in recent history` } } }
        return { status: 200, body: info }
      },
    },
    {
      method: 'DELETE',
      path: '/api/queries/{id}',
      summary: 'Cancel a running or queued query',
      handle: ({ params }) => {
        const execution = service.get(params.id!)
        if (execution === undefined) return { status: 404, body: { error: { code: 'BAD_REQUEST', message: `no query '${params.id}' is running` } } }
        execution.cancel(errors.cancelled('the query was cancelled by an operator through the admin API'))
        return { status: 204 }
      },
    },
  ]
}
