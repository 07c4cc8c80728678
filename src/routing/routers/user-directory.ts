/**
 * Which user groups each user belongs to. Membership comes from two places: `auth.users[].groups`
 * and the `members` lists of every `user` router's `userGroups`. `user` routers and compound
 * `userGroup` conditions both ask this directory, so a group name means the same everywhere.
 */
import type { Config } from '../../config/schema.ts'

export class UserDirectory {
  readonly #groupsByUser = new Map<string, string[]>()

  /** `memberships`: [user, userGroup] pairs. */
  constructor (memberships: Iterable<readonly [string, string]> = []) {
    for (const [user, group] of memberships) {
      const groups = this.#groupsByUser.get(user)
      if (groups === undefined) this.#groupsByUser.set(user, [group])
      else if (!groups.includes(group)) groups.push(group)
    }
  }

  static fromConfig (config: Pick<Config, 'auth' | 'routers'>): UserDirectory {
    const pairs: Array<[string, string]> = []
    for (const user of config.auth?.users ?? []) for (const group of user.groups) pairs.push([user.username, group])
    for (const router of config.routers) {
      if (router.type !== 'user') continue
      for (const [group, { members }] of Object.entries(router.userGroups)) for (const user of members) pairs.push([user, group])
    }
    return new UserDirectory(pairs)
  }

  /** The user's groups in the order they were declared. */
  groupsOf (user: string): readonly string[] {
    return this.#groupsByUser.get(user) ?? []
  }

  isMember (user: string, group: string): boolean {
    return this.groupsOf(user).includes(group)
  }
}
