/**
 * Starts every real server under test/harness/servers/ once for the whole test run, writes
 * their `QF_TEST_*` connection settings to an env file for the test processes, then waits for
 * SIGTERM and stops them all. Each server module exports `start<Name>({ dir })`.
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'

interface RunningServer { name: string, env: Record<string, string>, stop (): Promise<void> }
type Start = (options: { dir: string }) => Promise<RunningServer>

const { values } = parseArgs({ options: { dir: { type: 'string' }, 'out-env': { type: 'string' } } })
const dir = values.dir ?? process.exit(2)
const envFile = values['out-env'] ?? process.exit(2)
const serversDir = join(import.meta.dirname, 'servers')
const only = process.env.QF_TEST_SERVERS?.split(',').map((s) => s.trim()).filter(Boolean)

const running: RunningServer[] = []
let stopping = false
async function stopAll (): Promise<void> {
  if (stopping) return
  stopping = true
  await Promise.allSettled(running.map(async (s) => await s.stop()))
}
process.on('SIGTERM', () => { void stopAll().then(() => process.exit(0)) })
process.on('SIGINT', () => { void stopAll().then(() => process.exit(0)) })

const files = readdirSync(serversDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort()
const starts: Array<{ file: string, start: Start }> = []
for (const file of files) {
  const mod = await import(pathToFileURL(join(serversDir, file)).href) as Record<string, unknown>
  for (const [name, value] of Object.entries(mod)) {
    if (/^start[A-Z]/.test(name) && typeof value === 'function') starts.push({ file, start: value as Start })
  }
}
const selected = only === undefined ? starts : starts.filter((s) => only.some((o) => s.file.startsWith(o)))

const began = Date.now()
const results = await Promise.allSettled(selected.map(async ({ file, start }) => {
  const t0 = Date.now()
  const serverDir = join(dir, file.replace(/\.ts$/, ''))
  mkdirSync(serverDir, { recursive: true })
  const server = await start({ dir: serverDir })
  running.push(server)
  console.log(`started ${server.name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return server
}))
const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
if (failed.length > 0) {
  for (const f of failed) console.error(`a test server failed to start: ${(f.reason as Error)?.stack ?? String(f.reason)}`)
  await stopAll()
  process.exit(1)
}
const env: Record<string, string> = {}
for (const server of running) Object.assign(env, server.env)
writeFileSync(envFile, Object.entries(env).map(([k, v]) => `${k}='${v.replaceAll("'", "'\\''")}'`).join('\n') + '\n')
writeFileSync(`${envFile}.ready`, `${running.length} servers in ${((Date.now() - began) / 1000).toFixed(1)} s\n`)
console.log(`all ${running.length} test servers ready in ${((Date.now() - began) / 1000).toFixed(1)} s`)
// Stay alive until the test command sends SIGTERM.
setInterval(() => {}, 1 << 30)
