/**
 * PostgreSQL arrays as parameters: array_in's text form ('{1,2,NULL}', '{{"a b",c},{d,e}}',
 * '[0:1]={1,2}') and array_recv's binary form (dimensions, then length-prefixed elements).
 * @see https://www.postgresql.org/docs/current/arrays.html#ARRAYS-IO
 */
import { errors } from '../../../core/errors.ts'
import { MessageReader } from '../codec/reader.ts'

export type Nested<T> = T | null | Array<Nested<T>>

export function mapNested (value: Nested<string>, fn: (element: string) => unknown): unknown {
  if (value === null) return null
  if (Array.isArray(value)) return value.map((v) => mapNested(v, fn))
  return fn(value)
}

/** array_in's text form: '{1,2,NULL}', '{{"a b",c},{d,e}}', '[0:1]={1,2}'. Elements stay strings. */
export function parseArrayLiteral (input: string): Array<Nested<string>> {
  let i = 0
  const s = input.trim()
  if (s.startsWith('[')) {
    const eq = s.indexOf('=')
    if (eq < 0) throw errors.badRequest(`malformed array literal: "${input}"`)
    i = eq + 1
  }
  const fail = (): never => { throw errors.badRequest(`malformed array literal: "${input}"`) }
  const skipSpace = (): void => { while (i < s.length && /\s/.test(s[i]!)) i++ }
  const parseLevel = (): Array<Nested<string>> => {
    skipSpace()
    if (s[i] !== '{') fail()
    i++
    const out: Array<Nested<string>> = []
    skipSpace()
    if (s[i] === '}') { i++; return out }
    for (;;) {
      skipSpace()
      if (s[i] === '{') {
        out.push(parseLevel())
      } else if (s[i] === '"') {
        i++
        let value = ''
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\') i++
          value += s[i++] ?? ''
        }
        if (s[i] !== '"') fail()
        i++
        out.push(value)
      } else {
        let value = ''
        while (i < s.length && s[i] !== ',' && s[i] !== '}') {
          if (s[i] === '\\') i++
          value += s[i++] ?? ''
        }
        const trimmed = value.trim()
        if (trimmed === '') fail()
        out.push(trimmed.toUpperCase() === 'NULL' ? null : trimmed)
      }
      skipSpace()
      if (s[i] === ',') { i++; continue }
      if (s[i] === '}') { i++; return out }
      fail()
    }
  }
  const result = parseLevel()
  skipSpace()
  if (i !== s.length) fail()
  return result
}

export function decodeBinaryArray (bytes: Uint8Array, decodeElement: (element: Uint8Array) => unknown): unknown[] {
  const reader = new MessageReader(bytes, 'array parameter')
  const dims = reader.int32()
  reader.int32() // has-null flag: the element lengths say it again
  reader.int32() // element type OID: the parameter's declared type says it
  if (dims === 0) { reader.end(); return [] }
  if (dims < 0 || dims > 6) throw errors.badRequest(`invalid binary array: ${dims} dimensions`)
  const sizes: number[] = []
  for (let d = 0; d < dims; d++) {
    const size = reader.int32()
    reader.int32() // lower bound
    if (size < 0) throw errors.badRequest('invalid binary array: negative dimension size')
    sizes.push(size)
  }
  const total = sizes.reduce((a, b) => a * b, 1)
  if (total * 4 > reader.remaining) throw errors.badRequest('invalid binary array: more elements than bytes')
  const flat: unknown[] = []
  for (let n = 0; n < total; n++) {
    const length = reader.int32()
    flat.push(length === -1 ? null : decodeElement(reader.bytes(length)))
  }
  reader.end()
  let index = 0
  const build = (d: number): unknown[] => {
    const out: unknown[] = []
    for (let k = 0; k < sizes[d]!; k++) out.push(d === dims - 1 ? flat[index++] : build(d + 1))
    return out
  }
  return build(0)
}
