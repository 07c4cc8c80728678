/** The whole repo type-checks under strict mode (TypeScript 7, `tsc -p tsconfig.json`). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

test('tsc reports no type errors', async () => {
  const tsc = resolve(ROOT, 'node_modules/.bin/tsc')
  const result = await promisify(execFile)(tsc, ['-p', 'tsconfig.json'], { cwd: ROOT, maxBuffer: 16 << 20 })
    .then(() => ({ code: 0, out: '' }), (error: { code: number, stdout: string }) => ({ code: error.code, out: error.stdout }))
  assert.equal(result.code, 0, `type errors:\n${result.out}`)
})

test('oxlint reports no errors (console.* is banned in src/)', async () => {
  const oxlint = resolve(ROOT, 'node_modules/.bin/oxlint')
  const result = await promisify(execFile)(oxlint, ['--deny-warnings', 'src', 'test', 'bench', 'scripts'], { cwd: ROOT, maxBuffer: 16 << 20 })
    .then(() => ({ code: 0, out: '' }), (error: { code: number, stdout: string }) => ({ code: error.code, out: error.stdout }))
  assert.equal(result.code, 0, `lint errors:\n${result.out}`)
})
