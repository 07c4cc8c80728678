/**
 * Freezes a value and everything reachable from it (fastify's `deepFreezeObject`), so validated
 * configuration cannot be changed in place: a runtime change validates a new snapshot instead.
 */
export function deepFreeze<T> (value: T): T {
  freeze(value, new Set())
  return value
}

function freeze (value: unknown, seen: Set<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return
  seen.add(value)
  // Typed arrays and buffers cannot be frozen (their elements are not properties); config has none.
  if (ArrayBuffer.isView(value)) return
  for (const key of Reflect.ownKeys(value)) freeze((value as Record<PropertyKey, unknown>)[key], seen)
  Object.freeze(value)
}
