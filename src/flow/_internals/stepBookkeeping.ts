import type { DriftTerms } from "../../invariants/predictedGdDrift.js";
import { packedInvariants } from "../../invariants/packedInvariants.js";
import { predictedGdDrift } from "../../invariants/predictedGdDrift.js";
import { floatInvariants } from "../../net/kernels/floatInvariants.js";
import type { ParamLayout } from "../../net/paramLayout.js";
import { float } from "../../scalar/float.js";
import type { Scalar } from "../../scalar/scalar.js";

/** What gradient descent records at every step besides the loss: c(θ) and the drift the optimiser's identity predicts. */
export interface StepBookkeeping<T> {
  /** c_k(θ) of every hidden neuron, as `neuronInvariants`. */
  invariants(theta: readonly T[]): T[];
  /** `predictedGdDrift(L, update, lr, S, terms)`. */
  predicted(update: readonly T[], terms: DriftTerms<T> | undefined): T[];
}

/**
 * @internal The bookkeeping of a run in `S`: the generic functions, or in
 * float their fast path over the layout's slots with the same roundings (so a
 * float run records the same values either way, only sooner): `floatInvariants`
 * for c, and for plain gradient descent, whose predicted drift η²(‖g_w̃‖² −
 * ‖g_a‖²) is η² times the same square sums taken of the update, `floatInvariants`
 * of the update times η·η. The drift of an optimiser with momentum, decay or
 * Adam's rest is the generic one in float.
 */
export function stepBookkeeping<T>(L: ParamLayout, lr: T, S: Scalar<T>): StepBookkeeping<T> {
  if (S.kind !== "float")
    return {
      invariants: (theta) => packedInvariants(L, theta, S),
      predicted: (update, terms) => predictedGdDrift(L, update, lr, S, terms),
    };
  // T is number here: the float arithmetic holds numbers
  return floatBookkeeping(L, lr as unknown as number) as unknown as StepBookkeeping<T>;
}

function floatBookkeeping(L: ParamLayout, lr: number): StepBookkeeping<number> {
  const lr2 = lr * lr;
  // one entry per hidden neuron (c of θ = 0, of the right length)
  const scratch = floatInvariants(new Float64Array(L.size), L);
  /** The square sums' differences of v, each times `scale` (1·x is x), as a new array: a plain loop, as this runs twice a step. */
  const rows = (v: readonly number[], scale: number): number[] => {
    floatInvariants(v, L, scratch);
    const out = new Array<number>(scratch.length);
    for (let k = 0; k < scratch.length; k++) out[k] = scale * scratch[k]!;
    return out;
  };
  return {
    invariants: (theta) => rows(theta, 1),
    predicted: (update, terms) => (terms === undefined ? rows(update, lr2) : predictedGdDrift(L, update, lr, float, terms)),
  };
}
