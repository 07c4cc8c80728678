import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { configJsonSchema } from './json-schema.ts'

type Json = Record<string, unknown>

/** Every property of every object in the schema, with its path. */
function properties (schema: Json, path: string, out: { path: string, schema: Json }[], seen = new Set<Json>()): typeof out {
  if (seen.has(schema)) return out
  seen.add(schema)
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    out.push({ path: `${path}.${name}`, schema: property })
    properties(property, `${path}.${name}`, out, seen)
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    if (typeof schema[key] === 'object' && schema[key] !== null) properties(schema[key] as Json, `${path}[]`, out, seen)
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    for (const option of (schema[key] ?? []) as Json[]) properties(option, path, out, seen)
  }
  return out
}

describe('configJsonSchema', () => {
  const schema = configJsonSchema()

  test('is one draft 2020-12 document; recursive routing conditions are one $def', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema')
    assert.deepEqual(Object.keys(schema.$defs as Json), ['RoutingCondition'])
    assert.deepEqual((schema.required as string[]), ['clusterGroups'])
  })

  test('every option has a description (they become docs/configuration.md)', () => {
    const all = [...properties(schema, '', []), ...Object.entries(schema.$defs as Record<string, Json>).flatMap(([name, def]) => properties(def, name, []))]
    assert.ok(all.length > 100, `found only ${all.length} options`)
    // A one-key routing condition ({ not: … }) is described on its mapping instead.
    const undescribed = all.filter((p) => p.schema.description === undefined && !p.path.endsWith('.not')).map((p) => p.path)
    assert.deepEqual(undescribed, [])
  })

  test('input and output differ only where defaults apply', () => {
    const output = configJsonSchema('output')
    assert.ok(((output.required as string[]) ?? []).includes('queryflux'), 'defaults make queryflux present in the output')
  })
})
