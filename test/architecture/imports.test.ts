/**
 * Keeps the module boundaries of the design brief true: dependencies point inward to core/.
 * Reads the import specifiers of src/**\/*.ts (static, `import type`, dynamic) and checks each
 * against the matrix below (style.md "Dependency direction").
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, dirname } from 'node:path'

const SRC = resolve(import.meta.dirname, '../../src')

type Area = 'core' | 'service' | 'routing' | 'capacity' | 'translate' | 'engines' | 'frontends' | 'config'
  | 'persistence' | 'observability' | 'admin' | 'app' | 'main'

/** Value imports allowed from each area (an area may always import itself). */
const ALLOWED: Record<Area, readonly string[]> = {
  main: ['app', 'config', 'core', 'observability'],
  app: ['*'],
  frontends: ['service', 'core', 'observability/query-events', 'observability/logger'],
  service: ['routing', 'capacity', 'translate', 'engines/engine-adapter', 'engines/engine-registry', 'observability/query-events', 'observability/logger', 'core'],
  routing: ['core', 'observability/logger'],
  capacity: ['core', 'observability/query-events', 'observability/logger'],
  translate: ['core', 'observability/logger'],
  engines: ['core', 'observability/logger'],
  persistence: ['core'],
  admin: ['service', 'routing', 'capacity', 'persistence', 'observability', 'config', 'core'],
  observability: ['core'],
  config: ['core'],
  core: [],
}

/** Extra targets allowed for `import type` only: contracts shared across layers, no code. */
const TYPE_ONLY: Record<Area, readonly string[]> = {
  main: [],
  app: [],
  frontends: ['config/schema', 'engines/engine-adapter', 'routing/routing-trace'],
  service: ['config/schema'],
  routing: ['config/schema'],
  capacity: ['config/schema', 'engines/engine-adapter'],
  translate: ['config/schema'],
  engines: ['config/schema'],
  persistence: ['config/schema', 'service/query-execution', 'routing/routing-trace'],
  admin: [],
  observability: ['service/query-execution', 'routing/routing-trace'],
  config: [],
  core: [],
}

function areaOf (file: string): { area: Area, path: string } {
  const rel = relative(SRC, file).replace(/\.ts$/, '').replaceAll('\\', '/')
  if (rel === 'app') return { area: 'app', path: rel }
  if (rel === 'main') return { area: 'main', path: rel }
  return { area: rel.split('/')[0] as Area, path: rel }
}

function listTs (dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name)
    if (statSync(full).isDirectory()) return listTs(full)
    return full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : []
  })
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function allowed (targetPath: string, list: readonly string[]): boolean {
  return list.some((a) => a === '*' || targetPath === a || targetPath.startsWith(`${a}/`))
}

test('src/ imports follow the dependency matrix of the design brief', () => {
  const violations: string[] = []
  const files = listTs(SRC)
  assert.ok(files.length > 10, 'expected to find the source files')
  for (const file of files) {
    const from = areaOf(file)
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[3] ?? match[4]!
      if (!specifier.startsWith('.')) continue
      const to = areaOf(resolve(dirname(file), specifier))
      if (to.area === from.area) continue
      const typeOnly = match[2] !== undefined
      if (to.area === 'app' && from.area !== 'main') { violations.push(`${from.path} imports app.ts (only main.ts may)`); continue }
      if (allowed(to.path, ALLOWED[from.area])) continue
      if (typeOnly && allowed(to.path, TYPE_ONLY[from.area])) continue
      violations.push(`${from.path} → ${to.path}${typeOnly ? ' (type)' : ''}`)
    }
  }
  assert.deepEqual(violations, [], `forbidden imports:\n${violations.join('\n')}`)
})

test('core/ imports nothing from the rest of src/', () => {
  for (const file of listTs(join(SRC, 'core'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[3] ?? match[4]!
      if (specifier.startsWith('.')) assert.equal(areaOf(resolve(dirname(file), specifier)).area, 'core', `${file} imports ${specifier}`)
    }
  }
})
