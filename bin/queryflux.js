#!/usr/bin/env node
// Entry for `npx queryflux`: runs src/main.ts on the Node 24 that the project installs
// (the system Node may be older and unable to strip TypeScript types).
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { existsSync } from 'node:fs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundled = join(root, 'node_modules', 'node', 'bin', 'node')
const nodeBin = existsSync(bundled) ? bundled : process.execPath
// --liftoff-only: V8 never tiers the SQL translator's 22.8 MB WebAssembly up to TurboFan, whose
// compile of one huge function took ≈600 MiB of compiler memory in a background thread (RSS
// 250 → 900 MiB). Keep the same flags as package.json's `start` script; V8 does not accept it in
// NODE_OPTIONS nor from v8.setFlagsFromString once running.
// --max-semi-space-size=4 --max-old-space-size=512: a streaming proxy keeps little live heap
// (≈25 MiB while streaming 10M rows), but V8 let the heap's committed size grow to ≈225 MiB
// before collecting. With these caps the 10M-row stream peaked at 243 MiB RSS instead of 431,
// for ≈20% less throughput (bench/run.ts). Raise them with QUERYFLUX_NODE_FLAGS (later flags win).
const NODE_FLAGS = ['--liftoff-only', '--max-semi-space-size=4', '--max-old-space-size=512']
const extra = (process.env.QUERYFLUX_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean)
const child = spawn(nodeBin, [...NODE_FLAGS, ...extra, join(root, 'src', 'main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => { process.exitCode = code ?? (signal ? 1 : 0) })
