import { at } from "../../scalar/at.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { Rational } from "../../scalar/exact.js";
import { exponentOfPowerOfTwo } from "../../scalar/powersOfTwo.js";
import { SquareSums } from "./squareSums.js";

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
  // every layer but the last, with the weights of the layer above it (whose columns are its units)
  for (const [l, { W, b }] of net.layers.slice(0, -1).entries()) {
    const next = at(net.layers, l + 1).W;
    const row: Rational[] = [];
    for (const [k, w] of W.entries()) {
      let ok = true;
      for (const v of w) ok &&= add(v, 1);
      if (b) ok &&= add(at(b, k), 1);
      for (const r of next) ok &&= add(at(r, k), -1);
      const c = sums.take();
      if (!ok) return undefined;
      row.push(c);
    }
    out.push(row);
  }
  return out;
}
