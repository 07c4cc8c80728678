/**
 * A result-type cast around an aggregate (CAST(AVG(x) AS DECIMAL(38, 4))) must stay outside the
 * aggregate's OVER clause when it is a window: the window rule takes the placeholder back and
 * puts the cast around the windowed aggregate instead.
 */
import { nodeData } from '../ast.ts'
import type { AstNode } from '../ast.ts'
import { child } from '../calls.ts'
import type { RewriteContext, RewriteRule } from '../rewrite-rule.ts'
import { withKnownType } from '../trino-common/rule-kit.ts'
import type { KnownType } from '../trino-common/rule-kit.ts'

interface AggregateWrap {
  /** Target template whose __0 is the aggregate (the source node, translated by polyglot). */
  readonly template: string
  readonly type: KnownType
}

const wraps = new WeakMap<AstNode, AggregateWrap>()

/** `template` around the aggregate `node`; a later window rule redoes it around the OVER clause. */
export function wrapAggregate (node: AstNode, template: string, type: KnownType, ctx: RewriteContext): AstNode {
  const placeholder = withKnownType(ctx.target(template, [node]), type)
  wraps.set(placeholder, { template, type })
  return placeholder
}

/** The window rule every pair using wrapAggregate needs (named per pair, so that docs list it). */
export function aggregateCastInWindow (name: string): RewriteRule {
  return {
    name,
    reason: 'A result-type cast around an aggregate must not sit inside its OVER clause: over a window the cast goes around the windowed aggregate.',
    nodes: ['window_function'],
    words: ['over'],
    rewrite (node, ctx) {
      const inner = child(node, 'this')
      const wrap = inner === undefined ? undefined : wraps.get(inner)
      if (inner === undefined || wrap === undefined) return undefined
      ctx.retract(inner)
      const aggregate = nodeData(inner).args as AstNode[]
      return withKnownType(ctx.target(wrap.template, [{ window_function: { ...nodeData(node), this: aggregate[0] } }]), wrap.type)
    },
  }
}
