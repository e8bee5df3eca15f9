import { at } from "../../scalar/at.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { Rational } from "../../scalar/exact.js";
import { exponentOfPowerOfTwo } from "../../scalar/powersOfTwo.js";
import { SquareSums } from "./squareSums.js";
import { unitTerms } from "./unitTerms.js";

/**
 * `layerInvariants` for an exact network whose every parameter is a dyadic rational (all a
 * float file gives): the same rows, computed with exact integer sums instead of one rational
 * addition per weight. Undefined when some parameter is not dyadic.
 *
 * @internal
 */
export function dyadicLayerInvariants(net: LayeredNetwork<Rational>): Rational[][] | undefined {
  const sums = new SquareSums();
  const add = (v: Rational, sign: 1 | -1): boolean => {
    const k = v.d === 1n ? 0 : exponentOfPowerOfTwo(v.d);
    return k !== undefined && sums.add(v.n < 9007199254740992n ? Number(v.n) : v.n, k, sign);
  };
  const out: Rational[][] = [];
  // every layer but the last, with the layer above it
  for (const [l, lower] of net.layers.slice(0, -1).entries()) {
    const upper = at(net.layers, l + 1);
    const row: Rational[] = [];
    for (let k = 0; k < lower.W.length; k++) {
      let ok = true;
      unitTerms(lower, upper, k, (v, sign) => {
        ok &&= add(v, sign);
      });
      const c = sums.take();
      if (!ok) return undefined;
      row.push(c);
    }
    out.push(row);
  }
  return out;
}
