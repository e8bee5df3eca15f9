import { at } from "../scalar/at.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import type { Scalar } from "../scalar/scalar.js";
import { readerBlock } from "../net/readerBlock.js";

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
  // every layer but the last, with the weights of the layer above it that read each unit (or channel)
  for (const [l, lower] of net.layers.slice(0, -1).entries()) {
    const { W, b } = lower;
    const upper = at(net.layers, l + 1);
    W.forEach((row, k) => {
      let incoming = S.zero;
      for (const v of row) incoming = S.add(incoming, S.mul(v, v));
      if (b) {
        const bk = at(b, k);
        incoming = S.add(incoming, S.mul(bk, bk));
      }
      let outgoing = S.zero;
      const {
        rows: [r0, r1],
        columns: [c0, c1],
      } = readerBlock(lower, upper, k);
      for (let r = r0; r < r1; r++)
        for (let c = c0; c < c1; c++) {
          const v = at(at(upper.W, r), c);
          outgoing = S.add(outgoing, S.mul(v, v));
        }
      out.push(S.sub(incoming, outgoing));
    });
  }
  return out;
}
