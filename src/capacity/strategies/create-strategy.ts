import { FailoverStrategy } from './failover.ts'
import { LeastLoadedStrategy } from './least-loaded.ts'
import { RoundRobinStrategy } from './round-robin.ts'
import type { SelectionStrategy, StrategyName } from './selection-strategy.ts'
import { WeightedStrategy } from './weighted.ts'

export function createStrategy (name: StrategyName, memberCount: number): SelectionStrategy {
  switch (name) {
    case 'roundRobin': return new RoundRobinStrategy(memberCount)
    case 'leastLoaded': return new LeastLoadedStrategy(memberCount)
    case 'failover': return new FailoverStrategy()
    case 'weighted': return new WeightedStrategy()
  }
}
