/**
 * The reference part of docs/configuration.md: one table per top-level section, generated from
 * the JSON Schema of the config schema (src/config/json-schema.ts), so every option, type,
 * default and description comes from the one schema. Variants (cluster engines, router types,
 * persistence kinds) get a table each.
 */
import { configJsonSchema } from '../../src/config/json-schema.ts'

type Json = Record<string, unknown>

interface Row { readonly key: string, readonly type: string, readonly default: string, readonly description: string }
interface Table { readonly title: string, readonly intro: string, readonly rows: Row[] }

const MAX_SAFE = Number.MAX_SAFE_INTEGER

export function renderReference (): string {
  const root = configJsonSchema('input')
  const defs = (root.$defs ?? {}) as Record<string, Json>
  const out: string[] = []
  const properties = (root.properties ?? {}) as Record<string, Json>
  const required = new Set((root.required ?? []) as string[])
  for (const [name, schema] of Object.entries(properties)) {
    const tables: Table[] = []
    const main: Table = { title: name, intro: '', rows: [] }
    tables.push(main)
    describeProperty(name, schema, required.has(name), main, tables)
    const top = main.rows[0]
    if (top !== undefined) main.rows[0] = { ...top, description: '' }
    out.push(`## \`${name}\``, '', text(schema.description) || '', '')
    for (const table of tables) out.push(...renderTable(table, table === main))
  }
  for (const [name, schema] of Object.entries(defs)) {
    const table: Table = { title: name, intro: '', rows: [] }
    const tables: Table[] = [table]
    for (const option of unionOptions(schema)) collectObject(option, '', table, tables)
    // Each key is an alternative of its own, so "required" would mislead here.
    table.rows.forEach((row, i) => { table.rows[i] = { ...row, default: row.default === '**required**' ? '—' : row.default } })
    out.push(`## ${name === 'RoutingCondition' ? 'Routing conditions' : name}`, '', text(schema.description), '')
    for (const t of tables) out.push(...renderTable(t, t === table))
  }
  return out.join('\n')
}

function renderTable (table: Table, main: boolean): string[] {
  if (table.rows.length === 0) return []
  const lines = main ? [] : [`### ${table.title}`, '', ...(table.intro === '' ? [] : [table.intro, ''])]
  lines.push('| Key | Type | Default | Description |', '| --- | --- | --- | --- |')
  for (const row of table.rows) lines.push(`| \`${row.key}\` | ${cell(row.type)} | ${cell(row.default)} | ${cell(row.description)} |`)
  lines.push('')
  return lines
}

/** Adds the row for `key` and whatever lies beneath it (nested keys, variant tables). */
function describeProperty (key: string, schema: Json, required: boolean, table: Table, tables: Table[]): void {
  const description = text(schema.description)
  const options = unionOptions(schema)
  if (options.length > 0) {
    const objects = options.filter(isObjectSchema)
    const scalars = options.filter((o) => !isObjectSchema(o)).map(typeOf)
    const discriminator = discriminatorOf(objects)
    const kinds = discriminator === undefined ? 'mapping' : `mapping (${discriminator}: ${objects.map((o) => `\`${String(constOf(o, discriminator))}\``).join(', ')})`
    table.rows.push({ key, type: [...scalars, kinds].join(' or '), default: defaultOf(schema, required), description })
    // Small nested unions (an engine's auth) read best inline; section-level ones get tables.
    if (table.title.includes(' — ')) {
      for (const option of objects) {
        const label = discriminator === undefined ? '' : `(${discriminator}: ${String(constOf(option, discriminator))}) `
        const rows: Row[] = []
        collectObject(option, key, { title: table.title, intro: '', rows }, tables)
        for (const row of rows) if (row.key !== `${key}.${discriminator ?? ''}`) table.rows.push({ ...row, description: `${label}${row.description}` })
      }
    } else {
      variantTables(key, objects, tables)
    }
    return
  }
  if (isObjectSchema(schema)) {
    table.rows.push({ key, type: 'mapping', default: defaultOf(schema, required), description })
    collectObject(schema, key, table, tables)
    return
  }
  const record = recordValue(schema)
  if (record !== undefined && (isObjectSchema(record) || unionOptions(record).length > 0)) {
    table.rows.push({ key, type: 'mapping of name → mapping', default: defaultOf(schema, required), description })
    describeNested(`${key}.<name>`, record, table, tables)
    return
  }
  const items = schema.type === 'array' ? schema.items as Json | undefined : undefined
  if (items !== undefined && (isObjectSchema(items) || unionOptions(items).length > 0)) {
    table.rows.push({ key, type: `list of mappings${minItems(schema)}`, default: defaultOf(schema, required), description })
    describeNested(`${key}[]`, items, table, tables)
    return
  }
  table.rows.push({ key, type: typeOf(schema), default: defaultOf(schema, required), description })
}

/** The entries of a map or list: their keys go in this table, or their variants in tables of their own. */
function describeNested (key: string, schema: Json, table: Table, tables: Table[]): void {
  const options = unionOptions(schema)
  if (options.length === 0) collectObject(schema, key, table, tables)
  else variantTables(key, options, tables)
}

/**
 * One table per variant of a union; variants with the same options (the remote engines) share
 * one table whose discriminator row lists each of them.
 */
function variantTables (key: string, options: readonly Json[], tables: Table[]): void {
  const discriminator = discriminatorOf(options)
  const groups = new Map<string, { values: unknown[], intros: string[], table: Table }>()
  for (const option of options) {
    const value = discriminator === undefined ? undefined : constOf(option, discriminator)
    const label = discriminator === undefined ? key : `${key} — ${discriminator}: ${String(value)}`
    const properties = option.properties as Record<string, Json> | undefined
    const intro = text(option.description) || text(properties?.[discriminator ?? '']?.description)
    const table: Table = { title: label, intro: '', rows: [] }
    const nested: Table[] = []
    collectObject(option, key, table, nested)
    const discriminatorKey = `${key}.${discriminator ?? ''}`
    const signature = JSON.stringify(table.rows.filter((r) => r.key !== discriminatorKey))
    const group = groups.get(signature)
    if (group === undefined) {
      groups.set(signature, { values: [value], intros: [intro], table })
      tables.push(table, ...nested)
    } else {
      group.values.push(value)
      group.intros.push(intro)
    }
  }
  for (const { values, intros, table } of groups.values()) {
    const merged = values.length > 1 && discriminator !== undefined
    const title = merged ? `${key} — ${discriminator}: ${values.map(String).join(', ')}` : table.title
    const intro = merged ? values.map((v, i) => `\`${String(v)}\`: ${intros[i] ?? ''}`).join(' ') : intros[0] ?? ''
    const rows = merged
      ? table.rows.map((r) => r.key === `${key}.${discriminator}` ? { ...r, type: values.map((v) => `\`${String(v)}\``).join(', '), description: 'Which engine; see above.' } : r)
      : table.rows
    tables.splice(tables.indexOf(table), 1, { title, intro, rows })
  }
}

