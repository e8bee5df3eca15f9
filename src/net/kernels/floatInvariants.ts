import type { ParamLayout } from "../paramLayout.js";
import { outgoingSlots } from "../outgoingSlots.js";
import { incomingSlots } from "../incomingSlots.js";

/**
 * The θ indices of every hidden neuron's incoming weights (and bias), then its
 * outgoing weights, neuron after neuron (layer by layer) in one array: neuron k's
 * incoming slots are slots[bounds[2k] … bounds[2k+1]), its outgoing ones
 * slots[bounds[2k+1] … bounds[2k+2]). Flat, so a call walks two typed arrays
 * (gradient descent in float calls this twice at every step).
 */
interface NeuronSlots {
  slots: Int32Array;
  bounds: Int32Array;
}

/** Per layout, its neurons' slots, computed once. */
const slotCache = new WeakMap<ParamLayout, NeuronSlots>();

function hiddenSlots(L: ParamLayout): NeuronSlots {
  let known = slotCache.get(L);
  if (known === undefined) {
    const slots: number[] = [];
    const bounds = [0];
    for (const [layer, width] of L.widths.entries()) {
      if (layer === 0 || layer === L.depth) continue;
      for (let k = 0; k < width; k++) {
        slots.push(...incomingSlots(L, layer, k));
        bounds.push(slots.length);
        slots.push(...outgoingSlots(L, layer, k));
        bounds.push(slots.length);
      }
    }
    known = { slots: Int32Array.from(slots), bounds: Int32Array.from(bounds) };
    slotCache.set(L, known);
  }
  return known;
}

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
  const { slots, bounds } = hiddenSlots(L);
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
