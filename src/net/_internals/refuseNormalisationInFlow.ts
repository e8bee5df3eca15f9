import { InputError } from "../../errors.js";
import type { ParamLayout } from "../paramLayout.js";

/**
 * Refuses a batch normalisation in the fixed-point flows: it divides by √(σ² + ε) of the batch,
 * which is not a polynomial in θ, so neither the Taylor series nor the fixed-point field runs through it
 * (exact and decimal gradient descent do).
 *
 * @internal
 */
export function refuseNormalisationInFlow(L: ParamLayout): void {
  if (L.normOffset.some((o) => o >= 0))
    throw new InputError({
      field: "net",
      expected:
        "a network without batch normalisation for the flows (BatchNorm divides by the square root of the batch variance plus eps, which is not a polynomial in the parameters; run gd instead)",
      value: "a network with batch normalisation",
    });
}
