import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Scalar } from "../scalar/scalar.js";

/**
 * The conserved quantity of every hidden neuron, c_k = ‖w̃_k‖² − ‖a_k‖² with
 * w̃_k its incoming weights and bias and a_k its outgoing weights (docs/theory.md §2):
 * constant along gradient flow for any homogeneous activation. For neuron k of
 * hidden layer l, c = (‖W_l[k]‖² + b_l[k]²) − ‖W_{l+1}[:, k]‖², each norm summed from
 * zero in parameter order; the list runs over every hidden neuron of layer 1, then
 * of layer 2, and so on. This is the one definition: `layerInvariants` and
 * `packedInvariants` read it, and the fixed-point and float fast paths
 * (`fixedInvariants`, `floatInvariants`) are tested against it.
 *
 * @example neuronInvariants(networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact), exact).map(exact.toString) // returns ["31/8"]
 */
export function neuronInvariants<T>(net: LayeredNetwork<T>, S: Scalar<T>): T[] {
  const out: T[] = [];
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const { W, b } = net.layers[l]!;
    const next = net.layers[l + 1]!.W;
    W.forEach((row, k) => {
      let incoming = S.zero;
      for (const v of row) incoming = S.add(incoming, S.mul(v, v));
      if (b) incoming = S.add(incoming, S.mul(b[k]!, b[k]!));
      let outgoing = S.zero;
      for (const r of next) outgoing = S.add(outgoing, S.mul(r[k]!, r[k]!));
      out.push(S.sub(incoming, outgoing));
    });
  }
  return out;
}
