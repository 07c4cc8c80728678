/**
 * Doubles and reals written as Java's Double.toString / Float.toString write them, because
 * that is what a Trino coordinator sends and what its clients accept: the JDBC driver and the
 * CLI (io.trino.client.JsonDecodingUtils) read DOUBLE and REAL only from JSON float tokens or
 * strings, so an integral double must be `1.0`, never `1`. Digits are the shortest that read
 * back to the same value (JDK 19+ behaviour); NaN and ±Infinity are JSON strings.
 * @see https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/Double.html#toString(double)
 */

/** JSON text of a DOUBLE value. */
export function formatDouble (value: number): string {
  if (!Number.isFinite(value)) return nonFinite(value)
  return javaFormat(value, value.toExponential())
}

/** JSON text of a REAL value (a float32 held in a JS number). */
export function formatReal (value: number): string {
  if (!Number.isFinite(value)) return nonFinite(value)
  const float = Math.fround(value)
  let exponential = float.toExponential()
  // The shortest digits that read back to the same float32, as Float.toString chooses them.
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = float.toExponential(digits - 1)
    if (Math.fround(Number(candidate)) === float) { exponential = candidate; break }
  }
  return javaFormat(float, exponential)
}

function nonFinite (value: number): string {
  if (Number.isNaN(value)) return '"NaN"'
  return value > 0 ? '"Infinity"' : '"-Infinity"'
}

/** Java's layout: plain notation for 1e-3 ≤ |v| < 1e7, else `d.dddE±n`; always a fraction digit. */
function javaFormat (value: number, exponential: string): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0'
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exponential)!
  const sign = match[1]!
  const digits = (match[2]! + (match[3] ?? '')).replace(/0+$/, '') || '0'
  const exponent = Number(match[4])
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent >= 0) {
      const integer = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
      const fraction = digits.slice(exponent + 1)
      return `${sign}${integer}.${fraction === '' ? '0' : fraction}`
    }
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  }
  const fraction = digits.slice(1)
  return `${sign}${digits[0]}.${fraction === '' ? '0' : fraction}E${exponent}`
}
