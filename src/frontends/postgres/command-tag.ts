/**
 * CommandComplete tags for statements an engine ran, as PostgreSQL words them: 'SELECT 3',
 * 'INSERT 0 1', 'UPDATE 2', 'CREATE TABLE'. Drivers read the count from them (pgjdbc's
 * executeUpdate, psycopg's rowcount, node-postgres's rowCount).
 * @see https://www.postgresql.org/docs/current/protocol-message-formats.html#PROTOCOL-MESSAGE-FORMATS-COMMANDCOMPLETE
 */
import { leadingKeywords } from './sql-text.ts'

/** Statements that return rows (Describe answers with a RowDescription before running them). */
const ROW_RETURNING = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'SHOW', 'EXPLAIN', 'DESCRIBE', 'DESC', 'SUMMARIZE', 'PRAGMA', 'FROM', 'FETCH'])

export function isRowReturning (sql: string): boolean {
  const [first] = leadingKeywords(sql, 1)
  return first !== undefined && ROW_RETURNING.has(first)
}

/** Statements whose LIMIT 0 probe is a subquery: `SELECT * FROM (<sql>) LIMIT 0`. */
export function isWrappableQuery (sql: string): boolean {
  const [first] = leadingKeywords(sql, 1)
  return first === 'SELECT' || first === 'WITH' || first === 'VALUES' || first === 'TABLE'
}

const OBJECT_MODIFIERS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'UNIQUE', 'UNLOGGED', 'GLOBAL', 'LOCAL', 'IF', 'NOT', 'EXISTS', 'PERSISTENT', 'EXTERNAL', 'RECURSIVE'])

export function commandTag (sql: string, rowCount: number, updateCount: number | undefined): string {
  const words = leadingKeywords(sql, 6)
  const verb = words[0] ?? ''
  const count = updateCount ?? rowCount
  switch (verb) {
    case 'INSERT': return `INSERT 0 ${count}`
    case 'UPDATE': case 'DELETE': case 'MERGE': case 'COPY': case 'FETCH': case 'MOVE': return `${verb} ${count}`
    case 'SELECT': case 'WITH': case 'VALUES': case 'TABLE': case 'FROM': case 'DESCRIBE': case 'DESC': case 'SUMMARIZE': case 'PRAGMA': return `SELECT ${count}`
    case 'CREATE': case 'DROP': case 'ALTER': {
      const object = words.slice(1).filter((w) => !OBJECT_MODIFIERS.has(w))
      // CREATE TABLE … AS reports the rows it wrote.
      if (verb === 'CREATE' && object[0] === 'TABLE' && /\bAS\b/i.test(sql) && updateCount !== undefined) return `SELECT ${updateCount}`
      const second = object[0] === 'MATERIALIZED' || object[0] === 'FOREIGN' ? `${object[0]} ${object[1] ?? ''}` : object[0] ?? ''
      return `${verb} ${second}`.trim()
    }
    case 'TRUNCATE': return 'TRUNCATE TABLE'
    case '': return 'SELECT 0'
    default: return verb
  }
}
