import { InputError } from "../../errors.js";
import { fixedSlopes } from "./_internals/fixedSlopes.js";
import type { Dataset } from "../readDataset.js";
import type { LossKind } from "../loss.js";
import { isSquared, lossCount } from "../_internals/lossScale.js";
import type { Network } from "../network.js";
import type { ParamLayout } from "../paramLayout.js";
import { outgoingSlots } from "../outgoingSlots.js";
import { incomingSlots } from "../incomingSlots.js";
import { packNetwork } from "../packNetwork.js";
import { unpackNetwork } from "../unpackNetwork.js";
import { layoutOf } from "../layoutOf.js";
import { decimalContext, type DecimalCtor } from "../../scalar/decimalContext.js";
import { fixedToRationalText, parseFixed, type Fixed } from "../../scalar/fixedPoint.js";

/**
 * A two-layer network and its data compiled to fixed point (integers scaled by
 * 2^P): what the fixed-point field and the Taylor series read. θ is one flat
 * bigint vector in the order of `layout` (PyTorch `state_dict`); the slot
 * tables below are computed from it once, so the hot loops index θ directly.
 *
 * @internal
 */
export interface FixedNet {
  readonly F: Fixed;
  readonly layout: ParamLayout;
  readonly n: number;
  readonly l: number;
  readonly e: number;
  readonly d: number;
  /** Fan-in of a hidden neuron: d, plus 1 with a hidden bias. */
  readonly dIn: number;
  readonly hiddenBias: boolean;
  readonly outputBias: boolean;
  /** Length of θ. */
  readonly size: number;
  /** inSlots[k][m]: θ index of w̃_k[m] (W1[k][m], then b1[k] at m = d), the layout's incoming slots of neuron k. */
  readonly inSlots: readonly (readonly number[])[];
  /** outSlots[k][j]: θ index of W2[j][k], the layout's outgoing slots of neuron k. */
  readonly outSlots: readonly (readonly number[])[];
  /** outBiasSlots[j]: θ index of b2[j] (empty without an output bias). */
  readonly outBiasSlots: readonly number[];
  /** Extended inputs x̃_i = (x_i, 1 with a hidden bias), n × dIn, so that z = Σ_m θ[inSlots[k][m]]·x̃_i[m]. */
  readonly X: bigint[][];
  /** Targets, n × e. */
  readonly Y: bigint[][];
  /**
   * Row i of the Gram matrix, x̃_i·x̃_j for every j, computed when first asked (only sliding
   * points need it): the whole n × n matrix of a large data set does not fit in memory.
   */
  readonly gramRow: (i: number) => readonly bigint[];
  /** σ' on the positive side, on the negative side, and at 0 exactly (PyTorch). */
  readonly sPlus: bigint;
  readonly sMinus: bigint;
  readonly sZero: bigint;
  /** True when σ has a kink (s+ ≠ s−). */
  readonly kinked: boolean;
  /** (2 for mse and sse-mean, 1 for bce) / (n·e for mse, n otherwise): dL/df_ij = rScale·(f − y) or rScale·(σ(f) − y). */
  readonly rScale: bigint;
  readonly loss: LossKind;
  /** True when ‖x̃_i‖ = 0 (its pre-activations never move). */
  readonly nullPoint: boolean[];
  /** Working precision in decimal digits of the decimal.js edge computations (exp, logistic). */
  readonly edgeDigits: number;
  /** decimal.js at edgeDigits. */
  readonly Dec: DecimalCtor;
}

/**
 * Compiles a two-layer network of exact text and its data to the fixed-point format `F`.
 *
 * @returns the compiled net and θ(0) in its layout
 * @throws InputError for a network that is not two-layer (the fixed-point kernels are)
 * @internal
 */
export function compileFixedNet(
  net: Network<string>,
  data: Dataset<string>,
  F: Fixed,
  loss: LossKind,
): { net: FixedNet; theta0: bigint[] } {
  const layout = layoutOf(net);
  if (layout.depth !== 2) throw new InputError({ field: "net", expected: "a two-layer network", value: layout.widths.join(",") });
  const [d, l, e] = layout.widths as [number, number, number];
  const hiddenBias = layout.bias[0]!;
  const outputBias = layout.bias[1]!;
  const dIn = d + (hiddenBias ? 1 : 0);
  const n = data.X.length;
  const X = data.X.map((row) => [...row.map((v) => parseFixed(F, v)), ...(hiddenBias ? [F.ONE] : [])]);
  const Y = data.Y.map((row) => row.map((v) => parseFixed(F, v)));
  const gramRows = new Map<number, bigint[]>();
  const gramRow = (i: number): readonly bigint[] => {
    let row = gramRows.get(i);
    if (row === undefined) {
      const xi = X[i]!;
      row = X.map((xj) => xi.reduce((s, v, m) => s + v * xj[m]!, 0n) >> F.bigP);
      gramRows.set(i, row);
    }
    return row;
  };
  const { sPlus, sMinus, sZero } = fixedSlopes(net.activation, F);
  const edgeDigits = Math.ceil(F.P / Math.log2(10)) + 10;
  const range = (len: number): number[] => Array.from({ length: len }, (_, i) => i);
  const fixedNet: FixedNet = {
    F,
    layout,
    n,
    l,
    e,
    d,
    dIn,
    hiddenBias,
    outputBias,
    size: layout.size,
    inSlots: range(l).map((k) => incomingSlots(layout, 1, k)),
    outSlots: range(l).map((k) => outgoingSlots(layout, 1, k)),
    outBiasSlots: outputBias ? range(e).map((j) => layout.biasOffset[1]! + j) : [],
    X,
    Y,
    gramRow,
    sPlus,
    sMinus,
    sZero,
    kinked: sPlus !== sMinus,
    rScale: parseFixed(F, `${isSquared(loss) ? 2 : 1}/${lossCount(loss, n, e)}`),
    loss,
    nullPoint: X.map((x) => x.every((v) => v === 0n)),
    edgeDigits,
    Dec: decimalContext(edgeDigits, { notation: "decimal.js" }),
  };
  return { net: fixedNet, theta0: packNetwork(net).map((v) => parseFixed(F, v)) };
}

/** θ as a network whose entries are exact rational text "V/2^P" (convert with any Scalar's parse). @internal */
export function fixedToNetwork(p: FixedNet, theta: readonly bigint[]): Network<string> {
  return unpackNetwork(
    theta.map((v) => fixedToRationalText(p.F, v)),
    p.layout,
  );
}
