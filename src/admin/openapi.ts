/** The admin API as an OpenAPI 3.1 document, built from the route table so it cannot drift. */
import type { Route } from './http-route.ts'

export function buildOpenApi (routes: readonly Route[]): unknown {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of routes) {
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const op: Record<string, unknown> = {
      summary: route.summary,
      parameters: params,
      responses: {
        200: { description: 'OK', content: { 'application/json': {} } },
        400: { description: 'Bad request', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        401: { description: 'Missing or wrong bearer token' },
        404: { description: 'Not found' },
      },
    }
    if (route.method !== 'GET' && route.method !== 'DELETE') op.requestBody = { required: false, content: { 'application/json': { schema: { type: 'object' } } } }
    if (route.method === 'DELETE') (op.responses as Record<string, unknown>)[204] = { description: 'Cancelled' }
    ;(paths[route.path] ??= {})[route.method.toLowerCase()] = op
  }
  return {
    openapi: '3.1.0',
    info: { title: 'QueryFlux admin API', version: '1' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } } },
      },
    },
    security: [{ bearer: [] }, {}],
  }
}
