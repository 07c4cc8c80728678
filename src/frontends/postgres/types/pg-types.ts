/**
 * The PostgreSQL types QueryFlux sends or accepts, with the pg_type fields drivers read.
 * This one table feeds the type map and the emulated pg_catalog.pg_type, so every OID that
 * appears in a RowDescription is also in pg_type (pgjdbc and Npgsql look unknown OIDs up).
 * OIDs are PostgreSQL's fixed built-in ones (src/include/catalog/pg_type.dat).
 */

export interface PgTypeInfo {
  readonly oid: number
  readonly name: string
  /** pg_type.typlen: bytes, or -1 variable length, -2 NUL-terminated. */
  readonly typlen: number
  /** pg_type.typcategory: B boolean, N numeric, S string, D datetime, T timespan, U user, A array, P pseudo, C composite. */
  readonly category: string
  /** Element type of an array type, 0 otherwise. */
  readonly elementOid: number
  /** The array type whose elements are this type, 0 if none. */
  readonly arrayOid: number
  /** pg_type.typtype: b base, p pseudo, c composite. */
  readonly typtype: string
  /** Input function name (pg_type.typinput); drivers test `typinput = 'array_in'::regproc`. */
  readonly input: string
  readonly output: string
  readonly receive: string
  readonly send: string
  /** pg_type.typdelim. */
  readonly delimiter: string
}

/** OIDs by name, for readable code. */
export const Oid = {
  bool: 16, bytea: 17, char: 18, name: 19, int8: 20, int2: 21, int2vector: 22, int4: 23, regproc: 24, text: 25,
  oid: 26, tid: 27, xid: 28, cid: 29, oidvector: 30, json: 114, xml: 142, pgNodeTree: 194,
  point: 600, float4: 700, float8: 701, unknown: 705, money: 790, inet: 869, bpchar: 1042, varchar: 1043,
  date: 1082, time: 1083, timestamp: 1114, timestamptz: 1184, interval: 1186, timetz: 1266, bit: 1560, varbit: 1562,
  numeric: 1700, refcursor: 1790, regprocedure: 2202, regoper: 2203, regclass: 2205, regtype: 2206, record: 2249,
  cstring: 2275, any: 2276, anyarray: 2277, void: 2278, uuid: 2950, jsonb: 3802, regnamespace: 4089, regrole: 4096,
  boolArray: 1000, byteaArray: 1001, charArray: 1002, nameArray: 1003, int2Array: 1005, int4Array: 1007, textArray: 1009,
  int8Array: 1016, float4Array: 1021, float8Array: 1022, oidArray: 1028, aclitemArray: 1034, bpcharArray: 1014,
  varcharArray: 1015, timestampArray: 1115, dateArray: 1182, timeArray: 1183, timestamptzArray: 1185, intervalArray: 1187,
  numericArray: 1231, timetzArray: 1270, uuidArray: 2951, jsonArray: 199, jsonbArray: 3807, recordArray: 2287,
  cstringArray: 1263, regtypeArray: 2211, int2vectorArray: 1006, oidvectorArray: 1013, xmlArray: 143,
} as const

function base (oid: number, name: string, typlen: number, category: string, arrayOid: number, io: string, extra: Partial<PgTypeInfo> = {}): PgTypeInfo {
  return {
    oid, name, typlen, category, elementOid: 0, arrayOid, typtype: 'b',
    input: `${io}in`, output: `${io}out`, receive: `${io}recv`, send: `${io}send`, delimiter: ',', ...extra,
  }
}

function array (oid: number, element: PgTypeInfo): PgTypeInfo {
  return {
    oid, name: `_${element.name}`, typlen: -1, category: 'A', elementOid: element.oid, arrayOid: 0, typtype: 'b',
    input: 'array_in', output: 'array_out', receive: 'array_recv', send: 'array_send', delimiter: ',',
  }
}

