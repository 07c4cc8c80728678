/**
 * One small table of the values where engines disagree most: NULLs in every column, unicode
 * and quotes in text, empty strings, negative and very large numbers, doubles, timestamps,
 * booleans and arrays. Arrays are never NULL (ClickHouse cannot wrap an Array in Nullable):
 * "no elements" is the empty array. Engines without arrays (MySQL-wire) load the table
 * without the array columns, so queries on them fail there, as they would for a user.
 */
import { T } from '../../../src/core/logical-type.ts'
import type { CorpusTable } from './corpus-table.ts'

type EdgeRow = [number, string | null, number | null, bigint | null, string | null, number | null, string | null, string | null, boolean | null, string[], number[]]

const ROWS: EdgeRow[] = [
  [1, 'alpha', 10, 9007199254740993n, '12.5000', 0.1, '2024-02-29 13:45:00', '2024-02-29', true, ['red', 'green'], [3, 1, 2]],
  [2, 'Beta', -3, -42n, '-0.0001', -2.5, '1999-12-31 23:59:59', '1999-12-31', false, [], []],
  [3, null, null, null, null, null, null, null, null, [], []],
  [4, '', 0, 0n, '0.0000', 0, '2000-01-01 00:00:00', '2000-01-01', true, ['blue'], [10]],
  [5, 'naïve café', 7, 1234567890123n, '99999999.9999', 3.141592653589793, '2023-06-15 08:30:15', '2023-06-15', false, ['vert', 'rouge', 'vert'], [5, 5]],
  [6, '日本語テキスト', 42, 7n, '3.3333', 1e-10, '2023-06-15 20:00:01', '2023-06-15', null, ['日本', '東京'], [1]],
  [7, 'emoji 😀 smile', 100000, -9007199254740993n, '-12345.6789', 1e15, '2021-01-31 12:00:00', '2021-01-31', true, ['😀'], [100, -100]],
  [8, "O'Brien", 5, 5n, '5.0000', 5, '2020-12-31 23:00:00', '2020-12-31', true, ["it's"], [0]],
  [9, '  padded  ', -7, 1n, '0.5000', -0.5, '2022-03-01 00:00:00', '2022-03-01', false, [' x '], [7, 8, 9]],
  [10, 'MiXeD CaSe', 2147483647, 2147483648n, '1.0000', 2147483647.5, '2019-07-04 17:04:05', '2019-07-04', true, ['A', 'b', 'C'], [2147483647]],
  [11, 'a%b_c', 1, 1n, '1.2345', 1.2345, '2018-02-28 01:02:03', '2018-02-28', false, ['%'], [1, 2]],
  [12, 'alpha', 10, 10n, '12.5000', 0.1, '2024-02-29 13:45:00', '2024-02-29', true, ['red'], [3]],
  [13, 'line\nbreak', null, 3n, null, null, '2010-10-10 10:10:10', null, null, [], []],
  [14, 'tab\there', 3, null, '7.7500', 7.75, null, '2010-10-10', true, ['tab'], [3, 3, 3]],
  [15, 'ZULU', -2147483647, -1n, '-1.0000', -1, '1970-01-02 00:00:00', '1970-01-02', false, ['z'], [-1]],
  [16, 'zulu', 15, 15n, '15.0000', 15, '2038-01-19 03:14:07', '2038-01-19', true, ['z', 'Z'], [15]],
]

export function generateEdgeCases (): CorpusTable {
  return {
    name: 'edge_cases',
    sortKey: 'id',
    primaryKey: ['id'],
    indexes: [],
    columns: [
      { name: 'id', type: T.integer, nullable: false },
      { name: 'label', type: T.varchar, nullable: true },
      { name: 'qty', type: T.integer, nullable: true },
      { name: 'big', type: T.bigint, nullable: true },
      { name: 'amount', type: T.decimal(12, 4), nullable: true },
      { name: 'ratio', type: T.double, nullable: true },
      { name: 'ts', type: T.timestamp(0), nullable: true },
      { name: 'day', type: T.date, nullable: true },
      { name: 'flag', type: T.boolean, nullable: true },
      { name: 'tags', type: T.array(T.varchar), nullable: false },
      { name: 'scores', type: T.array(T.integer), nullable: false },
    ],
    rows: ROWS,
  }
}
