/**
 * CLI entry: `queryflux [--config f.yaml] [--validate]`. Arguments → config → app; SIGTERM and
 * SIGINT drain running queries (up to queryflux.shutdownTimeoutMs) and exit.
 */
import { parseArgs } from 'node:util'
import { readFileSync } from 'node:fs'
import { isQueryFluxError } from './core/errors.ts'
import { loadConfig } from './config/load.ts'
import { createLogger } from './observability/logger.ts'
import { startQueryFlux } from './app.ts'

const USAGE = `Usage: queryflux [--config <file.yaml>] [--validate]

  -c, --config <file>   configuration file (YAML); without it QueryFlux starts on its
                        embedded default: one in-memory DuckDB group, every frontend on a
                        local port, the admin API and /metrics on.
      --validate        check the configuration and exit (0 valid, 1 invalid)
  -v, --version         print the version
  -h, --help            print this help

Environment: QUERYFLUX_CONFIG (same as --config), QUERYFLUX_LOG_LEVEL (overrides queryflux.logLevel).
Docs: docs/configuration.md`

async function main (argv: string[]): Promise<number> {
  let args
  try {
    args = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        validate: { type: 'boolean', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values
  } catch (error) {
    process.stderr.write(`queryflux: ${(error as Error).message}\n\n${USAGE}\n`)
    return 2
  }
  if (args.help) { process.stdout.write(`${USAGE}\n`); return 0 }
  if (args.version) { process.stdout.write(`${readVersion()}\n`); return 0 }

  const configPath = args.config ?? process.env.QUERYFLUX_CONFIG
  let config
  try {
    config = await loadConfig(configPath)
  } catch (error) {
    process.stderr.write(`queryflux: invalid configuration${configPath === undefined ? '' : ` in ${configPath}`}:\n${(error as Error).message}\n`)
    return 1
  }
  if (args.validate) {
    process.stdout.write(`queryflux: ${configPath ?? 'embedded default'} is valid\n`)
    return 0
  }

  const level = (process.env.QUERYFLUX_LOG_LEVEL ?? config.queryflux.logLevel) as typeof config.queryflux.logLevel
  const logger = createLogger({ level })
  let app
  try {
    app = await startQueryFlux(config, logger)
  } catch (error) {
    logger.fatal({ code: isQueryFluxError(error) ? error.code : undefined, err: error }, 'QueryFlux could not start')
    process.stderr.write(`queryflux: could not start: ${(error as Error).message}\n`)
    return 1
  }
  for (const l of app.listening) logger.info({ key: l.key, host: l.host, port: l.port }, `${l.name} listening on ${l.host}:${l.port}`)
  logger.info({ configuration: configPath ?? 'embedded default', version: readVersion() }, 'QueryFlux started')

  return await new Promise<number>((resolve) => {
    let signals = 0
    const onSignal = (signal: NodeJS.Signals): void => {
      signals++
      if (signals > 1) {
        logger.warn({ signal }, 'second signal: exiting without waiting for running queries')
        resolve(130)
        return
      }
      logger.info({ signal, timeoutMs: config.queryflux.shutdownTimeoutMs }, 'shutting down: no new queries; waiting for running ones')
      app.stop().then(() => { logger.info('QueryFlux stopped'); resolve(0) }, (error: unknown) => {
        logger.error({ err: error }, 'error while stopping')
        resolve(1)
      })
    }
    process.on('SIGTERM', onSignal)
    process.on('SIGINT', onSignal)
  })
}

function readVersion (): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

process.exitCode = await main(process.argv.slice(2))
// Close handles that a driver may keep open (DuckDB, sockets) so the process really ends.
setTimeout(() => process.exit(), 200).unref()
