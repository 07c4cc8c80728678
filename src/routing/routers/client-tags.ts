/** `clientTags`: the first of the client's tags (X-Trino-Client-Tags, …) that has a mapping picks the group. */
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'
import { shorten } from './compile-regex.ts'

export class ClientTagsRouter implements Router {
  readonly type = 'clientTags'
  readonly #groups: ReadonlyMap<string, string>

  constructor (options: { readonly tagToGroup: Readonly<Record<string, string>> }) {
    this.#groups = new Map(Object.entries(options.tagToGroup))
  }

  get targets (): string[] {
    return [...this.#groups.values()]
  }

  evaluate (request: QueryRequest): RouterVerdict {
    const tags = request.session.clientTags
    const saw = `clientTags [${shorten(tags.join(', '), 120)}]`
    for (const tag of tags) {
      const group = this.#groups.get(tag)
      if (group !== undefined) return { matched: true, group, saw, reason: `tag '${tag}' maps to group '${group}'` }
    }
    return { matched: false, saw, reason: tags.length === 0 ? 'the client sent no tags' : 'no tag has a mapping' }
  }
}
