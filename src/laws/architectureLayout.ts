import { paramLayout, type ParamLayout } from "../net/paramLayout.js";
import type { LawArchitecture } from "./lawArchitecture.js";

/** The parameter layout of an architecture: the one flat order of θ (PyTorch `state_dict`). */
export function architectureLayout(arch: LawArchitecture): ParamLayout {
  return paramLayout(arch.widths, arch.bias, arch.activation);
}
