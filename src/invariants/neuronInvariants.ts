import { at } from "../scalar/at.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Scalar } from "../scalar/scalar.js";
import { unitTerms } from "./_internals/unitTerms.js";

/**
 * The conserved quantity of every hidden neuron, c_k = ‖w̃_k‖² − ‖a_k‖² with
 * w̃_k its incoming weights and bias and a_k its outgoing weights (docs/theory.md §2):
 * constant along gradient flow for any homogeneous activation. For neuron k of
 * hidden layer l, c = (‖W_l[k]‖² + b_l[k]²) − ‖W_{l+1}[:, k]‖², each norm summed from
 * zero in parameter order; the list runs over every hidden neuron of layer 1, then
 * of layer 2, and so on. A unit of a convolution is an output channel: its outgoing
 * weights are every weight that reads it (`readerBlock`: the next kernel's slice, or after
 * `flatten` its block of columns), and with a batch normalisation its incoming are (γ_k, β_k).
 * This is the one definition: `layerInvariants` and
 * `packedInvariants` read it, and the fixed-point and float fast paths
 * (`fixedInvariants`, `floatInvariants`, `floatLayerInvariants`) are tested against it.
 *
 * @example neuronInvariants(networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact), exact).map(exact.toString) // returns ["31/8"]
 */
export function neuronInvariants<T>(net: LayeredNetwork<T>, S: Scalar<T>): T[] {
  const out: T[] = [];
  // every layer but the last, with the layer above it
  for (const [l, lower] of net.layers.slice(0, -1).entries()) {
    const upper = at(net.layers, l + 1);
    for (let k = 0; k < lower.W.length; k++) {
      let incoming = S.zero;
      let outgoing = S.zero;
      unitTerms(lower, upper, k, (v, sign) => {
        if (sign > 0) incoming = S.add(incoming, S.mul(v, v));
        else outgoing = S.add(outgoing, S.mul(v, v));
      });
      out.push(S.sub(incoming, outgoing));
    }
  }
  return out;
}
