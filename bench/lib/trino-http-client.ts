/**
 * A minimal Trino client-protocol client for the benchmark: POST, then follow nextUri until
 * the end, counting rows and bytes. It is the same work every Trino client does.
 */
export interface TrinoRun { rows: number, bytes: number }

export async function runTrinoQuery (baseUrl: string, sql: string, user = 'bench'): Promise<TrinoRun> {
  const headers = { 'x-trino-user': user }
  let response = await fetch(`${baseUrl}/v1/statement`, { method: 'POST', body: sql, headers })
  let rows = 0
  let bytes = 0
  for (;;) {
    const text = await response.text()
    bytes += text.length
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`)
    const page = JSON.parse(text) as { nextUri?: string, data?: unknown[], error?: { message: string } }
    if (page.error !== undefined) throw new Error(page.error.message)
    rows += page.data?.length ?? 0
    if (page.nextUri === undefined) return { rows, bytes }
    response = await fetch(page.nextUri, { headers })
  }
}
