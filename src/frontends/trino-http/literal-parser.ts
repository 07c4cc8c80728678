/**
 * Trino literals as the clients write them in `EXECUTE … USING` and `SET SESSION`, parsed into
 * typed QueryParameters (values as documented in core/logical-type.ts). Covers what the Python
 * client, JDBC and the CLI send: NULL, booleans, numbers (typed as Trino types them), 'strings',
 * X'hex', typed literals (DATE '…', TIMESTAMP '…', DECIMAL '…', DOUBLE '…', UUID '…', …),
 * ARRAY[…], ROW(…), MAP(ARRAY[…], ARRAY[…]), CAST(… AS type), nan() and infinity().
 * @see https://trino.io/docs/current/language/types.html
 */
import { errors } from '../../core/errors.ts'
import { parseType, T } from '../../core/logical-type.ts'
import type { LogicalType } from '../../core/logical-type.ts'
import type { QueryParameter } from '../../core/query-request.ts'
import type { TokenCursor } from './sql-scanner.ts'
import { decimalLiteral, hexToBytes, numberLiteral, typedLiteral } from './typed-literal.ts'

/** A comma-separated list of literals up to the end of the cursor's statement. */
export function parseLiteralList (cursor: TokenCursor): QueryParameter[] {
  const out = [parseLiteral(cursor)]
  while (cursor.tryPunct(',')) out.push(parseLiteral(cursor))
  if (!cursor.isAtEnd) throw cursor.error('expected \',\' or the end of the parameter list')
  return out
}

/** One literal expression. */
export function parseLiteral (cursor: TokenCursor): QueryParameter {
  if (cursor.isPunct('-') || cursor.isPunct('+')) {
    const sign = cursor.next()!.value
    const number = cursor.peek()
    if (number?.kind === 'number') {
      cursor.next()
      return numberLiteral(sign === '-' ? `-${number.value}` : number.value)
    }
    const inner = parseLiteral(cursor)
    return sign === '-' ? negate(inner) : inner
  }
  if (cursor.tryPunct('(')) {
    const inner = parseLiteral(cursor)
    cursor.expectPunct(')')
    return inner
  }
  const token = cursor.next()
  if (token === undefined) throw cursor.error('expected a literal')
  switch (token.kind) {
    case 'number': return numberLiteral(token.value)
    case 'string':
      if (token.unterminated === true) throw errors.badRequest('unterminated string literal in the parameter list')
      return { type: T.varchar, value: token.value }
    case 'binary': return { type: T.varbinary, value: hexToBytes(token.value) }
    case 'word': return wordLiteral(token.value.toUpperCase(), cursor)
    default:
      cursor.position--
      throw cursor.error('expected a literal')
  }
}

function wordLiteral (word: string, cursor: TokenCursor): QueryParameter {
  switch (word) {
    case 'NULL': return { type: T.unknown, value: null }
    case 'TRUE': return { type: T.boolean, value: true }
    case 'FALSE': return { type: T.boolean, value: false }
    case 'ARRAY': return arrayLiteral(cursor)
    case 'ROW': return rowLiteral(cursor)
    case 'MAP': return mapLiteral(cursor)
    case 'CAST':
    case 'TRY_CAST': return castLiteral(cursor)
    case 'NAN':
    case 'INFINITY':
      cursor.expectPunct('(')
      cursor.expectPunct(')')
      return { type: T.double, value: word === 'NAN' ? Number.NaN : Number.POSITIVE_INFINITY }
  }
  if (word === 'DOUBLE') cursor.tryWords('PRECISION')
  const typeName = word
  const token = cursor.peek()
  if (token?.kind === 'string' && token.unterminated !== true) {
    cursor.next()
    return typedLiteral(typeName, token.value)
  }
  cursor.position--
  throw cursor.error('expected a literal')
}

function negate (parameter: QueryParameter): QueryParameter {
  const { type, value } = parameter
  if (value === null) return parameter
  switch (type.kind) {
    case 'real':
    case 'double':
    case 'tinyint':
    case 'smallint':
    case 'integer': return { type, value: -(value as number) }
    case 'bigint': return { type, value: -(value as bigint) }
    case 'decimal': {
      const text = value as string
      return { type, value: text.startsWith('-') ? text.slice(1) : /^[0.]*$/.test(text) ? text : `-${text}` }
    }
    default: throw errors.badRequest(`cannot negate a ${type.kind} literal`)
  }
}

