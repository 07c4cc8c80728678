/**
 * Parses PostgreSQL's array output form: `{1,2,NULL}`, `{"a b","c\"d"}`, `{{1,2},{3,4}}`,
 * optionally prefixed by explicit bounds (`[0:1]={1,2}`). Elements are decoded with the
 * element type's decoder; unquoted NULL is SQL NULL. Nested braces become nested arrays.
 * @see https://www.postgresql.org/docs/15/arrays.html#ARRAYS-IO
 */
import { errors } from '../../core/errors.ts'

export function parseArrayLiteral (text: string, decodeElement: (text: string) => unknown, delimiter = ','): unknown[] {
  let pos = 0
  if (text.startsWith('[')) {
    const eq = text.indexOf('=')
    if (eq < 0) throw malformed(text)
    pos = eq + 1
  }
  const parseLevel = (): unknown[] => {
    if (text[pos] !== '{') throw malformed(text)
    pos++
    const out: unknown[] = []
    if (text[pos] === '}') { pos++; return out }
    for (;;) {
      if (text[pos] === '{') {
        out.push(parseLevel())
      } else if (text[pos] === '"') {
        pos++
        let value = ''
        for (;;) {
          const ch = text[pos++]
          if (ch === undefined) throw malformed(text)
          if (ch === '"') break
          value += ch === '\\' ? (text[pos++] ?? '') : ch
        }
        out.push(decodeElement(value))
      } else {
        const start = pos
        while (pos < text.length && text[pos] !== delimiter && text[pos] !== '}') pos++
        const raw = text.slice(start, pos).trim()
        out.push(raw === 'NULL' ? null : decodeElement(raw))
      }
      const next = text[pos++]
      if (next === '}') return out
      if (next !== delimiter) throw malformed(text)
    }
  }
  const result = parseLevel()
  if (pos !== text.length) throw malformed(text)
  return result
}

function malformed (text: string): Error {
  return errors.internal(`PostgreSQL sent an array value that is not in array output form: ${text.slice(0, 80)}`)
}
