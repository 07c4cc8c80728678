/**
 * A small seeded pseudo-random generator (mulberry32) so the corpus data set is the same on
 * every machine and every run: the expected answers come from the engines, but a failure must
 * reproduce.
 * @see https://gist.github.com/tommyettinger/46a874533244883189143505d203312c (mulberry32)
 */
export class Prng {
  #state: number

  constructor (seed: number) {
    this.#state = seed >>> 0
  }

  /** A float in [0, 1). */
  next (): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int (min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T> (items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!
  }

  /** A decimal in [min, max] with `scale` fraction digits, as plain decimal text. */
  decimal (min: number, max: number, scale: number): string {
    const factor = 10 ** scale
    return formatScaled(this.int(Math.round(min * factor), Math.round(max * factor)), scale)
  }

  /** `count` words from `words` joined by spaces, at most `maxLength` characters. */
  text (words: readonly string[], count: number, maxLength: number): string {
    const out: string[] = []
    for (let i = 0; i < count; i++) out.push(this.pick(words))
    return out.join(' ').slice(0, maxLength).trimEnd()
  }
}

/** An integer number of 10^-scale units as decimal text: (12345, 2) → '123.45'. */
export function formatScaled (units: number, scale: number): string {
  const negative = units < 0
  const digits = String(Math.abs(units)).padStart(scale + 1, '0')
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return negative ? `-${text}` : text
}
