import type { FixedLayeredNet } from "./fixedLayeredNet.js";

/**
 * c_k = ‖w̃_k‖² − ‖a_k‖² in fixed point, over the layout's incoming and
 * outgoing slots of each hidden neuron, flat over every hidden layer: the fast path of `neuronInvariants`
 * (exact: the squares are summed unshifted and shifted once, so the result is
 * the floor of the exact c_k of θ times 2^P).
 *
 * @internal
 */
export function fixedInvariants(p: Pick<FixedLayeredNet, "F" | "l" | "inSlots" | "outSlots">, theta: readonly bigint[]): bigint[] {
  const out: bigint[] = [];
  for (let k = 0; k < p.l; k++) {
    let s = 0n;
    for (const q of p.inSlots[k]!) s += theta[q]! ** 2n;
    for (const q of p.outSlots[k]!) s -= theta[q]! ** 2n;
    out.push(s >> p.F.bigP);
  }
  return out;
}
