/**
 * Finds the zod schema that governs one config path, so an issue can name what is allowed there
 * (the keys of an object, the values of a discriminator) and quote the option's description.
 *
 * zod 4 keeps a schema's structure in `_zod.def`; we read only the fields named below.
 */
import type { z } from 'zod'
import type { ConfigPath } from './issues.ts'

interface Def {
  readonly type: string
  readonly shape?: Readonly<Record<string, Walkable>>
  readonly valueType?: Walkable
  readonly element?: Walkable
  readonly innerType?: Walkable
  readonly in?: Walkable
  readonly options?: readonly Walkable[]
  readonly discriminator?: string
  readonly values?: readonly unknown[]
  readonly entries?: Readonly<Record<string, unknown>>
  getter? (): Walkable
}

interface Walkable {
  readonly _zod: { readonly def: Def }
  readonly description?: string | undefined
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch'])

const asWalkable = (schema: z.ZodType): Walkable => schema as unknown as Walkable

/** Strips optional/default/lazy/pipe wrappers; the first description met on the way is kept. */
export function unwrap (schema: Walkable): { schema: Walkable, description: string | undefined } {
  let current = schema
  let description = schema.description
  for (let depth = 0; depth < 20; depth++) {
    const def = current._zod.def
    const next = WRAPPERS.has(def.type) ? def.innerType : def.type === 'lazy' ? def.getter?.() : def.type === 'pipe' ? def.in : undefined
    if (next === undefined) break
    current = next
    description ??= current.description
  }
  return { schema: current, description }
}

/** The keys an object schema allows, or those of every object option of a union. */
export function allowedKeys (schema: Walkable | undefined): string[] {
  if (schema === undefined) return []
  const def = unwrap(schema).schema._zod.def
  if (def.type === 'object') return Object.keys(def.shape ?? {})
  if (def.type === 'union') return [...new Set((def.options ?? []).flatMap((o) => allowedKeys(o)))]
  return []
}

/** The values a literal or enum schema accepts. */
export function literalValues (schema: Walkable | undefined): unknown[] {
  if (schema === undefined) return []
  const def = unwrap(schema).schema._zod.def
  if (def.type === 'literal') return [...(def.values ?? [])]
  if (def.type === 'enum') return Object.values(def.entries ?? {})
  return []
}

/** The option schemas of a union (discriminated or not), or [] when `schema` is no union. */
export function unionOptions (schema: Walkable | undefined): readonly Walkable[] {
  if (schema === undefined) return []
  const def = unwrap(schema).schema._zod.def
  return def.type === 'union' ? def.options ?? [] : []
}

/** The shape of an object schema, or undefined. */
export function objectShape (schema: Walkable | undefined): Readonly<Record<string, Walkable>> | undefined {
  if (schema === undefined) return undefined
  const def = unwrap(schema).schema._zod.def
  return def.type === 'object' ? def.shape ?? {} : undefined
}

/**
 * The schema at `path`, following the data through unions: a discriminated union picks the
 * option its discriminator names, a plain union the object option that has the next key.
 */
export function schemaAt (root: z.ZodType, path: ConfigPath, data: unknown): Walkable | undefined {
  let schema: Walkable | undefined = asWalkable(root)
  let value = data
  for (const segment of path) {
    if (schema === undefined) return undefined
    schema = pickOption(unwrap(schema).schema, value, segment)
    const def: Def = schema._zod.def
    if (def.type === 'object') schema = def.shape?.[String(segment)]
    else if (def.type === 'record') schema = def.valueType
    else if (def.type === 'array') schema = def.element
    else return undefined
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[segment] : undefined
  }
  return schema
}

function pickOption (schema: Walkable, value: unknown, nextKey: string | number): Walkable {
  const def = schema._zod.def
  if (def.type !== 'union') return schema
  const options = (def.options ?? []).map((o) => unwrap(o).schema)
  if (def.discriminator !== undefined && isRecord(value)) {
    const wanted = value[def.discriminator]
    const match = options.find((o) => literalValues(o._zod.def.shape?.[def.discriminator ?? '']).includes(wanted))
    if (match !== undefined) return match
  }
  return options.find((o) => o._zod.def.type === 'object' && o._zod.def.shape?.[String(nextKey)] !== undefined) ?? schema
}

/** The value at `path` in plain data, or undefined. */
export function valueAt (data: unknown, path: ConfigPath): unknown {
  let value = data
  for (const segment of path) {
    if (!isRecord(value) && !Array.isArray(value)) return undefined
    value = (value as Record<string | number, unknown>)[segment]
  }
  return value
}

export function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type { Walkable }
