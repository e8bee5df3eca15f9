import { InputError } from "../errors.js";
import { parseRational } from "../scalar/parseRational.js";
import { numerator, rational, rationalText } from "../scalar/bigintMath.js";
import type { Rational } from "../scalar/exact.js";
import { INIT_SCHEMES, type InitScheme } from "./probabilityLimits.js";

export { INIT_SCHEMES, type InitScheme };

/** A scheme by name, or explicit Gaussian variances σ_w² and σ_a² (exact rationals as text). */
export type Initialisation = { scheme: InitScheme } | { sigmaW2: string; sigmaA2: string };

/**
 * The law of one hidden neuron's (w, a) ∈ R^{d_in} × R^e under an
 * initialisation: every coordinate of w is N(0, w2) (normal) or U(−√w2, √w2)
 * (uniform), every coordinate of a likewise with a2. `w2` and `a2` are exact.
 */
export interface NeuronLaw {
  distribution: "normal" | "uniform";
  /** variance (normal) or squared half-width (uniform) of each coordinate of w */
  w2: Rational;
  /** variance (normal) or squared half-width (uniform) of each coordinate of a */
  a2: Rational;
  /** printable name: the scheme, or `sigma-w2=A,sigma-a2=B` */
  name: string;
}

/**
 * The exact per-coordinate scales of w (fan-in `dIn`: the input dimension d,
 * plus 1 when the hidden layer has a bias, whose entry is drawn like the
 * weights) and of a (the `e` output weights of the neuron), for width `width`.
 *
 * - kaiming-normal: σ_w² = 2/d_in, σ_a² = 2/l. lecun-normal: 1/d_in, 1/l.
 *   xavier-normal: 2/(d_in + l), 2/(l + e) (docs/theory.md §5).
 * - kaiming-uniform: U(±√(6/d_in)), U(±√(6/l)) (PyTorch `kaiming_uniform_`,
 *   gain √2, same variances as kaiming-normal). xavier-uniform:
 *   U(±√(6/(d_in + l))), U(±√(6/(l + e))).
 * - pytorch-default: what `nn.Linear` does at construction. Its weight gets
 *   `kaiming_uniform_(a=√5)`, i.e. U(±1/√in_features), and its bias
 *   U(±1/√in_features) too, so every one of the d_in = d + 1 entries of w is
 *   U(±1/√(d_in − 1)) (the hidden layer has a bias: d_in ≥ 2); a is a column
 *   of the output layer's weight, U(±1/√l).
 *
 * @throws InputError for pytorch-default with d_in < 2, or non-positive variances
 */
export function neuronLaw(init: Initialisation, dIn: number, width: number, e: number): NeuronLaw {
  if (!("scheme" in init)) {
    const w2 = positive(init.sigmaW2, "sigmaW2");
    const a2 = positive(init.sigmaA2, "sigmaA2");
    return { distribution: "normal", w2, a2, name: `sigma-w2=${rationalText(w2)},sigma-a2=${rationalText(a2)}` };
  }
  const name = init.scheme;
  switch (init.scheme) {
    case "kaiming-normal":
      return { distribution: "normal", w2: rational(2, dIn), a2: rational(2, width), name };
    case "lecun-normal":
      return { distribution: "normal", w2: rational(1, dIn), a2: rational(1, width), name };
    case "xavier-normal":
      return { distribution: "normal", w2: rational(2, dIn + width), a2: rational(2, width + e), name };
    case "kaiming-uniform":
      return { distribution: "uniform", w2: rational(6, dIn), a2: rational(6, width), name };
    case "xavier-uniform":
      return { distribution: "uniform", w2: rational(6, dIn + width), a2: rational(6, width + e), name };
    case "pytorch-default":
      if (dIn < 2)
        throw new InputError({
          field: "dIn",
          expected: "at least 2 for pytorch-default (it has a hidden bias, so d_in = in_features + 1)",
          value: String(dIn),
        });
      return { distribution: "uniform", w2: rational(1, dIn - 1), a2: rational(1, width), name };
  }
}

function positive(text: string, field: string): Rational {
  const { num, den } = parseRational(text);
  const r = rational(num, den);
  if (numerator(r) <= 0n) throw new InputError({ field, expected: "a positive number", value: text });
  return r;
}
