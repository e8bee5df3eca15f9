import type { PoincareFactors } from "../poincareFactors.js";
import { at } from "../../scalar/at.js";

/**
 * The factors with a positive exponent, as [exponent, power] (equal exponents
 * merged, larger power first), and the power of 2 that S⁰ factors contribute.
 *
 * @internal
 */
export function sphereFactors(f: PoincareFactors): { twos: number; factors: Array<[number, number]> } {
  let twos = 0;
  const factors: Array<[number, number]> = [];
  for (const [exp, n] of [
    [f.p, f.nPositive],
    [f.q, f.nNegative],
  ] as const) {
    if (n === 0) continue;
    if (exp === 0) twos += n;
    else if (factors.length > 0 && at(factors, 0)[0] === exp) at(factors, 0)[1] += n;
    else factors.push([exp, n]);
  }
  factors.sort((a, b) => b[1] - a[1]);
  return { twos, factors };
}
