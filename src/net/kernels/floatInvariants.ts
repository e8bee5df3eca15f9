import type { ParamLayout } from "../paramLayout.js";
import { outgoingSlots } from "../outgoingSlots.js";
import { incomingSlots } from "../incomingSlots.js";

/** Per layout, the incoming and outgoing slots of every hidden neuron (layer by layer), computed once. */
const slotCache = new WeakMap<ParamLayout, NeuronSlots[]>();

/** The θ indices of one hidden neuron's incoming weights (and bias) and outgoing weights. */
interface NeuronSlots {
  incoming: Int32Array;
  outgoing: Int32Array;
}

function hiddenSlots(L: ParamLayout): NeuronSlots[] {
  let slots = slotCache.get(L);
  if (slots === undefined) {
    slots = [];
    for (const [layer, width] of L.widths.entries()) {
      if (layer === 0 || layer === L.depth) continue;
      for (let k = 0; k < width; k++)
        slots.push({ incoming: Int32Array.from(incomingSlots(L, layer, k)), outgoing: Int32Array.from(outgoingSlots(L, layer, k)) });
    }
    slotCache.set(L, slots);
  }
  return slots;
}

/**
 * c_k = ‖w̃_k‖² − ‖a_k‖² for every hidden neuron (layer 1 first, then each
 * deeper hidden layer), in float: the fast path of `neuronInvariants`, over
 * the layout's incoming and outgoing slots. Allocates nothing once `out` is given.
 *
 * @param out - where to write (length: the number of hidden neurons)
 * @example floatInvariants(Float64Array.of(2, 0.25, 0.25, 0.5), paramLayout([2, 1, 1], [true, false], { kind: "relu" })) // returns [3.875]
 */
export function floatInvariants(p: Float64Array, L: ParamLayout, out?: Float64Array): Float64Array {
  const slots = hiddenSlots(L);
  const c = out ?? new Float64Array(slots.length);
  for (const [k, { incoming, outgoing }] of slots.entries()) {
    let s = 0;
    // the slots are θ indices of the layout, which p is laid out in
    for (const slot of incoming) s += p[slot]! ** 2;
    for (const slot of outgoing) s -= p[slot]! ** 2;
    c[k] = s;
  }
  return c;
}