function arrayLiteral (cursor: TokenCursor): QueryParameter {
  cursor.expectPunct('[')
  const elements: QueryParameter[] = []
  if (!cursor.tryPunct(']')) {
    do elements.push(parseLiteral(cursor))
    while (cursor.tryPunct(','))
    cursor.expectPunct(']')
  }
  const element = commonType(elements.map((e) => e.type))
  return { type: T.array(element), value: elements.map((e) => coerce(e, element).value) }
}

function rowLiteral (cursor: TokenCursor): QueryParameter {
  cursor.expectPunct('(')
  const fields: QueryParameter[] = []
  do fields.push(parseLiteral(cursor))
  while (cursor.tryPunct(','))
  cursor.expectPunct(')')
  return { type: T.row(fields.map((f) => ({ type: f.type }))), value: fields.map((f) => f.value) }
}

function mapLiteral (cursor: TokenCursor): QueryParameter {
  cursor.expectPunct('(')
  if (cursor.tryPunct(')')) return { type: T.map(T.unknown, T.unknown), value: new Map() }
  const keys = parseLiteral(cursor)
  cursor.expectPunct(',')
  const values = parseLiteral(cursor)
  cursor.expectPunct(')')
  if (keys.type.kind !== 'array' || values.type.kind !== 'array') throw errors.badRequest('MAP(keys, values) takes two arrays')
  const keyList = keys.value as unknown[]
  const valueList = values.value as unknown[]
  if (keyList.length !== valueList.length) throw errors.badRequest('Key and value arrays must be the same length')
  const map = new Map<unknown, unknown>()
  for (const [i, key] of keyList.entries()) {
    if (key === null) throw errors.badRequest('map key cannot be null')
    map.set(key, valueList[i])
  }
  return { type: T.map(keys.type.element, values.type.element), value: map }
}

function castLiteral (cursor: TokenCursor): QueryParameter {
  cursor.expectPunct('(')
  const inner = parseLiteral(cursor)
  cursor.expectWord('AS')
  const start = cursor.peek()
  let depth = 0
  let end = start
  while (!cursor.isAtEnd && !(depth === 0 && cursor.isPunct(')'))) {
    if (cursor.isPunct('(')) depth++
    if (cursor.isPunct(')')) depth--
    end = cursor.next()
  }
  cursor.expectPunct(')')
  if (start === undefined || end === undefined) throw cursor.error('expected a type')
  let target: LogicalType
  try {
    target = parseType(cursor.sql.slice(start.start, end.end))
  } catch (error) {
    throw errors.badRequest(`unknown type in CAST: ${(error as Error).message}`)
  }
  return coerce(inner, target)
}

/** The type that every element converts to, Trino-style (numbers widen; otherwise one type). */
function commonType (types: readonly LogicalType[]): LogicalType {
  const known = types.filter((t) => t.kind !== 'unknown')
  if (known.length === 0) return T.unknown
  let result: LogicalType = known[0]!
  for (const type of known.slice(1)) {
    const widened = widen(result, type)
    if (widened === undefined) throw errors.badRequest(`ARRAY elements must have one type, found ${result.kind} and ${type.kind}`)
    result = widened
  }
  return result
}

const NUMERIC_RANK: Readonly<Record<string, number>> = { tinyint: 0, smallint: 1, integer: 2, bigint: 3, decimal: 4, real: 5, double: 6 }

