import { InputError } from "../../errors.js";
import type { ParamLayout } from "../paramLayout.js";

/**
 * Refuses a layout with convolutions, pooling or batch normalisation in a kernel written for fully connected networks only
 * (the float fast path, the fixed-point flows): such a network runs through the generic `lossAndGradient`.
 *
 * @param what - the kernel, for the message
 * @internal
 */
export function refuseConvolutions(L: ParamLayout, what: string): void {
  if (L.structure !== undefined)
    throw new InputError({
      field: "net",
      expected: `a fully connected network for ${what} (convolutions, pooling and batch normalisation run in exact or decimal gradient descent)`,
      value: L.normOffset.some((o) => o >= 0) ? "a network with batch normalisation" : "a network with convolutions",
    });
}
