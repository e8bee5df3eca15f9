import type { ParamLayout } from "../paramLayout.js";
import { neuronSlots } from "./_internals/neuronSlots.js";

/**
 * c_k = ‖w̃_k‖² − ‖a_k‖² for every hidden neuron (layer 1 first, then each
 * deeper hidden layer), in float: the fast path of `neuronInvariants`, over
 * the layout's incoming and outgoing slots, with its roundings (each square
 * sum from 0 in slot order, then their difference), so the two agree bit for
 * bit. Allocates nothing once `out` is given.
 *
 * @param p - θ (or any vector laid out like it, e.g. a step's update), flat in `ParamLayout` order
 * @param out - where to write (length: the number of hidden neurons)
 * @example floatInvariants(Float64Array.of(2, 0.25, 0.25, 0.5), paramLayout([2, 1, 1], [true, false], { kind: "relu" })) // returns [3.875]
 */
export function floatInvariants(p: ArrayLike<number>, L: ParamLayout, out?: Float64Array): Float64Array {
  const { slots, bounds } = neuronSlots(L);
  const neurons = (bounds.length - 1) / 2;
  const c = out ?? new Float64Array(neurons);
  // the slots are θ indices of the layout, which p is laid out in, and the bounds index slots
  let j = 0;
  for (let k = 0; k < neurons; k++) {
    let sumIn = 0;
    for (const end = bounds[2 * k + 1]!; j < end; j++) {
      const v = p[slots[j]!]!;
      sumIn += v * v;
    }
    let sumOut = 0;
    for (const end = bounds[2 * k + 2]!; j < end; j++) {
      const v = p[slots[j]!]!;
      sumOut += v * v;
    }
    c[k] = sumIn - sumOut;
  }
  return c;
}
