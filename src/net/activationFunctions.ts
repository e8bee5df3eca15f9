import type { Scalar } from "../scalar/scalar.js";
import type { Activation, ActivationFunctions } from "./activation.js";
import { slopeOnSide } from "./slopeOnSide.js";
import { slopeTable } from "./slopeTable.js";

/**
 * σ and σ' of an activation, in arithmetic `S`, read from its {@link slopeTable}.
 *
 * @remarks Every piece of σ is z ↦ s·z, so σ(z) = σ'(z)·z holds at every z,
 * kinks included (σ'(0) contributes 0·0): this is all the conservation laws need.
 */
export function activationFunctions<T>(act: Activation, S: Scalar<T>): ActivationFunctions<T> {
  const text = slopeTable(act);
  const table = { above: S.parse(text.above), below: S.parse(text.below), atZero: S.parse(text.atZero) };
  const slopeAt = (z: T): T => slopeOnSide(table, S.sign(z));
  // σ(z) = s·z, without the product where s is 1 or 0 (the exact kernels' hot path)
  const sigma = (z: T): T => {
    const side = S.sign(z);
    const s = side === 0 ? "0" : slopeOnSide(text, side);
    return s === "1" ? z : s === "0" ? S.zero : S.mul(slopeOnSide(table, side), z);
  };
  return { sigma, slopeAt };
}
