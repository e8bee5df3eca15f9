import { InternalError } from "../errors.js";
import { neuronInvariants } from "../invariants/neuronInvariants.js";
import type { Layer, LayeredNetwork } from "../net/layeredNetwork.js";
import { networkShape } from "../net/networkShape.js";
import { exact, type Rational } from "../scalar/exact.js";
import { splitNeurons, type SplitNeurons } from "./splitNeurons.js";
import { at } from "../scalar/at.js";

/**
 * The component of H(c(θ)) that the network θ lies in, as its sign pattern
 * over the split neurons (see `enumerateComponents`). The defining
 * coordinate of a split neuron is never 0: c < 0 with e = 1 forces a_k² > ‖w_k‖² ≥ 0,
 * and c > 0 with d_in = 1 forces w_k² > a_k² ≥ 0. The network has two weight layers.
 */
export function componentOf(net: LayeredNetwork<Rational>): { pattern: string; split: SplitNeurons } {
  const [first, second] = net.layers as [Layer<Rational>, Layer<Rational>];
  const { dIn, e } = networkShape(net);
  const split = splitNeurons(neuronInvariants(net, exact), { dIn, e });
  const pattern = split.all
    .map((k) => {
      const coordinate = split.pathological.includes(k) ? at(at(second.W, 0), k) : first.b ? at(first.b, k) : at(at(first.W, k), 0);
      const s = exact.sign(coordinate);
      if (s === 0) throw new InternalError(`split neuron ${k} has a zero defining coordinate`);
      return s > 0 ? "+" : "-";
    })
    .join("");
  return { pattern, split };
}
