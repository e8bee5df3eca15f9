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
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const { W, b } = net.layers[l]!;
    const next = net.layers[l + 1]!.W;
    const row: Rational[] = [];
    for (let k = 0; k < W.length; k++) {
      let ok = true;
      for (const v of W[k]!) ok &&= add(v, 1);
      if (b) ok &&= add(b[k]!, 1);
      for (const r of next) ok &&= add(r[k]!, -1);
      const c = sums.take();
      if (!ok) return undefined;
      row.push(c);
    }
    out.push(row);
  }
  return out;
}
