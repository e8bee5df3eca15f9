/**
 * Which probability makes one neuron split H(c) into two (docs/theory.md §3, §5):
 * with a scalar output a pathological neuron (c < 0) splits on the sign of a;
 * with d_in = 1 a neuron with c > 0 splits on the sign of w; with both
 * d_in = e = 1 every neuron splits (c ≠ 0 almost surely); otherwise both kinds
 * of quadric are connected.
 *
 * @returns "p" (q = p: e = 1, d_in ≥ 2), "one" (q = 1: d_in = e = 1),
 *   "oneMinusP" (q = 1 − p: d_in = 1, e ≥ 2) or "zero" (q = 0: d_in, e ≥ 2)
 * @example splitCase(1, 3) // returns "oneMinusP"
 */
export function splitCase(dIn: number, e: number): "p" | "one" | "oneMinusP" | "zero" {
  if (e === 1) return dIn === 1 ? "one" : "p";
  return dIn === 1 ? "oneMinusP" : "zero";
}
