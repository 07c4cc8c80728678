/**
 * The per-target rewrite layer's contract. A rule looks at one node of the SOURCE statement
 * (parsed in the source dialect, with polyglot's inferred types) and either leaves it, returns a
 * source-dialect replacement, emits target-dialect SQL through `ctx.target`, or stops the
 * translation with `ctx.fail` because the target cannot keep the source's meaning.
 */
import type { Dialect } from '../../core/dialect.ts'
import type { AstNode } from './ast.ts'

/**
 * Target-dialect SQL for one node: an expression template whose `__0`, `__1`, … are the
 * arguments after polyglot translated them, or a function building the target node from them.
 */
export type TargetTemplate = string | ((args: readonly AstNode[]) => AstNode)

export interface RewriteContext {
  readonly from: Dialect
  readonly to: Dialect
  /**
   * Stands for `template` in the source tree. The arguments go through polyglot's translation
   * like the rest of the statement; the template is filled in after it, untouched by polyglot.
   * `resultType` (polyglot's `data_type` name, e.g. `date`) lets rules on enclosing nodes see
   * the type, as polyglot's inferred type would have shown it.
   */
  target (template: TargetTemplate, args: readonly AstNode[], resultType?: string): AstNode
  /**
   * Takes back a placeholder an earlier (inner) rewrite returned, when an enclosing rule
   * rebuilds the expression around it and drops it (an aggregate's rewrite redone with its
   * OVER clause). A retracted placeholder must not come back from the transpiler.
   */
  retract (placeholder: AstNode): void
  /**
   * A copy of an already rewritten subtree that may appear beside the original (a CTE inlined
   * where it is referenced twice): its placeholders are registered again under new numbers,
   * with the same templates, since each placeholder must come back exactly once.
   */
  duplicate (node: AstNode): AstNode
  /** The statement cannot be translated with its meaning kept: TRANSLATION_FAILED. */
  fail (reason: string, at?: AstNode): never
  /**
   * Runs `fix` on each target statement after the templates are filled in, for what no
   * expression template can carry through polyglot: a clause only the target has (ClickHouse's
   * SETTINGS), or a statement shape polyglot would refuse or rewrite. Each fix runs once, in
   * the order the rules asked, and returns the statement (changed or not).
   */
  finish (fix: TargetFinish): void
}

/** A statement-level change to the target tree (see RewriteContext.finish). */
export type TargetFinish = (statement: AstNode) => AstNode

export interface RewriteRule {
  /** Stable kebab-case name, listed in docs/translation.md. */
  readonly name: string
  /** One line: what the target would get wrong without this rule. */
  readonly reason: string
  /**
   * What the rule looks at: function names (lower case; generic and aggregate calls) and/or
   * polyglot node types (`div`, `cast`, `element_at`, …).
   */
  readonly functions?: readonly string[]
  readonly nodes?: readonly string[]
  /**
   * Text found (case-insensitively) in any statement a `nodes` rule can change, e.g. `/` for
   * division. Statements containing no rule's words or function names skip the rewrite layer
   * and its extra parses. A `nodes` rule without words makes every statement take the layer.
   */
  readonly words?: readonly string[]
  /**
   * When this rule changes a node into one of the same type, the node's later rules still see
   * the result (statement-shape rules that each fix one thing about a SELECT). Without it the
   * first rule that changes a node is the only one.
   */
  readonly passesOn?: boolean
  /** A replacement, or undefined to keep the node. Sees each node once, after its children. */
  rewrite (node: AstNode, ctx: RewriteContext): AstNode | undefined
}
