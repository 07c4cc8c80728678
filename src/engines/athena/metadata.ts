/**
 * Catalog listings through Athena's metadata API (no query runs, nothing is billed):
 * ListDataCatalogs, ListDatabases and ListTableMetadata, each followed through its NextToken.
 * Column types are Hive/Glue type names (`int`, `string`, `array<string>`); they are reported in
 * Trino's display form where one exists.
 */
import type { AthenaClient } from '@aws-sdk/client-athena'
import { ListDataCatalogsCommand, ListDatabasesCommand, ListTableMetadataCommand } from '@aws-sdk/client-athena'
import type { TableMetadata } from '@aws-sdk/client-athena'
import type { ColumnRef, EngineMetadata, TableRef } from '../engine-adapter.ts'

type Guard = <T>(call: () => Promise<T>) => Promise<T>

/** Glue/Hive column type names → Trino display names. */
const GLUE_TYPES: Readonly<Record<string, string>> = { int: 'integer', string: 'varchar', float: 'real', binary: 'varbinary', struct: 'row' }

export class AthenaMetadata implements EngineMetadata {
  readonly #client: AthenaClient
  readonly #defaultCatalog: string
  readonly #guard: Guard

  constructor (client: AthenaClient, defaultCatalog: string, guard: Guard) {
    this.#client = client
    this.#defaultCatalog = defaultCatalog
    this.#guard = guard
  }

  async listCatalogs (signal: AbortSignal): Promise<string[]> {
    const names: string[] = []
    let token: string | undefined
    do {
      const page = await this.#guard(async () => await this.#client.send(new ListDataCatalogsCommand({ NextToken: token }), { abortSignal: signal }))
      for (const catalog of page.DataCatalogsSummary ?? []) if (catalog.CatalogName !== undefined) names.push(catalog.CatalogName)
      token = page.NextToken
    } while (token !== undefined)
    return names
  }

  async listSchemas (catalog: string | undefined, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string }>> {
    const catalogs = catalog === undefined ? await this.listCatalogs(signal) : [catalog]
    const out: Array<{ catalog: string, schema: string }> = []
    for (const name of catalogs) {
      let token: string | undefined
      do {
        const page = await this.#guard(async () => await this.#client.send(new ListDatabasesCommand({ CatalogName: name, NextToken: token }), { abortSignal: signal }))
        for (const database of page.DatabaseList ?? []) out.push({ catalog: name, schema: database.Name ?? '' })
        token = page.NextToken
      } while (token !== undefined)
    }
    return out
  }

  async listTables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<TableRef[]> {
    return (await this.#tables(filter, signal)).map(({ catalog, schema, table }) => ({
      catalog, schema, name: table.Name ?? '', type: /VIEW/i.test(table.TableType ?? '') ? 'VIEW' : 'TABLE',
    }))
  }

  async listColumns (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<ColumnRef[]> {
    return (await this.#tables(filter, signal)).flatMap(({ catalog, schema, table }) =>
      [...(table.Columns ?? []), ...(table.PartitionKeys ?? [])].map((column, i) => ({
        catalog, schema, table: table.Name ?? '', name: column.Name ?? '', type: trinoTypeName(column.Type ?? 'unknown'), ordinal: i + 1, nullable: true,
      })))
  }

  async #tables (filter: { catalog?: string, schema?: string, table?: string }, signal: AbortSignal): Promise<Array<{ catalog: string, schema: string, table: TableMetadata }>> {
    const catalog = filter.catalog ?? this.#defaultCatalog
    const schemas = filter.schema === undefined ? (await this.listSchemas(catalog, signal)).map((s) => s.schema) : [filter.schema]
    const out: Array<{ catalog: string, schema: string, table: TableMetadata }> = []
    for (const schema of schemas) {
      let token: string | undefined
      do {
        const page = await this.#guard(async () => await this.#client.send(new ListTableMetadataCommand({
          CatalogName: catalog, DatabaseName: schema, NextToken: token,
          // Expression is a pattern (`*` wildcard); the exact name is checked below.
          ...(filter.table === undefined ? {} : { Expression: filter.table }),
        }), { abortSignal: signal }))
        for (const table of page.TableMetadataList ?? []) {
          if (filter.table === undefined || table.Name === filter.table) out.push({ catalog, schema, table })
        }
        token = page.NextToken
      } while (token !== undefined)
    }
    return out
  }
}

/** `array<int>` → `array(integer)`, `map<string,int>` → `map(varchar, integer)` (best effort). */
export function trinoTypeName (glueType: string): string {
  return glueType.toLowerCase()
    .replaceAll(/\b(int|string|float|binary|struct)\b/g, (name) => GLUE_TYPES[name] ?? name)
    .replaceAll('<', '(').replaceAll('>', ')').replaceAll(':', ' ').replaceAll(/,(?=\S)/g, ', ')
}
