import { architectureLayout } from "./architectureLayout.js";
import type { LawArchitecture } from "./lawArchitecture.js";

/** Total number of parameters D. */
export function parameterCount(arch: LawArchitecture): number {
  return architectureLayout(arch).size;
}
