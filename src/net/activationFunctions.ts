import type { Scalar } from "../scalar/scalar.js";
import type { Activation, ActivationFunctions } from "./activation.js";

/**
 * σ and σ' of an activation, in arithmetic `S`.
 *
 * @remarks Every piece of σ is z ↦ s·z, so σ(z) = σ'(z)·z holds at every z,
 * kinks included (σ'(0) contributes 0·0): this is all the conservation laws need.
 */
export function activationFunctions<T>(act: Activation, S: Scalar<T>): ActivationFunctions<T> {
  switch (act.kind) {
    case "linear":
      return { sigma: (z) => z, slopeAt: () => S.one };
    case "relu":
      return { sigma: (z) => (S.sign(z) > 0 ? z : S.zero), slopeAt: (z) => (S.sign(z) > 0 ? S.one : S.zero) };
    case "abs":
      return { sigma: (z) => S.abs(z), slopeAt: (z) => S.fromInt(S.sign(z)) };
    case "leaky_relu": {
      const slope = S.parse(act.slope);
      return {
        sigma: (z) => (S.sign(z) > 0 ? z : S.mul(slope, z)),
        slopeAt: (z) => (S.sign(z) > 0 ? S.one : slope),
      };
    }
  }
}
