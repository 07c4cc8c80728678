/**
 * A TPC-H-shaped data set generated deterministically (seeded PRNG, no download), at a small
 * scale factor: at SF 0.01 region 5, nation 25, supplier 100, customer 1500, part 2000,
 * partsupp 8000, orders 15000, lineitem ≈60000. Column names and types follow the TPC-H
 * specification (decimal(15,2) money, dates, char(1) flags, varchar text); value
 * distributions follow it loosely (same ranges, same derived columns: extendedprice from
 * quantity × retail price, returnflag/linestatus from the dates, orderstatus and totalprice
 * from the order's lines).
 * @see https://www.tpc.org/tpc_documents_current_versions/pdf/tpc-h_v3.0.1.pdf section 4.2
 */
import { T } from '../../../src/core/logical-type.ts'
import type { LogicalType } from '../../../src/core/logical-type.ts'
import { Prng, formatScaled } from './prng.ts'
import type { CorpusColumn, CorpusTable } from './corpus-table.ts'

const money: LogicalType = T.decimal(15, 2)
const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST']
const NATIONS: ReadonlyArray<readonly [string, number]> = [
  ['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4], ['ETHIOPIA', 0], ['FRANCE', 3],
  ['GERMANY', 3], ['INDIA', 2], ['INDONESIA', 2], ['IRAN', 4], ['IRAQ', 4], ['JAPAN', 2], ['JORDAN', 4],
  ['KENYA', 0], ['MOROCCO', 0], ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2], ['ROMANIA', 3],
  ['SAUDI ARABIA', 4], ['VIETNAM', 2], ['RUSSIA', 3], ['UNITED KINGDOM', 3], ['UNITED STATES', 1],
]
const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD']
const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW']
const SHIP_INSTRUCT = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN']
const SHIP_MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB']
const TYPE_1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO']
const TYPE_2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED']
const TYPE_3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER']
const CONTAINER_1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP']
const CONTAINER_2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM']
const COLORS = ['almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched', 'blue', 'blush',
  'brown', 'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral', 'cornflower', 'cornsilk', 'cream',
  'cyan', 'dark', 'deep', 'dim', 'dodger', 'drab', 'firebrick', 'floral', 'forest', 'frosted', 'gainsboro', 'ghost',
  'goldenrod', 'green', 'grey', 'honeydew', 'hot', 'indian', 'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon',
  'light', 'lime', 'linen', 'magenta', 'maroon', 'medium', 'metallic', 'midnight', 'mint', 'misty', 'moccasin', 'navajo',
  'navy', 'olive', 'orange', 'orchid', 'pale', 'papaya', 'peach', 'peru', 'pink', 'plum', 'powder', 'puff', 'purple',
  'red', 'rose', 'rosy', 'royal', 'saddle', 'salmon', 'sandy', 'seashell', 'sienna', 'sky', 'slate', 'smoke', 'snow',
  'spring', 'steel', 'tan', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat', 'white', 'yellow']
const WORDS = ['furiously', 'quickly', 'carefully', 'blithely', 'slyly', 'regular', 'final', 'special', 'pending',
  'express', 'ironic', 'bold', 'unusual', 'even', 'silent', 'requests', 'deposits', 'packages', 'accounts', 'foxes',
  'ideas', 'theodolites', 'pinto', 'beans', 'instructions', 'dependencies', 'excuses', 'platelets', 'asymptotes',
  'courts', 'dolphins', 'sleep', 'wake', 'are', 'haggle', 'nag', 'use', 'boost', 'affix', 'detect', 'integrate',
  'cajole', 'according', 'to', 'the', 'among', 'about', 'above', 'across', 'after']
const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,'

/** Dates as day numbers since 1970-01-01 (UTC), so arithmetic is exact. */
const START_DATE = dayNumber('1992-01-01')
const END_DATE = dayNumber('1998-12-31')
const CURRENT_DATE = dayNumber('1995-06-17')

export interface TpchOptions {
  /** TPC-H scale factor; 0.01 gives ≈60 000 lineitem rows. */
  readonly scaleFactor: number
  readonly seed: number
}

export function generateTpch (options: TpchOptions = { scaleFactor: 0.01, seed: 20240501 }): CorpusTable[] {
  const sf = options.scaleFactor
  const counts = {
    supplier: Math.max(10, Math.round(10_000 * sf)),
    customer: Math.max(30, Math.round(150_000 * sf)),
    part: Math.max(40, Math.round(200_000 * sf)),
    orders: Math.max(300, Math.round(1_500_000 * sf)),
  }
  const rng = new Prng(options.seed)
  const region = table('region', 'r_regionkey', [['r_regionkey', T.integer], ['r_name', T.varcharN(25)], ['r_comment', T.varcharN(152)]],
    REGIONS.map((name, key) => [key, name, rng.text(WORDS, 8, 152)]))
  const nation = table('nation', 'n_nationkey', [['n_nationkey', T.integer], ['n_name', T.varcharN(25)], ['n_regionkey', T.integer], ['n_comment', T.varcharN(152)]],
    NATIONS.map(([name, regionKey], key) => [key, name, regionKey, rng.text(WORDS, 10, 152)]))
  const supplier = table('supplier', 's_suppkey', [['s_suppkey', T.integer], ['s_name', T.varcharN(25)], ['s_address', T.varcharN(40)],
    ['s_nationkey', T.integer], ['s_phone', T.varcharN(15)], ['s_acctbal', money], ['s_comment', T.varcharN(101)]],
  range(1, counts.supplier).map((key) => {
    const nationKey = rng.int(0, 24)
    // TPC-H plants "Customer ... Complaints" in a few supplier comments (query 16 looks for them).
    const comment = key % 20 === 3 ? `${rng.text(WORDS, 3, 40)} Customer ${rng.pick(WORDS)} Complaints` : rng.text(WORDS, 8, 101)
    return [key, `Supplier#${pad(key, 9)}`, randomString(rng, 10, 40), nationKey, phone(rng, nationKey), rng.decimal(-999.99, 9999.99, 2), comment]
  }))
  const customer = table('customer', 'c_custkey', [['c_custkey', T.integer], ['c_name', T.varcharN(25)], ['c_address', T.varcharN(40)],
    ['c_nationkey', T.integer], ['c_phone', T.varcharN(15)], ['c_acctbal', money], ['c_mktsegment', T.varcharN(10)], ['c_comment', T.varcharN(117)]],
  range(1, counts.customer).map((key) => {
    const nationKey = rng.int(0, 24)
    return [key, `Customer#${pad(key, 9)}`, randomString(rng, 10, 40), nationKey, phone(rng, nationKey), rng.decimal(-999.99, 9999.99, 2),
      rng.pick(SEGMENTS), rng.text(WORDS, 9, 117)]
  }))
  const retailCents: number[] = []
  const part = table('part', 'p_partkey', [['p_partkey', T.integer], ['p_name', T.varcharN(55)], ['p_mfgr', T.varcharN(25)], ['p_brand', T.varcharN(10)],
    ['p_type', T.varcharN(25)], ['p_size', T.integer], ['p_container', T.varcharN(10)], ['p_retailprice', money], ['p_comment', T.varcharN(23)]],
  range(1, counts.part).map((key) => {
    const mfgr = rng.int(1, 5)
    const cents = 90_000 + (Math.floor(key / 10) % 20_001) + 100 * (key % 1000)
    retailCents[key] = cents
    const name = Array.from({ length: 5 }, () => rng.pick(COLORS)).join(' ')
    return [key, name, `Manufacturer#${mfgr}`, `Brand#${mfgr}${rng.int(1, 5)}`,
      `${rng.pick(TYPE_1)} ${rng.pick(TYPE_2)} ${rng.pick(TYPE_3)}`, rng.int(1, 50),
      `${rng.pick(CONTAINER_1)} ${rng.pick(CONTAINER_2)}`, formatScaled(cents, 2), rng.text(WORDS, 3, 23)]
  }))
  const suppliersOfPart = (partKey: number, i: number): number =>
    ((partKey + i * (Math.floor(counts.supplier / 4) + Math.floor((partKey - 1) / counts.supplier))) % counts.supplier) + 1
  const partsuppRows: unknown[][] = []
  for (let partKey = 1; partKey <= counts.part; partKey++) {
    for (let i = 0; i < 4; i++) {
      partsuppRows.push([partKey, suppliersOfPart(partKey, i), rng.int(1, 9999), rng.decimal(1, 1000, 2), rng.text(WORDS, 12, 199)])
    }
  }
  const partsupp = table('partsupp', 'ps_partkey', [['ps_partkey', T.integer], ['ps_suppkey', T.integer], ['ps_availqty', T.integer],
    ['ps_supplycost', money], ['ps_comment', T.varcharN(199)]], partsuppRows)

  const orderRows: unknown[][] = []
  const lineRows: unknown[][] = []
  for (let orderKey = 1; orderKey <= counts.orders; orderKey++) {
    // TPC-H leaves every third customer without orders (their keys are never chosen).
    let custKey = rng.int(1, counts.customer)
    while (custKey % 3 === 0) custKey = rng.int(1, counts.customer)
    const orderDate = rng.int(START_DATE, END_DATE - 151)
    const lines = rng.int(1, 7)
    let totalCents = 0
    let shippedLines = 0
    for (let line = 1; line <= lines; line++) {
      const partKey = rng.int(1, counts.part)
      const suppKey = suppliersOfPart(partKey, rng.int(0, 3))
      const quantity = rng.int(1, 50)
      const priceCents = quantity * retailCents[partKey]!
      const discount = rng.int(0, 10)
      const tax = rng.int(0, 8)
      const shipDate = orderDate + rng.int(1, 121)
      const commitDate = orderDate + rng.int(30, 90)
      const receiptDate = shipDate + rng.int(1, 30)
      const returnFlag = receiptDate <= CURRENT_DATE ? rng.pick(['R', 'A']) : 'N'
      const lineStatus = shipDate > CURRENT_DATE ? 'O' : 'F'
      if (lineStatus === 'F') shippedLines++
      // totalprice = Σ extendedprice × (1 + tax) × (1 − discount), rounded to cents per line.
      totalCents += Math.round(priceCents * (100 + tax) * (100 - discount) / 10_000)
      lineRows.push([orderKey, partKey, suppKey, line, formatScaled(quantity * 100, 2), formatScaled(priceCents, 2),
        formatScaled(discount, 2), formatScaled(tax, 2), returnFlag, lineStatus, dateText(shipDate), dateText(commitDate),
        dateText(receiptDate), rng.pick(SHIP_INSTRUCT), rng.pick(SHIP_MODES), rng.text(WORDS, 5, 44)])
    }
    const status = shippedLines === lines ? 'F' : shippedLines === 0 ? 'O' : 'P'
    orderRows.push([orderKey, custKey, status, formatScaled(totalCents, 2), dateText(orderDate), rng.pick(PRIORITIES),
      `Clerk#${pad(rng.int(1, Math.max(10, Math.round(1000 * sf))), 9)}`, 0, rng.text(WORDS, 7, 79)])
  }
  const orders = table('orders', 'o_orderkey', [['o_orderkey', T.integer], ['o_custkey', T.integer], ['o_orderstatus', T.char(1)],
    ['o_totalprice', money], ['o_orderdate', T.date], ['o_orderpriority', T.varcharN(15)], ['o_clerk', T.varcharN(15)],
    ['o_shippriority', T.integer], ['o_comment', T.varcharN(79)]], orderRows)
  const lineitem = table('lineitem', 'l_orderkey', [['l_orderkey', T.integer], ['l_partkey', T.integer], ['l_suppkey', T.integer],
    ['l_linenumber', T.integer], ['l_quantity', money], ['l_extendedprice', money], ['l_discount', money], ['l_tax', money],
    ['l_returnflag', T.char(1)], ['l_linestatus', T.char(1)], ['l_shipdate', T.date], ['l_commitdate', T.date], ['l_receiptdate', T.date],
    ['l_shipinstruct', T.varcharN(25)], ['l_shipmode', T.varcharN(10)], ['l_comment', T.varcharN(44)]], lineRows)
  return [region, nation, supplier, customer, part, partsupp, orders, lineitem]
}

/** TPC-H primary keys and the foreign keys worth an index. */
const KEYS: Readonly<Record<string, { primaryKey: string[], indexes: string[] }>> = {
  region: { primaryKey: ['r_regionkey'], indexes: [] },
  nation: { primaryKey: ['n_nationkey'], indexes: ['n_regionkey'] },
  supplier: { primaryKey: ['s_suppkey'], indexes: ['s_nationkey'] },
  customer: { primaryKey: ['c_custkey'], indexes: ['c_nationkey'] },
  part: { primaryKey: ['p_partkey'], indexes: [] },
  partsupp: { primaryKey: ['ps_partkey', 'ps_suppkey'], indexes: ['ps_suppkey'] },
  orders: { primaryKey: ['o_orderkey'], indexes: ['o_custkey'] },
  lineitem: { primaryKey: ['l_orderkey', 'l_linenumber'], indexes: ['l_partkey', 'l_suppkey'] },
}

function table (name: string, sortKey: string, columns: ReadonlyArray<readonly [string, LogicalType]>, rows: unknown[][]): CorpusTable {
  const cols: CorpusColumn[] = columns.map(([columnName, type]) => ({ name: columnName, type, nullable: false }))
  const keys = KEYS[name] ?? { primaryKey: [], indexes: [] }
  return { name, columns: cols, rows, sortKey, ...keys }
}

function range (from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

function pad (value: number, width: number): string {
  return String(value).padStart(width, '0')
}

function phone (rng: Prng, nationKey: number): string {
  return `${10 + nationKey}-${rng.int(100, 999)}-${rng.int(100, 999)}-${rng.int(1000, 9999)}`
}

function randomString (rng: Prng, min: number, max: number): string {
  const length = rng.int(min, max)
  let out = ''
  for (let i = 0; i < length; i++) out += ALNUM[rng.int(0, ALNUM.length - 1)]
  return out.trim() === '' ? 'x' : out.trim()
}

export function dayNumber (date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000)
}

export function dateText (day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}
