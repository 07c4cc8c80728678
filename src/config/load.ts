/**
 * Loads the configuration file: read → parse YAML (keeping lines) → substitute ${ENV_VAR} →
 * convert the legacy inline form → validate (schema and cross-references) → deep-freeze.
 * Every problem found on the way is reported at once, one line each:
 * `clusterGroups.etl (config.yaml:12): unknown key 'maxConcurrency'; it was renamed to 'maxRunningQueries'`.
 */
import { readFile } from 'node:fs/promises'
import { errors } from '../core/errors.ts'
import { embeddedDefaultConfig } from './embedded-default.ts'
import { substituteEnv } from './env-substitution.ts'
import { configError, formatPath } from './issues.ts'
import type { ConfigIssue } from './issues.ts'
import { convertLegacyForm, toSourcePath } from './legacy.ts'
import { isRecord } from './schema-walk.ts'
import { checkConfig } from './validate.ts'
import type { LoadedConfig } from './validate.ts'
import { YamlSource } from './yaml-source.ts'

export type { LoadedConfig } from './validate.ts'
export { formatConfigError } from './issues.ts'

/**
 * The configuration at `path`, or the embedded default (one in-memory DuckDB group, every
 * frontend on its default port) when `path` is undefined. Throws CONFIG_INVALID listing every
 * issue, each with its `file:line`.
 */
export async function loadConfig (path: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  if (path === undefined) return embeddedDefaultConfig()
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message
    throw errors.configInvalid(`cannot read the configuration file ${path}: ${reason}; check the path given to --config (or QUERYFLUX_CONFIG)`).withDetails({ file: path })
  }
  return parseConfig(text, { file: path, env })
}

export interface ParseOptions {
  /** Name used in messages (`file:line`). */
  readonly file?: string
  readonly env?: NodeJS.ProcessEnv
}

/** `loadConfig` for YAML text already in hand. */
export function parseConfig (text: string, options: ParseOptions = {}): LoadedConfig {
  const file = options.file ?? 'config.yaml'
  const { source, issues: syntax } = YamlSource.parse(text, file)
  if (syntax.length > 0) throw configError(syntax, file)
  if (source.document.contents === null) {
    throw configError([{ path: [], line: 1, message: 'the file is empty; start from examples/duckdb-only.yaml, or run without --config for the embedded default' }], file)
  }

  const envIssues = substituteEnv(source.document, options.env ?? process.env)
  const data = source.toData()
  if (!isRecord(data)) {
    throw configError([{ path: [], line: 1, message: 'expected a mapping of sections (queryflux, clusters, clusterGroups, routers, …) at the top level' }], file)
  }
  const legacy = convertLegacyForm(data)
  const result = checkConfig(legacy.data)
  if (result.ok && envIssues.length === 0 && legacy.issues.length === 0) return result.config

  // A value whose ${VAR} is unset also fails the schema; report the variable only.
  const unresolved = envIssues.map((issue) => formatPath(issue.path))
  const later = (result.ok ? [] : result.issues)
    .map((issue) => ({ ...issue, path: toSourcePath(issue.path, legacy.aliases) }))
    .filter((issue) => !unresolved.some((p) => isWithin(formatPath(issue.path), p)))
  const seen = new Set<string>()
  const all: ConfigIssue[] = []
  for (const issue of [...envIssues, ...legacy.issues, ...later]) {
    const key = `${formatPath(issue.path)}\0${issue.key ?? ''}\0${issue.message}`
    if (seen.has(key)) continue
    seen.add(key)
    all.push({ ...issue, line: source.lineOf(issue.key === undefined ? issue.path : [...issue.path, issue.key]) })
  }
  throw configError(all, file)
}

const isWithin = (path: string, prefix: string): boolean =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)
