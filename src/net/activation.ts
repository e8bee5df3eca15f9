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

/** σ and σ' in one arithmetic. */
export interface ActivationFunctions<T> {
  sigma(z: T): T;
  /** The derivative used by the gradient; at 0 it follows PyTorch (relu 0, leaky_relu its slope, abs 0). */
  slopeAt(z: T): T;
}