const scalars: PgTypeInfo[] = [
  base(Oid.bool, 'bool', 1, 'B', Oid.boolArray, 'bool'),
  base(Oid.bytea, 'bytea', -1, 'U', Oid.byteaArray, 'bytea'),
  base(Oid.char, 'char', 1, 'Z', Oid.charArray, 'char'),
  base(Oid.name, 'name', 64, 'S', Oid.nameArray, 'name'),
  base(Oid.int8, 'int8', 8, 'N', Oid.int8Array, 'int8'),
  base(Oid.int2, 'int2', 2, 'N', Oid.int2Array, 'int2'),
  base(Oid.int2vector, 'int2vector', -1, 'A', Oid.int2vectorArray, 'int2vector', { elementOid: Oid.int2 }),
  base(Oid.int4, 'int4', 4, 'N', Oid.int4Array, 'int4'),
  base(Oid.regproc, 'regproc', 4, 'N', 1008, 'regproc'),
  base(Oid.text, 'text', -1, 'S', Oid.textArray, 'text'),
  base(Oid.oid, 'oid', 4, 'N', Oid.oidArray, 'oid'),
  base(Oid.oidvector, 'oidvector', -1, 'A', Oid.oidvectorArray, 'oidvector', { elementOid: Oid.oid }),
  base(Oid.json, 'json', -1, 'U', Oid.jsonArray, 'json'),
  base(Oid.xml, 'xml', -1, 'U', Oid.xmlArray, 'xml'),
  base(Oid.pgNodeTree, 'pg_node_tree', -1, 'Z', 0, 'pg_node_tree'),
  base(Oid.float4, 'float4', 4, 'N', Oid.float4Array, 'float4'),
  base(Oid.float8, 'float8', 8, 'N', Oid.float8Array, 'float8'),
  base(Oid.unknown, 'unknown', -2, 'X', 0, 'unknown', { typtype: 'p' }),
  base(Oid.bpchar, 'bpchar', -1, 'S', Oid.bpcharArray, 'bpchar'),
  base(Oid.varchar, 'varchar', -1, 'S', Oid.varcharArray, 'varchar'),
  base(Oid.date, 'date', 4, 'D', Oid.dateArray, 'date'),
  base(Oid.time, 'time', 8, 'D', Oid.timeArray, 'time'),
  base(Oid.timestamp, 'timestamp', 8, 'D', Oid.timestampArray, 'timestamp'),
  base(Oid.timestamptz, 'timestamptz', 8, 'D', Oid.timestamptzArray, 'timestamptz'),
  base(Oid.interval, 'interval', 16, 'T', Oid.intervalArray, 'interval'),
  base(Oid.timetz, 'timetz', 12, 'D', Oid.timetzArray, 'timetz'),
  base(Oid.numeric, 'numeric', -1, 'N', Oid.numericArray, 'numeric'),
  base(Oid.regclass, 'regclass', 4, 'N', 2210, 'regclass'),
  base(Oid.regtype, 'regtype', 4, 'N', Oid.regtypeArray, 'regtype'),
  base(Oid.regnamespace, 'regnamespace', 4, 'N', 4090, 'regnamespace'),
  base(Oid.record, 'record', -1, 'P', Oid.recordArray, 'record', { typtype: 'p' }),
  base(Oid.cstring, 'cstring', -2, 'P', Oid.cstringArray, 'cstring', { typtype: 'p' }),
  base(Oid.anyarray, 'anyarray', -1, 'P', 0, 'anyarray', { typtype: 'p' }),
  base(Oid.void, 'void', 4, 'P', 0, 'void', { typtype: 'p' }),
  base(Oid.uuid, 'uuid', 16, 'U', Oid.uuidArray, 'uuid'),
  base(Oid.jsonb, 'jsonb', -1, 'U', Oid.jsonbArray, 'jsonb'),
]

const byOid = new Map<number, PgTypeInfo>(scalars.map((t) => [t.oid, t]))
const arrays: PgTypeInfo[] = []
for (const scalar of scalars) {
  if (scalar.arrayOid === 0) continue
  const info = array(scalar.arrayOid, scalar)
  arrays.push(info)
}
for (const info of arrays) byOid.set(info.oid, info)

/** Every type QueryFlux knows, scalars then arrays. */
export const PG_TYPES: readonly PgTypeInfo[] = [...scalars, ...arrays]

export function pgTypeByOid (oid: number): PgTypeInfo | undefined {
  return byOid.get(oid)
}

const byName = new Map<string, PgTypeInfo>(PG_TYPES.map((t) => [t.name, t]))

/** SQL type names (and aliases) as written in casts, for parameter type inference. */
const ALIASES: Record<string, string> = {
  boolean: 'bool', smallint: 'int2', integer: 'int4', int: 'int4', bigint: 'int8', real: 'float4',
  'double precision': 'float8', float: 'float8', decimal: 'numeric', 'character varying': 'varchar',
  character: 'bpchar', char: 'bpchar', 'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time', 'time with time zone': 'timetz', string: 'text',
}

/** The type a SQL cast names (`int`, `varchar(10)`, `timestamp with time zone`, `text[]`), if QueryFlux knows it. */
export function pgTypeByName (sqlName: string): PgTypeInfo | undefined {
  let name = sqlName.trim().toLowerCase().replace(/^pg_catalog\./, '').replace(/\s+/g, ' ')
  const isArray = name.endsWith('[]')
  if (isArray) name = name.slice(0, -2).trim()
  name = name.replace(/\s*\([^)]*\)/, '')
  const info = byName.get(ALIASES[name] ?? name)
  if (info === undefined) return undefined
  return isArray ? byOid.get(info.arrayOid) : info
}
