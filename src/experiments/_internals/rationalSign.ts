import { parseRational } from "../../scalar/parseRational.js";

/**
 * The sign of an exact rational given as text (`"-3/4"`, `"5/8"`), read
 * without rounding to a double (a tiny value would round to ±0).
 *
 * @internal
 */
export function rationalSign(text: string): -1 | 0 | 1 {
  const { num } = parseRational(text); // den > 0
  return num < 0n ? -1 : num > 0n ? 1 : 0;
}
