import fc from "fast-check";
import { at } from "../../scalar/at.js";
import type { Activation } from "../../net/activation.js";
import { exact } from "../../scalar/exact.js";

/** The kinds {@link arbActivation} may draw; `leaky_relu` gets a random rational slope. */
export type ActivationKind = Activation["kind"];

/** Every homogeneous activation relutopo knows, relu first (the one shrinking ends at). */
export const ALL_ACTIVATION_KINDS: readonly ActivationKind[] = ["relu", "leaky_relu", "abs", "linear"];

/**
 * Homogeneous activations: relu, leaky_relu with a slope p/q in [−1, 1] (q ≤ 10), abs and linear.
 * Shrinks toward the first kind listed (relu by default).
 *
 * @param kinds - the kinds to draw from, in shrinking order
 * @example fc.sample(arbActivation(["abs"]), 2) // returns [{ kind: "abs" }, { kind: "abs" }]
 */
export function arbActivation(kinds: readonly ActivationKind[] = ALL_ACTIVATION_KINDS): fc.Arbitrary<Activation> {
  if (kinds.length === 0) throw new Error("arbActivation: invalid kinds. Must name at least one activation. Value: `[]`.");
  const slope = fc.tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 10 })).filter(([p, q]) => Math.abs(p) <= q);
  const one = (kind: ActivationKind): fc.Arbitrary<Activation> =>
    kind === "leaky_relu"
      ? slope.map(([p, q]): Activation => ({ kind: "leaky_relu", slope: exact.toString(exact.fromRational(BigInt(p), BigInt(q))) }))
      : fc.constant<Activation>({ kind });
  return kinds.length === 1 ? one(at(kinds, 0)) : fc.oneof({ withCrossShrink: true }, ...kinds.map(one));
}
