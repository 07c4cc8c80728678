import type { Protocol } from '../core/protocol.ts'

/** A listening protocol endpoint. Knows its protocol and the QueryService, nothing else. */
export interface Frontend {
  readonly protocol: Protocol
  /** Starts listening; resolves with the bound address once accepting connections. */
  start (): Promise<{ host: string, port: number }>
  /** Stops accepting, lets running queries finish until `signal` fires, then closes the rest. */
  stop (signal: AbortSignal): Promise<void>
}
