/**
 * `user`: the session user picks the group. `userToGroup` (exact user name) is consulted first,
 * then `userGroups` in config order; a user is in a user group when its `members` list names
 * them or `auth.users[].groups` does (see UserDirectory).
 */
import type { QueryRequest } from '../../core/query-request.ts'
import type { Router, RouterVerdict } from '../router.ts'
import type { UserDirectory } from './user-directory.ts'

export interface UserRouterOptions {
  readonly userToGroup: Readonly<Record<string, string>>
  readonly userGroups: Readonly<Record<string, { readonly members: readonly string[], readonly targetGroup: string }>>
}

export class UserRouter implements Router {
  readonly type = 'user'
  readonly #users: ReadonlyMap<string, string>
  readonly #userGroups: ReadonlyArray<readonly [string, string]>
  readonly #directory: UserDirectory

  constructor (options: UserRouterOptions, directory: UserDirectory) {
    this.#users = new Map(Object.entries(options.userToGroup))
    this.#userGroups = Object.entries(options.userGroups).map(([name, g]) => [name, g.targetGroup] as const)
    this.#directory = directory
  }

  get targets (): string[] {
    return [...this.#users.values(), ...this.#userGroups.map(([, group]) => group)]
  }

  evaluate (request: QueryRequest): RouterVerdict {
    const user = request.session.user
    const memberOf = this.#directory.groupsOf(user)
    const saw = memberOf.length === 0 ? `user ${user}` : `user ${user} (user groups: ${memberOf.join(', ')})`
    const direct = this.#users.get(user)
    if (direct !== undefined) return { matched: true, group: direct, saw, reason: `user '${user}' maps to group '${direct}'` }
    for (const [userGroup, group] of this.#userGroups) {
      if (memberOf.includes(userGroup)) return { matched: true, group, saw, reason: `user group '${userGroup}' maps to group '${group}'` }
    }
    return { matched: false, saw, reason: `no mapping for user '${user}' or their user groups` }
  }
}
