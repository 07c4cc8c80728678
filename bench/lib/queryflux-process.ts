/**
 * Runs QueryFlux as a child process (so its memory is measured apart from the benchmark
 * client) and reads the listening addresses from its JSON log lines.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'

const ROOT = resolve(import.meta.dirname, '../..')

export interface QueryFluxProcess {
  readonly pid: number
  readonly ports: Record<string, number>
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB (): number
  rssMiB (): number
  stop (): Promise<void>
}

export async function startQueryFluxProcess (configYaml: string): Promise<QueryFluxProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'qf-bench-'))
  const configPath = join(dir, 'queryflux.yaml')
  writeFileSync(configPath, configYaml)
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'src/main.ts'), '--config', configPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, QUERYFLUX_LOG_LEVEL: 'info' },
  })
  const ports: Record<string, number> = {}
  await new Promise<void>((resolveStarted, reject) => {
    const lines = createInterface({ input: child.stdout! })
    const timer = setTimeout(() => reject(new Error('QueryFlux did not start within 60 s')), 60_000)
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`QueryFlux exited with ${code}`)) })
    lines.on('line', (line) => {
      let entry: { key?: string, port?: number, msg?: string }
      try { entry = JSON.parse(line) as typeof entry } catch { return }
      if (entry.key !== undefined && entry.port !== undefined) ports[entry.key] = entry.port
      if (entry.msg === 'QueryFlux started') { clearTimeout(timer); resolveStarted() }
    })
  })
  const status = (field: string): number => {
    const text = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)
    return match === null ? NaN : Number(match[1]) / 1024
  }
  return {
    pid: child.pid!,
    ports,
    peakRssMiB: () => status('VmHWM'),
    rssMiB: () => status('VmRSS'),
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}
