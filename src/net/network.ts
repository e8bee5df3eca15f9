import type { Activation } from "./activation.js";

/**
 * The two-layer network f(x) = W2 σ(W1 x + b1) + b2 with PyTorch shapes:
 * `W1` l×d, `b1` l, `W2` e×l, `b2` e. A missing bias is absent, not zero:
 * it is neither trained nor counted in the invariants.
 */
export interface Network<T> {
  readonly activation: Activation;
  readonly W1: readonly (readonly T[])[];
  readonly b1?: readonly T[] | undefined;
  readonly W2: readonly (readonly T[])[];
  readonly b2?: readonly T[] | undefined;
}

/** The sizes of a network: input d, width l, output e, and the fan-in d_in = d (+1 with a hidden bias). */
export interface NetworkShape {
  d: number;
  l: number;
  e: number;
  dIn: number;
  hiddenBias: boolean;
  outputBias: boolean;
}
