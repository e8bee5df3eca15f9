import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { isLayered } from "../net/isLayered.js";
import type { Network } from "../net/network.js";
import type { Scalar } from "../scalar/scalar.js";
import { incomingNormSq } from "./incomingNormSq.js";
import { outgoingNormSq } from "./outgoingNormSq.js";

/**
 * The conserved quantity of every hidden neuron, c_k = ‖w̃_k‖² − ‖a_k‖² with
 * w̃_k its incoming weights and bias and a_k its outgoing weights (docs/theory.md §2):
 * constant along gradient flow for any homogeneous activation. For a
 * two-layer network c_k = ‖W1[k]‖² + b1[k]² − ‖W2[:, k]‖²; for a layered
 * network, every hidden neuron of layer 1, then of layer 2, and so on.
 * This is the definition; the fixed-point and float fast paths
 * (`fixedInvariants`, `floatInvariants`) are tested against it.
 *
 * @example neuronInvariants(networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact), exact).map(exact.toString) // returns ["31/8"]
 */
export function neuronInvariants<T>(net: Network<T> | LayeredNetwork<T>, S: Scalar<T>): T[] {
  if (!isLayered(net)) return net.W1.map((_, k) => S.sub(incomingNormSq(net, k, S), outgoingNormSq(net, k, S)));
  const out: T[] = [];
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const { W, b } = net.layers[l]!;
    const next = net.layers[l + 1]!.W;
    W.forEach((row, k) => {
      let s = S.zero;
      for (const v of row) s = S.add(s, S.mul(v, v));
      if (b) s = S.add(s, S.mul(b[k]!, b[k]!));
      for (const r of next) s = S.sub(s, S.mul(r[k]!, r[k]!));
      out.push(s);
    });
  }
  return out;
}
