import { at } from "../scalar/at.js";
import { biasSlot } from "../net/biasSlot.js";
import { weightSlot } from "../net/weightSlot.js";
import { architectureLayout } from "./architectureLayout.js";
import type { LawArchitecture, ParameterSlot } from "./lawArchitecture.js";

/**
 * θ in the order of the architecture's {@link ParamLayout}: for each weight
 * layer l = 1 … L, the matrix W_l (n_l × n_{l−1}, row-major) and then, with a
 * bias, b_l — PyTorch's `state_dict` order.
 */
export function parameterSlots(arch: LawArchitecture): ParameterSlot[] {
  const L = architectureLayout(arch);
  const out = new Array<ParameterSlot>(L.size);
  const w = arch.widths;
  // Weight layer l = k + 1 maps w[k] units to w[l] units.
  w.slice(1).forEach((rows, k) => {
    const l = k + 1;
    const cols = at(w, k);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[weightSlot(L, l, r, c)] = { layer: l, row: r, col: c };
    if (L.bias[k]) for (let r = 0; r < rows; r++) out[biasSlot(L, l, r)] = { layer: l, row: r, col: -1 };
  });
  return out;
}
