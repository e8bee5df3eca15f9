import type { ParamLayout } from "../paramLayout.js";
import { outgoingSlots } from "../outgoingSlots.js";
import { incomingSlots } from "../incomingSlots.js";

/** Per layout, the incoming and outgoing slots of every hidden neuron (layer by layer), computed once. */
const slotCache = new WeakMap<ParamLayout, { incoming: Int32Array[]; outgoing: Int32Array[] }>();

function hiddenSlots(L: ParamLayout): { incoming: Int32Array[]; outgoing: Int32Array[] } {
  let slots = slotCache.get(L);
  if (slots === undefined) {
    slots = { incoming: [], outgoing: [] };
    for (let layer = 1; layer < L.depth; layer++)
      for (let k = 0; k < L.widths[layer]!; k++) {
        slots.incoming.push(Int32Array.from(incomingSlots(L, layer, k)));
        slots.outgoing.push(Int32Array.from(outgoingSlots(L, layer, k)));
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
  const { incoming, outgoing } = hiddenSlots(L);
  const c = out ?? new Float64Array(incoming.length);
  for (let k = 0; k < incoming.length; k++) {
    let s = 0;
    const w = incoming[k]!;
    for (let m = 0; m < w.length; m++) s += p[w[m]!]! ** 2;
    const a = outgoing[k]!;
    for (let j = 0; j < a.length; j++) s -= p[a[j]!]! ** 2;
    c[k] = s;
  }
  return c;
}
