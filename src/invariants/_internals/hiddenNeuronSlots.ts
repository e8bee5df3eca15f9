import { at } from "../../scalar/at.js";
import { incomingSlots } from "../../net/incomingSlots.js";
import { outgoingSlots } from "../../net/outgoingSlots.js";
import type { ParamLayout } from "../../net/paramLayout.js";

/** Where the incoming parameters w̃ (row, then bias) and the outgoing weights a of one hidden neuron sit in θ. */
export interface NeuronSlots {
  readonly incoming: readonly number[];
  readonly outgoing: readonly number[];
}

/**
 * The slots of every hidden neuron, layer 1 first, then layer 2, … (the order of `neuronInvariants`).
 * @internal
 */
export function hiddenNeuronSlots(L: ParamLayout): readonly NeuronSlots[] {
  // Built once per layout: gradient descent asks for them twice at every step.
  const known = slotsOf.get(L);
  if (known !== undefined) return known;
  const out: NeuronSlots[] = [];
  // the hidden layers: every width but the input's (l = 0) and the output's (l = depth)
  for (const [l, width] of L.widths.entries())
    if (l > 0 && l < L.depth)
      for (let k = 0; k < width; k++) out.push({ incoming: incomingSlots(L, l, k), outgoing: outgoingSlots(L, l, k) });
  slotsOf.set(L, out);
  return out;
}

const slotsOf = new WeakMap<ParamLayout, readonly NeuronSlots[]>();

/**
 * Σ θ_i·v_i over `slots`, summed from zero in slot order (so that float sums come out the same whoever calls it).
 * @internal
 */
export function slotDot<T>(
  theta: readonly T[],
  v: readonly T[],
  slots: readonly number[],
  S: { zero: T; add(a: T, b: T): T; mul(a: T, b: T): T },
): T {
  let s = S.zero;
  // slots are indices into θ, and theta and v are θ-shaped
  for (const i of slots) s = S.add(s, S.mul(at(theta, i), at(v, i)));
  return s;
}
