import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Rational } from "../scalar/exact.js";
import type { Scalar } from "../scalar/scalar.js";
import { dyadicLayerInvariants } from "./_internals/dyadicLayerInvariants.js";

/**
 * The conserved quantity of every hidden neuron of a network of any depth, layer by layer:
 * for neuron k of hidden layer l (1 … L − 1), c_{l,k} = ‖W_l[k]‖² + b_l[k]² − ‖W_{l+1}[:, k]‖²,
 * its incoming weights and bias against its outgoing weights (docs/theory.md §2). Each is constant
 * along gradient flow for any positively homogeneous activation, whatever the depth, because
 * rescaling one neuron's incoming parameters by λ and its outgoing ones by 1/λ leaves f unchanged.
 * Flattened in order, the rows are `neuronInvariants` of the same network.
 *
 * @param net - the network (at least two weight layers)
 * @returns one row per hidden layer, index l − 1, with one entry per neuron
 * @example const layers = [{ W: [["2"]] }, { W: [["1"]], b: ["5"] }, { W: [["3"]] }];
 * const net = { activation: { kind: "relu" }, layers: layers.map(({ W, b }) => ({ W: W.map((r) => r.map(exact.parse)), b: b?.map(exact.parse) })) };
 * layerInvariants(net, exact).map((r) => r.map(exact.toString))
 * // returns [["3"], ["17"]]
 */
export function layerInvariants<T>(net: LayeredNetwork<T>, S: Scalar<T>): T[][] {
  if (S.kind === "exact") {
    // the weights of a float file are dyadic: exact integer sums, no gcd per term
    const fast = dyadicLayerInvariants(net as unknown as LayeredNetwork<Rational>);
    if (fast !== undefined) return fast as unknown as T[][];
  }
  const out: T[][] = [];
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const { W, b } = net.layers[l]!;
    const next = net.layers[l + 1]!.W;
    out.push(
      W.map((row, k) => {
        let s = S.zero;
        for (const v of row) s = S.add(s, S.mul(v, v));
        if (b) s = S.add(s, S.mul(b[k]!, b[k]!));
        for (const r of next) s = S.sub(s, S.mul(r[k]!, r[k]!));
        return s;
      }),
    );
  }
  return out;
}
