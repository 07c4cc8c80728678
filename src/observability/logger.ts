/**
 * One pino root logger; child loggers carry `{ connId, protocol, remote }` per connection and
 * `{ queryId, group, cluster }` per query. `console.*` is not used anywhere in src/.
 */
import { pino } from 'pino'
import type { Logger as PinoLogger, LevelWithSilent } from 'pino'

export type Logger = PinoLogger

export function createLogger (options: { level?: LevelWithSilent, destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? 'info'
  return options.destination === undefined
    ? pino({ level, base: { service: 'queryflux' } })
    : pino({ level, base: { service: 'queryflux' } }, options.destination as pino.DestinationStream)
}

/** A logger that drops everything, for tests and embedded use. */
export function createSilentLogger (): Logger {
  return pino({ level: 'silent' })
}
