import type { Activation } from "./activation.js";

/** Text form of an activation, the inverse of {@link parseActivation}. */
export function activationName(act: Activation): string {
  return act.kind === "leaky_relu" ? `leaky_relu:${act.slope}` : act.kind;
}
