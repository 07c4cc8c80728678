/**
 * A minimal ClickHouse HTTP interface client for the direct path: one POST per statement over a
 * kept-alive connection, the answer read as TabSeparated and split into rows and fields (the
 * least any consumer does; the other direct clients parse their rows too).
 * @see https://clickhouse.com/docs/en/interfaces/http
 */
import type { StreamRun } from './pg-client.ts'

export interface ClickHouseTarget { url: string, user: string, password: string }

export async function runClickHouse (target: ClickHouseTarget, sql: string): Promise<StreamRun> {
  // Credentials as URL parameters: ClickHouse 18.16 (Debian's) predates the X-ClickHouse-User header.
  const params = new URLSearchParams({ user: target.user, password: target.password, default_format: 'TabSeparated' })
  const response = await fetch(`${target.url}/?${params}`, { method: 'POST', body: sql })
  if (!response.ok || response.body === null) throw new Error(`ClickHouse HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`)
  const decoder = new TextDecoder()
  let rows = 0
  let bytes = 0
  let rest = ''
  let fields = 0
  for await (const chunk of response.body) {
    bytes += chunk.length
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n')
    rest = lines.pop()!
    for (const line of lines) fields += line.split('\t').length
    rows += lines.length
  }
  if (rest !== '' || fields < rows) throw new Error('ClickHouse: the answer did not end with a complete row')
  return { rows, bytes }
}
