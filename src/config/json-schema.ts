/**
 * JSON Schema (draft 2020-12) of the configuration, generated from the one zod schema: for
 * docs/configuration.md, editors (yaml-language-server `# yaml-language-server: $schema=`), and
 * the admin API's OpenAPI document.
 */
import { z } from 'zod'
import { ConfigSchema } from './schema.ts'

export type JsonSchema = Record<string, unknown>

/**
 * `io: 'input'` describes what a file may contain (keys with defaults are optional);
 * `'output'` what the validated config holds (defaults filled in).
 */
export function jsonSchemaOf (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema
}

/** The whole configuration file. */
export function configJsonSchema (io: 'input' | 'output' = 'input'): JsonSchema {
  return { ...jsonSchemaOf(ConfigSchema, io), title: 'QueryFlux configuration' }
}
