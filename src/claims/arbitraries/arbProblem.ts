import fc from "fast-check";
import { at } from "../../scalar/at.js";
import type { Activation } from "../../net/activation.js";
import type { Dataset } from "../../net/readDataset.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbActivation, ALL_ACTIVATION_KINDS, type ActivationKind } from "./arbActivation.js";
import { arbRational, type RationalConstraints } from "./arbRational.js";
import { sizeRange } from "../_internals/sizeRange.js";

/** A network and its training set, both as exact text: what every relutopo command reads. */
export interface Problem {
  net: LayeredNetwork<string>;
  data: Dataset<string>;
}

/** An inclusive range of sizes; shrinking moves toward `min`. */
export interface SizeRange {
  min?: number;
  max?: number;
}

/** Constraints of {@link arbProblem}. */
export interface ProblemConstraints {
  /** Input dimension d (default 1..2). */
  inputs?: SizeRange;
  /** Width l, the number of hidden neurons (default 1..3). */
  width?: SizeRange;
  /** Output dimension e (default 1..1). */
  outputs?: SizeRange;
  /** Number of data points n (default 1..3). */
  points?: SizeRange;
  /** Activations to draw from (default all four homogeneous kinds; shrinks toward the first). */
  activations?: readonly ActivationKind[];
  /** Hidden bias b1: always, never or `maybe` (default; shrinks toward none). */
  hiddenBias?: boolean | "maybe";
  /** Output bias b2: always, never or `maybe` (default). */
  outputBias?: boolean | "maybe";
  /** Size of the weights (default |num| ≤ 6, den ≤ 4). */
  weights?: RationalConstraints;
  /** Size of the inputs x (default |num| ≤ 4, den ≤ 2). */
  inputValues?: RationalConstraints;
  /** Size of the targets y (default |num| ≤ 4, den ≤ 2). */
  targetValues?: RationalConstraints;
  /**
   * Allow hidden neurons placed exactly on a kink, z_{k,i} = w̃_k·x̃_i = 0 for a drawn point i
   * (default true): the bias, or one weight, is solved for in exact rationals.
   */
  kinks?: boolean;
}

function biasFlag(v: boolean | "maybe" | undefined): fc.Arbitrary<boolean> {
  return v === undefined || v === "maybe" ? fc.boolean() : fc.constant(v);
}

const fixedArray = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T[]> => fc.array(arb, { minLength: n, maxLength: n });

/**
 * Puts neuron k exactly on the kink of point x: z = w·x (+ b) = 0. With a hidden bias the
 * bias absorbs it; otherwise the first weight on a non-zero input coordinate is solved for.
 */
function onKink(w: string[], b: string | undefined, x: readonly string[]): { w: string[]; b: string | undefined } {
  const wq = w.map(exact.parse);
  const xq = x.map(exact.parse);
  let z: Rational = exact.zero;
  wq.forEach((v, m) => {
    z = exact.add(z, exact.mul(v, at(xq, m)));
  });
  if (b !== undefined) return { w, b: exact.toString(exact.neg(z)) };
  const m = xq.findIndex((v) => exact.sign(v) !== 0);
  if (m < 0) return { w, b };
  const rest = exact.sub(z, exact.mul(at(wq, m), at(xq, m)));
  const out = [...w];
  out[m] = exact.toString(exact.div(exact.neg(rest), at(xq, m)));
  return { w: out, b };
}

/**
 * Random small networks with a data set, as exact text. Sizes are drawn first
 * and the weights of a maximal network are sliced to them, so shrinking removes
 * neurons, inputs, outputs and points independently of the values, and every
 * value shrinks toward 0 with a small denominator. Optionally some neurons sit
 * exactly on a kink of a data point. Every size is drawn uniformly in [min, max] (fast-check
 * leans a share of the early runs toward min), so each maximum is reached: a bound m
 * shows up about once per m cases.
 *
 * @param constraints - sizes, activations, biases, value sizes, kinks
 * @example fc.sample(arbProblem({ width: { max: 2 } }), 10).every((p) => p.net.layers[0].W.length <= 2) // returns true
 */
export function arbProblem(constraints: ProblemConstraints = {}): fc.Arbitrary<Problem> {
  const d = sizeRange(constraints.inputs, 1, 2, "inputs");
  const l = sizeRange(constraints.width, 1, 3, "width");
  const e = sizeRange(constraints.outputs, 1, 1, "outputs");
  const n = sizeRange(constraints.points, 1, 3, "points");
  const w = arbRational(constraints.weights ?? {});
  const xv = arbRational(constraints.inputValues ?? { maxNum: 4, maxDen: 2 });
  const yv = arbRational(constraints.targetValues ?? { maxNum: 4, maxDen: 2 });
  const kinks = constraints.kinks ?? true;
  return fc
    .record({
      d: fc.integer(d),
      l: fc.integer(l),
      e: fc.integer(e),
      activation: arbActivation(constraints.activations ?? ALL_ACTIVATION_KINDS),
      hasB1: biasFlag(constraints.hiddenBias),
      hasB2: biasFlag(constraints.outputBias),
      W1: fixedArray(fixedArray(w, d.max), l.max),
      b1: fixedArray(w, l.max),
      W2: fixedArray(fixedArray(w, l.max), e.max),
      b2: fixedArray(w, e.max),
      points: fc.array(fc.tuple(fixedArray(xv, d.max), fixedArray(yv, e.max)), { minLength: n.min, maxLength: n.max, size: "max" }),
      kinkAt: kinks
        ? fixedArray(fc.option(fc.nat({ max: n.max - 1 }), { freq: 3, nil: undefined }), l.max)
        : fc.constant([] as (number | undefined)[]),
    })
    .map((r) => build(r));
}

interface Draw {
  d: number;
  l: number;
  e: number;
  activation: Activation;
  hasB1: boolean;
  hasB2: boolean;
  W1: string[][];
  b1: string[];
  W2: string[][];
  b2: string[];
  points: [string[], string[]][];
  kinkAt: (number | undefined)[];
}

function build(r: Draw): Problem {
  const X = r.points.map(([x]) => x.slice(0, r.d));
  const Y = r.points.map(([, y]) => y.slice(0, r.e));
  let W1 = r.W1.slice(0, r.l).map((row) => row.slice(0, r.d));
  let b1 = r.hasB1 ? r.b1.slice(0, r.l) : undefined;
  for (let k = 0; k < r.l; k++) {
    const i = r.kinkAt[k];
    if (i === undefined || i >= X.length) continue;
    const moved = onKink(at(W1, k), b1?.[k], at(X, i));
    W1 = W1.map((row, j) => (j === k ? moved.w : row));
    if (b1 && moved.b !== undefined) b1 = b1.map((v, j) => (j === k ? moved.b! : v));
  }
  const net: LayeredNetwork<string> = {
    activation: r.activation,
    layers: [
      { W: W1, b: b1 },
      { W: r.W2.slice(0, r.e).map((row) => row.slice(0, r.l)), b: r.hasB2 ? r.b2.slice(0, r.e) : undefined },
    ],
  };
  return { net, data: { X, Y } };
}
