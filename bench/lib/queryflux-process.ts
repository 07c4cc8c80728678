/**
 * Runs QueryFlux as a child process (so its memory and CPU are measured apart from the
 * benchmark client) and reads the listening addresses from its JSON log lines.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { createInterface } from 'node:readline'
import { track } from './cleanup.ts'

const ROOT = resolve(import.meta.dirname, '../..')
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux build in use). */
const CLOCK_TICKS = 100

export interface QueryFluxProcess {
  readonly pid: number
  readonly ports: Record<string, number>
  /** Peak resident set size (VmHWM) since start or the last `resetPeakRss`, in MiB. */
  peakRssMiB (): number
  rssMiB (): number
  /**
   * Starts a new peak: writing 5 to /proc/<pid>/clear_refs resets VmHWM to the current RSS
   * (Linux ≥ 4.0, see proc(5)), so each streaming run reports its own peak.
   */
  resetPeakRss (): void
  /** User + system CPU time the process has used so far, in seconds. */
  cpuSeconds (): number
  stop (): Promise<void>
}

/** The Node flags `npm start` runs QueryFlux with (package.json "start"), so the bench measures what users run. */
export function startScriptFlags (): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  return pkg.scripts.start.split(/\s+/).filter((word) => word.startsWith('--'))
}

export async function startQueryFluxProcess (configYaml: string): Promise<QueryFluxProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'qf-bench-'))
  const configPath = join(dir, 'queryflux.yaml')
  writeFileSync(configPath, configYaml)
  const child: ChildProcess = spawn(process.execPath, [...startScriptFlags(), ...(process.env.QF_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), join(ROOT, 'src/main.ts'), '--config', configPath], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, QUERYFLUX_LOG_LEVEL: process.env.BENCH_QUERYFLUX_LOG_LEVEL ?? 'info' },
  })
  const ports: Record<string, number> = {}
  try {
    await new Promise<void>((resolveStarted, reject) => {
      const lines = createInterface({ input: child.stdout! })
      const timer = setTimeout(() => reject(new Error('QueryFlux did not start within 60 s')), 60_000)
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`QueryFlux exited with ${code} before it started (config: ${configPath})`)) })
      // The log keeps being read after the start so the pipe never fills and stalls QueryFlux.
      lines.on('line', (line) => {
        let entry: { key?: string, port?: number, msg?: string }
        try { entry = JSON.parse(line) as typeof entry } catch { return }
        if (entry.key !== undefined && entry.port !== undefined) ports[entry.key] = entry.port
        if (entry.msg === 'QueryFlux started') { clearTimeout(timer); resolveStarted() }
      })
    })
  } catch (error) {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
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
    resetPeakRss: () => writeFileSync(`/proc/${child.pid}/clear_refs`, '5'),
    cpuSeconds: () => {
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
    },
    stop: track(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    }),
  }
}
