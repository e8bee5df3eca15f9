import { activationName } from "../net/activationName.js";
import type { LawArchitecture } from "./lawArchitecture.js";

/** Text form `widths … activation [bias]`, for tables and messages. */
export function architectureLabel(arch: LawArchitecture): string {
  return `${arch.widths.join(",")} ${activationName(arch.activation)}${arch.bias ? " bias" : ""}`;
}
