/**
 * Proves symbolically, for relu, leaky relu (symbolic slope), abs and linear,
 * in every activation pattern of the generic network of symbolicNetwork.ts,
 * that ⟨∇_w L, w⟩ − ⟨∇_a L, a⟩ = 0 for each hidden neuron (docs/theory.md §2).
 * Also proves it once with all four slopes symbolic, which covers every
 * piecewise-linear homogeneous activation at once.
 */
import { NEURONS, PIECES, defineLoss, fail, patterns, rescalingDefect } from "./symbolicNetwork.js";

let proved = 0;
for (const [name, pieces] of Object.entries(PIECES)) {
  const all = patterns(pieces);
  for (const slopes of all) {
    defineLoss(slopes);
    for (const k of NEURONS) {
      const defect = rescalingDefect(k);
      if (defect !== "0") fail(`${name}, pattern [${slopes.join(", ")}], neuron ${k}: defect ${defect}`);
      proved++;
    }
  }
  console.log(`proved: <grad_w L, w> - <grad_a L, a> = 0 for ${name}, all ${all.length} activation patterns, both neurons`);
}
defineLoss(["s11", "s12", "s21", "s22"]);
for (const k of NEURONS) {
  const defect = rescalingDefect(k);
  if (defect !== "0") fail(`symbolic slopes, neuron ${k}: defect ${defect}`);
  proved++;
}
console.log("proved: the same with symbolic slopes s11, s12, s21, s22 (any piecewise-linear homogeneous activation)");
console.log(`${proved} identities proved`);
