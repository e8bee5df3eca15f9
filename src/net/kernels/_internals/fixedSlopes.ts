import { parseFixed, type Fixed } from "../../../scalar/fixedPoint.js";
import type { Activation } from "../../activation.js";

/** σ' above 0, below 0 and at 0 (PyTorch) of an activation in fixed point. @internal */
export function fixedSlopes(activation: Activation, F: Fixed): { sPlus: bigint; sMinus: bigint; sZero: bigint } {
  switch (activation.kind) {
    case "linear":
      return { sPlus: F.ONE, sMinus: F.ONE, sZero: F.ONE };
    case "abs":
      return { sPlus: F.ONE, sMinus: -F.ONE, sZero: 0n };
    case "leaky_relu": {
      const s = parseFixed(F, activation.slope);
      return { sPlus: F.ONE, sMinus: s, sZero: s };
    }
    case "relu":
      return { sPlus: F.ONE, sMinus: 0n, sZero: 0n };
  }
}
