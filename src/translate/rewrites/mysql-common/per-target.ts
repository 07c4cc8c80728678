/**
 * MySQL-source rules written once for several targets: each rule says, per target engine, how
 * the MySQL construct is written there (or leaves the target out when polyglot already gets it
 * right). `rulesForTarget` builds the RewriteRule list of one dialect pair from them.
 */
import type { Dialect } from '../../../core/dialect.ts'
import type { AstNode } from '../ast.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'

export type MysqlTarget = 'duckdb' | 'postgres' | 'trino' | 'clickhouse'

/** A rewrite for one target: a replacement node (usually ctx.target(…)), or undefined to keep the node. */
export type TargetRewrite = (node: AstNode, ctx: RewriteContext) => AstNode | undefined

export interface PerTargetRule {
  readonly name: string
  readonly reason: string
  readonly functions?: readonly string[]
  readonly nodes?: readonly string[]
  readonly words?: readonly string[]
  readonly passesOn?: boolean
  readonly targets: Partial<Record<MysqlTarget, TargetRewrite>>
}

/** The rules that have a rewrite for `target`, as that pair's RewriteRules. */
export function rulesForTarget (specs: readonly PerTargetRule[], target: MysqlTarget & Dialect): RewriteRule[] {
  const out: RewriteRule[] = []
  for (const spec of specs) {
    const rewrite = spec.targets[target]
    if (rewrite === undefined) continue
    out.push({
      name: spec.name,
      reason: spec.reason,
      ...(spec.functions === undefined ? {} : { functions: spec.functions }),
      ...(spec.nodes === undefined ? {} : { nodes: spec.nodes }),
      ...(spec.words === undefined ? {} : { words: spec.words }),
      ...(spec.passesOn === undefined ? {} : { passesOn: spec.passesOn }),
      rewrite,
    })
  }
  return out
}

/** The same rewrite for several targets. */
export function forTargets (targets: readonly MysqlTarget[], rewrite: TargetRewrite): Partial<Record<MysqlTarget, TargetRewrite>> {
  return Object.fromEntries(targets.map((t) => [t, rewrite]))
}
