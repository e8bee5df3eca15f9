import { InputError } from "../errors.js";
import type { Scalar } from "../scalar/scalar.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * A positively 1-homogeneous activation, σ(λz) = λσ(z) for λ > 0.
 * The leaky slope is kept as the user's exact text.
 */
export type Activation =
  | { readonly kind: "relu" }
  | { readonly kind: "leaky_relu"; readonly slope: string }
  | { readonly kind: "abs" }
  | { readonly kind: "linear" };

/** The names accepted, for messages. */
export const ACTIVATION_NAMES = "relu, leaky_relu:<slope>, abs or linear";

/**
 * Parses `relu`, `leaky_relu:<slope>` (a rational slope such as 1/100), `abs` or `linear`.
 *
 * @throws InputError for any other name or a malformed slope
 * @example parseActivation("leaky_relu:1/10") // returns { kind: "leaky_relu", slope: "1/10" }
 */
export function parseActivation(text: string): Activation {
  if (text === "relu" || text === "abs" || text === "linear") return { kind: text };
  const m = /^leaky_relu:(.+)$/.exec(text);
  if (m !== null) {
    const slope = m[1]!.trim();
    parseRational(slope);
    return { kind: "leaky_relu", slope };
  }
  throw new InputError(`invalid activation. Must be ${ACTIVATION_NAMES}. Value: \`${text}\`.`);
}

/** Text form of an activation, the inverse of {@link parseActivation}. */
export function activationName(act: Activation): string {
  return act.kind === "leaky_relu" ? `leaky_relu:${act.slope}` : act.kind;
}

/** σ and σ' in one arithmetic. */
export interface ActivationFunctions<T> {
  sigma(z: T): T;
  /** The derivative used by the gradient; at 0 it follows PyTorch (relu 0, leaky_relu its slope, abs 0). */
  slopeAt(z: T): T;
}

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