function widen (a: LogicalType, b: LogicalType): LogicalType | undefined {
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    const scale = Math.max(a.scale, b.scale)
    return T.decimal(Math.min(38, Math.max(a.precision - a.scale, b.precision - b.scale) + scale), scale)
  }
  const ra = NUMERIC_RANK[a.kind]
  const rb = NUMERIC_RANK[b.kind]
  if (ra !== undefined && rb !== undefined) {
    if (a.kind === 'decimal' && rb < 4) return widen(a, T.decimal(19, 0))
    if (b.kind === 'decimal' && ra < 4) return widen(T.decimal(19, 0), b)
    return ra >= rb ? a : b
  }
  if ((a.kind === 'varchar' || a.kind === 'char') && (b.kind === 'varchar' || b.kind === 'char')) return T.varchar
  if (a.kind === b.kind && a.kind !== 'array' && a.kind !== 'map' && a.kind !== 'row') return a
  if (a.kind === 'array' && b.kind === 'array') {
    const element = a.element.kind === 'unknown' ? b.element : b.element.kind === 'unknown' ? a.element : widen(a.element, b.element)
    return element === undefined ? undefined : T.array(element)
  }
  return JSON.stringify(a) === JSON.stringify(b) ? a : undefined
}

/** Converts a parameter to `target` (CAST and array element widening). */
function coerce (parameter: QueryParameter, target: LogicalType): QueryParameter {
  const { type, value } = parameter
  if (value === null || value === undefined) return { type: target, value: null }
  if (JSON.stringify(type) === JSON.stringify(target)) return parameter
  switch (target.kind) {
    case 'array': {
      if (type.kind !== 'array') break
      return { type: target, value: (value as unknown[]).map((v) => coerce({ type: type.element, value: v }, target.element).value) }
    }
    case 'map': {
      if (type.kind !== 'map') break
      const out = new Map<unknown, unknown>()
      for (const [k, v] of value as Map<unknown, unknown>) out.set(coerce({ type: type.key, value: k }, target.key).value, coerce({ type: type.value, value: v }, target.value).value)
      return { type: target, value: out }
    }
    case 'row': {
      if (type.kind !== 'row' || type.fields.length !== target.fields.length) break
      return { type: target, value: (value as unknown[]).map((v, i) => coerce({ type: type.fields[i]!.type, value: v }, target.fields[i]!.type).value) }
    }
    case 'decimal': {
      const text = decimalLiteral(scalarText(type, value)).value as string
      return { type: target, value: rescale(text, target.scale) }
    }
    case 'varchar': return { type: target, value: scalarText(type, value) }
    case 'timestamp':
    case 'timestampWithTimeZone':
    case 'time':
    case 'timeWithTimeZone': {
      const parsed = typedLiteral(target.kind.startsWith('time') && !target.kind.startsWith('timestamp') ? 'TIME' : 'TIMESTAMP', scalarText(type, value))
      return { type: target, value: parsed.value }
    }
    default: {
      const name = TYPED_LITERAL_NAME[target.kind]
      if (name === undefined) break
      return { type: target, value: typedLiteral(name, scalarText(type, value)).value }
    }
  }
  throw errors.badRequest(`cannot cast a ${type.kind} literal to ${target.kind}`)
}

const TYPED_LITERAL_NAME: Readonly<Record<string, string>> = {
  boolean: 'BOOLEAN', tinyint: 'TINYINT', smallint: 'SMALLINT', integer: 'INTEGER', bigint: 'BIGINT', real: 'REAL',
  double: 'DOUBLE', char: 'VARCHAR', date: 'DATE', uuid: 'UUID', json: 'JSON',
}

function scalarText (type: LogicalType, value: unknown): string {
  if (type.kind === 'varbinary' || typeof value === 'object') throw errors.badRequest(`cannot cast a ${type.kind} literal`)
  return String(value)
}

function rescale (text: string, scale: number): string {
  const [integer, fraction = ''] = text.split('.')
  if (fraction.length > scale) {
    // Trino rounds half up when a cast drops fraction digits.
    const scaled = BigInt(`${integer}${fraction.slice(0, scale)}`.replace('-', ''))
    const roundUp = fraction[scale]! >= '5'
    const magnitude = (roundUp ? scaled + 1n : scaled).toString().padStart(scale + 1, '0')
    const sign = text.startsWith('-') && /[1-9]/.test(magnitude) ? '-' : ''
    return scale === 0 ? `${sign}${magnitude}` : `${sign}${magnitude.slice(0, -scale)}.${magnitude.slice(-scale)}`
  }
  return scale === 0 ? integer! : `${integer}.${fraction.padEnd(scale, '0')}`
}
