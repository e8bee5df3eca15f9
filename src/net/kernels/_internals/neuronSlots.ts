import { incomingSlots } from "../../incomingSlots.js";
import { outgoingSlots } from "../../outgoingSlots.js";
import type { ParamLayout } from "../../paramLayout.js";

/**
 * The θ indices of every hidden neuron's incoming weights (and bias), then its
 * outgoing weights, neuron after neuron (layer by layer) in one array: neuron k's
 * incoming slots are slots[bounds[2k] … bounds[2k+1]), its outgoing ones
 * slots[bounds[2k+1] … bounds[2k+2]). Flat, so that a pass over them walks two
 * typed arrays (float training takes c of θ and of the gradient at every step).
 * @internal
 */
export interface NeuronSlots {
  slots: Int32Array;
  bounds: Int32Array;
}

/** Per layout, its neurons' slots, computed once. */
const slotCache = new WeakMap<ParamLayout, NeuronSlots>();

/** The {@link NeuronSlots} of a layout's hidden neurons, layer 1 first. @internal */
export function neuronSlots(L: ParamLayout): NeuronSlots {
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
