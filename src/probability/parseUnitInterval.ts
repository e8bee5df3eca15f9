import { InputError } from "../errors.js";
import { numerator, rational } from "../scalar/bigintMath.js";
import type { Rational } from "../scalar/exact.js";
import { parseRational, type RationalParts } from "../scalar/parseRational.js";

/** Reads x ∈ [0, 1] exactly from text ("3/7", "0.25") or BigInt parts. @throws InputError */
export function parseUnitInterval(x: string | RationalParts, name = "x"): Rational {
  const parts = typeof x === "string" ? parseRational(x) : x;
  const r = rational(parts.num, parts.den);
  if (numerator(r) < 0n || r.n > r.d)
    throw new InputError({ field: name, expected: "a number in [0, 1]", value: typeof x === "string" ? x : `${x.num}/${x.den}` });
  return r;
}