function collectObject (schema: Json, prefix: string, table: Table, tables: Table[]): void {
  const properties = (schema.properties ?? {}) as Record<string, Json>
  const required = new Set((schema.required ?? []) as string[])
  // A one-key mapping (a routing condition such as { not: … }) may carry the description itself.
  const fallback = Object.keys(properties).length === 1 ? text(schema.description) : ''
  for (const [name, property] of Object.entries(properties)) {
    const described = property.description === undefined && fallback !== '' ? { ...property, description: fallback } : property
    describeProperty(prefix === '' ? name : `${prefix}.${name}`, described, required.has(name), table, tables)
  }
}

function unionOptions (schema: Json): Json[] {
  return ((schema.oneOf ?? schema.anyOf ?? []) as Json[])
}

function isObjectSchema (schema: Json): boolean {
  return schema.type === 'object' && schema.properties !== undefined
}

function recordValue (schema: Json): Json | undefined {
  return schema.type === 'object' && schema.properties === undefined && typeof schema.additionalProperties === 'object'
    ? schema.additionalProperties as Json
    : undefined
}

/** A key every option fixes to a constant (`engine`, `type`), if there is one. */
function discriminatorOf (options: readonly Json[]): string | undefined {
  const first = options[0]?.properties as Record<string, Json> | undefined
  return Object.keys(first ?? {}).find((key) => options.every((o) => constOf(o, key) !== undefined))
}

function constOf (schema: Json, key: string): unknown {
  return ((schema.properties ?? {}) as Record<string, Json>)[key]?.const
}

function minItems (schema: Json): string {
  return typeof schema.minItems === 'number' && schema.minItems > 0 ? ` (at least ${schema.minItems})` : ''
}

function typeOf (schema: Json): string {
  if (typeof schema.$ref === 'string') return schema.$ref.endsWith('/RoutingCondition') ? '[condition](#routing-conditions)' : 'mapping'
  if (schema.const !== undefined) return `\`${String(schema.const)}\``
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `\`${String(v)}\``).join(', ')
  if (schema.type === 'array') {
    const items = schema.items as Json | undefined
    return `list of ${items === undefined ? 'values' : typeOf(items)}${minItems(schema)}`
  }
  const record = schema.type === 'object' ? schema.additionalProperties : undefined
  if (typeof record === 'object' && record !== null) return `mapping of string → ${typeOf(record as Json)}`
  if (schema.type === 'integer' || schema.type === 'number') return numberType(schema)
  if (typeof schema.type === 'string') return schema.type
  return 'any'
}

function numberType (schema: Json): string {
  const name = schema.type === 'integer' ? 'integer' : 'number'
  const min = typeof schema.minimum === 'number' && schema.minimum > -MAX_SAFE ? schema.minimum : undefined
  const max = typeof schema.maximum === 'number' && schema.maximum < MAX_SAFE ? schema.maximum : undefined
  if (min !== undefined && max !== undefined) return `${name} ${min}–${max}`
  if (typeof schema.exclusiveMinimum === 'number') return `${name} > ${schema.exclusiveMinimum}`
  if (min !== undefined) return `${name} ≥ ${min}`
  return name
}

function defaultOf (schema: Json, required: boolean): string {
  if (schema.default === undefined) return required ? '**required**' : '—'
  const value = schema.default
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return Array.isArray(value) ? '`[]`' : '`{}`'
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``
}

function text (value: unknown): string {
  return typeof value === 'string' ? value : ''
}

function cell (value: string): string {
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
