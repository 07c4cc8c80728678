/**
 * Starts the PostgreSQL frontend on port 0 over a real QueryService (embedded DuckDB), for the
 * tests in this folder; everything is stopped when the test ends.
 */
import type { TestContext } from 'node:test'
import { connect } from 'node:net'
import type { Socket } from 'node:net'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import pg from 'pg'
import { Parser } from 'pg-protocol/dist/parser.js'
import { createTestQueryService } from '../../harness/query-service.ts'
import type { TestQueryService } from '../../harness/query-service.ts'
import { PostgresWireFrontendSchema } from '../../../src/config/schema.ts'
import type { AuthConfig, ConfigInput } from '../../../src/config/schema.ts'
import type { z } from 'zod'
import { createPostgresFrontend } from '../../../src/frontends/postgres/index.ts'

export interface RunningFrontend {
  readonly port: number
  readonly qf: TestQueryService
  /** Connection settings for `pg` and `postgres`. */
  readonly connection: { host: string, port: number, user: string, database: string }
  /** A connected `pg` client, ended before the frontend stops. */
  connect (config?: pg.ClientConfig): Promise<pg.Client>
  /** Registers a cleanup that runs before the frontend stops (clients first, so none sees the shutdown). */
  cleanup (fn: () => unknown): void
}

export async function startFrontend (t: TestContext, options: {
  config?: z.input<typeof PostgresWireFrontendSchema>
  auth?: AuthConfig
  service?: ConfigInput
} = {}): Promise<RunningFrontend> {
  const qf = await createTestQueryService(options.service === undefined ? {} : { config: options.service })
  const frontend = createPostgresFrontend({
    config: PostgresWireFrontendSchema.parse({ port: 0, ...options.config }),
    auth: options.auth,
    service: qf.service,
    logger: qf.logger,
    events: qf.events,
  })
  const { port } = await frontend.start()
  const cleanups: Array<() => unknown> = []
  t.after(async () => {
    for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch(() => {})
    const now = new AbortController()
    now.abort()
    await frontend.stop(now.signal)
    await qf.close()
  })
  const connection = { host: '127.0.0.1', port, user: 'tester', database: 'qf' }
  return {
    port,
    qf,
    connection,
    cleanup: (fn) => { cleanups.push(fn) },
    connect: async (config = {}) => {
      const client = new pg.Client({ ...connection, ...config })
      client.on('error', () => {})
      await client.connect()
      cleanups.push(() => client.end())
      return client
    },
  }
}

/** Waits (bounded) until the service runs a query whose SQL contains `marker`: a cancel sent earlier would find nothing to cancel. */
export async function waitRunning (fe: RunningFrontend, marker: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (fe.qf.service.list().some((q) => q.state === 'RUNNING' && q.sql.includes(marker))) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`no running query with '${marker}' within 60 s`)
}

/** A self-signed certificate and key made with openssl in a temp folder, removed when the test ends. */
export function makeCertificate (t: TestContext): { certFile: string, keyFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'qf-pg-tls-'))
  t.after(() => rmSync(dir, { recursive: true, force: true }))
  const certFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' })
  return { certFile, keyFile }
}

/**
 * A raw protocol client: writes whatever bytes a test builds (pg-protocol's serializer) and
 * reads replies with pg-protocol's parser, for what drivers never send (bad messages, row
 * limits, pipelining).
 */
/** A backend message as pg-protocol parsed it, fields by name. */
export type Msg = Record<string, unknown> & { name: string }

export class RawClient {
  readonly socket: Socket
  readonly messages: Msg[] = []
  /** Messages of these names are counted in `counts` instead of kept (a million DataRows). */
  readonly countOnly = new Set<string>()
  readonly counts = new Map<string, number>()
  readonly #seen = new Set<string>()
  #waiters: Array<() => void> = []
  #parser = new Parser()
  closed = false

  private constructor (socket: Socket) {
    this.socket = socket
    socket.on('data', (chunk) => {
      this.#parser.parse(chunk, (m) => {
        this.#seen.add(m.name)
        if (this.countOnly.has(m.name)) this.counts.set(m.name, (this.counts.get(m.name) ?? 0) + 1)
        else this.messages.push(m as unknown as Msg)
      })
      this.#wake()
    })
    socket.on('close', () => { this.closed = true; this.#wake() })
    socket.on('error', () => {})
  }

  static async connect (port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
    return new RawClient(socket)
  }

  send (...buffers: Buffer[]): void {
    this.socket.write(Buffer.concat(buffers))
  }

  /** Waits until a message named `name` arrived (or the socket closed); returns everything received so far and clears it. */
  async until (name: string, timeoutMs = 20_000): Promise<Msg[]> {
    const deadline = Date.now() + timeoutMs
    while (!this.#seen.has(name) && !this.closed) {
      if (Date.now() > deadline) throw new Error(`no '${name}' within ${timeoutMs} ms; got ${this.messages.map((m) => m.name).join(', ')}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100)
        this.#waiters.push(() => { clearTimeout(timer); resolve() })
      })
    }
    this.#seen.clear()
    return this.messages.splice(0)
  }

  async waitClosed (): Promise<void> {
    for (let i = 0; i < 200 && !this.closed; i++) await new Promise((resolve) => setTimeout(resolve, 50))
  }

  end (): void {
    this.socket.destroy()
  }

  #wake (): void {
    const waiters = this.#waiters
    this.#waiters = []
    for (const w of waiters) w()
  }
}
