/**
 * Validation of configuration data, whatever it came from (the YAML file, an admin API body):
 * the schema, then the cross-references, then a deep freeze. No file, no lines: load.ts adds
 * those.
 */
import { ConfigSchema } from './schema.ts'
import type { Config } from './schema.ts'
import { checkReferences } from './cross-references.ts'
import { deepFreeze } from './deep-freeze.ts'
import { configError } from './issues.ts'
import type { ConfigIssue } from './issues.ts'
import { translateZodIssues } from './zod-issues.ts'

/**
 * A validated configuration, deep-frozen: any attempt to change it throws. (Typed as `Config`
 * so it passes wherever a config is read; it is never written.)
 */
export type LoadedConfig = Config

export type CheckResult =
  | { readonly ok: true, readonly config: LoadedConfig }
  | { readonly ok: false, readonly issues: readonly ConfigIssue[] }

/** Every problem of `data` at once, or the validated, frozen config. */
export function checkConfig (data: unknown): CheckResult {
  const parsed = ConfigSchema.safeParse(data)
  const issues = [
    ...(parsed.success ? [] : translateZodIssues(parsed.error.issues, ConfigSchema, data)),
    ...checkReferences(data),
  ]
  if (issues.length > 0 || !parsed.success) return { ok: false, issues }
  return { ok: true, config: deepFreeze(parsed.data) }
}

/** `checkConfig`, throwing CONFIG_INVALID that lists every issue (for admin API changes). */
export function validateConfig (data: unknown): LoadedConfig {
  const result = checkConfig(data)
  if (!result.ok) throw configError(result.issues)
  return result.config
}
