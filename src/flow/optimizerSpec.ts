import { InputError } from "../errors.js";
import type { DriftTerms } from "../invariants/predictedGdDrift.js";
import type { Scalar } from "../scalar/scalar.js";

/** The optimisers of {@link gradientDescent}, named as in `torch.optim`. */
export const OPTIMIZERS = ["sgd", "adam", "adamw"] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** `torch.optim.SGD`: momentum μ, dampening τ, Nesterov momentum, weight decay λ. */
export interface SgdSpec<T> {
  readonly name: "sgd";
  readonly momentum: T;
  readonly dampening: T;
  readonly nesterov: boolean;
  readonly weightDecay: T;
  /** Whether weight decay applies to the biases too (PyTorch's default); false: a parameter group of biases with weight_decay 0. */
  readonly biasDecay: boolean;
}

/** `torch.optim.Adam` (λθ added to the gradient) or `torch.optim.AdamW` (θ ← θ(1 − ηλ) first). */
export interface AdamSpec<T> {
  readonly name: "adam" | "adamw";
  readonly beta1: T;
  readonly beta2: T;
  readonly eps: T;
  readonly weightDecay: T;
  /** Whether weight decay applies to the biases too (PyTorch's default); false: a parameter group of biases with weight_decay 0. */
  readonly biasDecay: boolean;
}

/** A complete optimiser: every hyper-parameter filled in. */
export type OptimizerSpec<T> = SgdSpec<T> | AdamSpec<T>;

/** The hyper-parameters a caller may give; {@link optimizerSpec} fills the rest with PyTorch's defaults. */
export interface OptimizerOptions<T> {
  name?: string;
  momentum?: T;
  dampening?: T;
  nesterov?: boolean;
  weightDecay?: T;
  /** false: the biases are not decayed (PyTorch parameter groups, weight_decay 0 for every bias); default true. */
  biasDecay?: boolean;
  beta1?: T;
  beta2?: T;
  eps?: T;
}

/**
 * Validates an optimiser and fills PyTorch's defaults: SGD μ = τ = λ = 0 and no
 * Nesterov; Adam β1 = 0.9, β2 = 0.999, ε = 10⁻⁸, λ = 0; AdamW the same with
 * λ = 1/100. As in PyTorch, Nesterov needs μ > 0 and τ = 0. Adam and AdamW take
 * square roots, so exact arithmetic refuses them.
 *
 * @param S - the arithmetic the optimiser will run in
 * @param options - the hyper-parameters given (none: plain SGD)
 * @returns the complete optimiser
 * @throws InputError naming the field: an unknown optimiser, Adam in exact arithmetic, a negative μ, λ or ε,
 *   β outside [0, 1), Nesterov without μ > 0 and τ = 0, or a hyper-parameter of the other family
 * @example optimizerSpec(exact, { momentum: exact.parse("9/10") }).name // returns "sgd"
 */
export function optimizerSpec<T>(S: Scalar<T>, options: OptimizerOptions<T> = {}): OptimizerSpec<T> {
  const given = options.name ?? "sgd";
  if (!(OPTIMIZERS as readonly string[]).includes(given))
    throw new InputError({ field: "optimizer", expected: `one of ${OPTIMIZERS.join(", ")}`, value: given });
  const name = given as OptimizerName;
  const nonNegative = (field: keyof OptimizerOptions<T>, v: T): T => {
    if (S.sign(v) < 0) throw new InputError({ field, expected: "non-negative", value: S.toString(v) });
    return v;
  };
  if (name === "sgd") {
    for (const field of ["beta1", "beta2", "eps"] as const)
      if (options[field] !== undefined)
        throw new InputError({
          field,
          expected: "given only with Adam or AdamW",
          value: S.toString(options[field]),
          note: "SGD has no such hyper-parameter.",
        });
    const momentum = nonNegative("momentum", options.momentum ?? S.zero);
    const dampening = options.dampening ?? S.zero;
    const nesterov = options.nesterov ?? false;
    if (nesterov && (S.sign(momentum) <= 0 || S.sign(dampening) !== 0))
      throw new InputError({
        field: "nesterov",
        expected: "used with a positive momentum and zero dampening (as in torch.optim.SGD)",
        value: `momentum ${S.toString(momentum)}, dampening ${S.toString(dampening)}`,
      });
    return {
      name,
      momentum,
      dampening,
      nesterov,
      weightDecay: nonNegative("weightDecay", options.weightDecay ?? S.zero),
      biasDecay: options.biasDecay ?? true,
    };
  }
  if (S.kind === "exact")
    throw new InputError({
      field: "optimizer",
      expected: "sgd in exact arithmetic",
      value: name,
      note: "Adam and AdamW take square roots: use decimal or float arithmetic.",
    });
  for (const field of ["momentum", "dampening"] as const)
    if (options[field] !== undefined)
      throw new InputError({
        field,
        expected: "given only with SGD",
        value: S.toString(options[field]),
        note: "Adam has no such hyper-parameter.",
      });
  if (options.nesterov) throw new InputError({ field: "nesterov", expected: "given only with SGD", value: "true" });
  const beta = (field: "beta1" | "beta2", v: T): T => {
    if (S.sign(v) < 0 || S.cmp(v, S.one) >= 0) throw new InputError({ field, expected: "in [0, 1)", value: S.toString(v) });
    return v;
  };
  return {
    name,
    beta1: beta("beta1", options.beta1 ?? S.parse("0.9")),
    beta2: beta("beta2", options.beta2 ?? S.parse("0.999")),
    eps: nonNegative("eps", options.eps ?? S.parse("1e-8")),
    weightDecay: nonNegative("weightDecay", options.weightDecay ?? (name === "adamw" ? S.parse("1/100") : S.zero)),
    biasDecay: options.biasDecay ?? true,
  };
}

/**
 * One optimiser step θ′ from θ and the mini-batch gradient, with what its drift identity needs.
 * Every vector is flat, in the order of the network's `ParamLayout` (PyTorch `state_dict`).
 */
export interface OptimizerStep<T> {
  /** θ′, computed in the order PyTorch computes it. */
  next: T[];
  /** u with θ′ = θ − η·u (for AdamW, u = λθ + m̂/(√v̂ + ε)). */
  update: T[];
  /** The first-order pieces of the drift that the rescaling identity does not cancel; none for plain gradient descent. */
  terms?: DriftTerms<T>;
}

/**
 * A stateful optimiser on flat parameter vectors (it keeps its momentum buffer or moments between calls).
 * Built with a `decayed` mask (true where weight decay applies; every parameter when absent).
 */
export type OptimizerStepper<T> = (theta: readonly T[], grad: readonly T[]) => OptimizerStep<T>;
