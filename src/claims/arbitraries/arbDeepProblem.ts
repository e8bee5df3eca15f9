import fc from "fast-check";
import { at } from "../../scalar/at.js";
import type { Dataset } from "../../net/readDataset.js";
import { forward } from "../../net/forward.js";
import type { Layer, LayeredNetwork } from "../../net/layeredNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbActivation, ALL_ACTIVATION_KINDS, type ActivationKind } from "./arbActivation.js";
import type { SizeRange } from "./arbProblem.js";
import { arbRational, type RationalConstraints } from "./arbRational.js";
import { sizeRange } from "../_internals/sizeRange.js";

/** A network of any depth and its training set, both as exact text. */
export interface DeepProblem {
  net: LayeredNetwork<string>;
  data: Dataset<string>;
}

/** Constraints of {@link arbDeepProblem}. */
export interface DeepProblemConstraints {
  /** Number of weight layers L (default 2..4; shrinks toward the fewest). */
  depth?: SizeRange;
  /** Input dimension n_0 (default 1..2). */
  inputs?: SizeRange;
  /** Width of every hidden layer, drawn layer by layer (default 1..3). */
  width?: SizeRange;
  /** Output dimension n_L (default 1..1). */
  outputs?: SizeRange;
  /** Number of data points n (default 1..3). */
  points?: SizeRange;
  /** Activations to draw from (default all four homogeneous kinds; shrinks toward the first). */
  activations?: readonly ActivationKind[];
  /** A bias on each weight layer: always, never or `maybe` (default: drawn per layer; shrinks toward none). */
  biases?: boolean | "maybe";
  /** Size of the weights and biases (default |num| ≤ 3, den ≤ 2: exact values grow with every layer). */
  weights?: RationalConstraints;
  /** Size of the inputs x (default |num| ≤ 4, den ≤ 2). */
  inputValues?: RationalConstraints;
  /** Size of the targets y (default |num| ≤ 4, den ≤ 2). */
  targetValues?: RationalConstraints;
  /**
   * Allow hidden neurons of any layer placed exactly on a kink, z_{l,k,i} = 0 for a drawn
   * point i (default true): the bias, or one incoming weight, is solved for in exact rationals.
   */
  kinks?: boolean;
}

const fixedArray = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T[]> => fc.array(arb, { minLength: n, maxLength: n });

interface DeepDraw {
  L: number;
  d: number;
  hidden: number[];
  e: number;
  activation: LayeredNetwork<string>["activation"];
  hasBias: boolean[];
  W: string[][][];
  b: string[][];
  points: [string[], string[]][];
  kinkAt: (number | undefined)[][];
}

/**
 * Sets z = w·a (+ b) to 0 exactly: with a bias the bias absorbs it; otherwise the first
 * weight on a non-zero input is solved for (a zero input with no bias is on the kink already).
 */
function onKink(w: readonly string[], b: string | undefined, a: readonly Rational[]): { w: string[]; b: string | undefined } {
  const wq = w.map(exact.parse);
  let z: Rational = exact.zero;
  wq.forEach((v, m) => {
    z = exact.add(z, exact.mul(v, at(a, m)));
  });
  if (b !== undefined) return { w: [...w], b: exact.toString(exact.neg(z)) };
  const m = a.findIndex((v) => exact.sign(v) !== 0);
  if (m < 0) return { w: [...w], b };
  const rest = exact.sub(z, exact.mul(at(wq, m), at(a, m)));
  const out = [...w];
  out[m] = exact.toString(exact.div(exact.neg(rest), at(a, m)));
  return { w: out, b };
}

function buildDeep(r: DeepDraw): DeepProblem {
  const widths = [r.d, ...r.hidden.slice(0, r.L - 1), r.e];
  const X = r.points.map(([x]) => x.slice(0, r.d));
  const Y = r.points.map(([, y]) => y.slice(0, r.e));
  const layers: Layer<string>[] = [];
  for (let l = 0; l < r.L; l++) {
    // the output layer takes the last drawn matrix, so that shrinking the depth keeps the output's values
    const src = l === r.L - 1 ? r.W.length - 1 : l;
    const W = at(r.W, src)
      .slice(0, at(widths, l + 1))
      .map((row) => row.slice(0, at(widths, l)));
    const b = r.hasBias[src] ? at(r.b, src).slice(0, at(widths, l + 1)) : undefined;
    layers.push({ W, b });
  }
  const Xq = X.map((x) => x.map(exact.parse));
  // hidden layers in order: moving layer l onto a kink changes only what later layers see
  for (let l = 0; l + 1 < r.L; l++) {
    const wanted = at(r.kinkAt, l).slice(0, at(widths, l + 1));
    if (wanted.every((i) => i === undefined || i >= X.length)) continue;
    const inputs = at(forward(layerIn({ activation: r.activation, layers }), Xq, exact).inputs, l);
    const { W, b } = at(layers, l);
    const W2 = W.map((row) => [...row]);
    const b2 = b ? [...b] : undefined;
    wanted.forEach((i, k) => {
      if (i === undefined || i >= X.length) return;
      const moved = onKink(at(W, k), b?.[k], at(inputs, i));
      W2[k] = moved.w;
      if (b2 && moved.b !== undefined) b2[k] = moved.b;
    });
    layers[l] = { W: W2, b: b2 };
  }
  return { net: { activation: r.activation, layers }, data: { X, Y } };
}

function layerIn(net: LayeredNetwork<string>): LayeredNetwork<Rational> {
  return {
    activation: net.activation,
    layers: net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(exact.parse)), b: b?.map(exact.parse) })),
  };
}

/**
 * Random small fully connected networks of any depth with a matching data set, as exact
 * text: L weight layers (default 2 to 4), hidden widths drawn layer by layer, a bias or
 * none on each layer, every homogeneous activation, and optionally hidden neurons of any
 * layer placed exactly on the kink of a data point. Sizes are drawn first and the values of
 * a maximal network are sliced to them, so shrinking removes layers, neurons and points
 * independently of the values, and every value shrinks toward 0 with a small denominator.
 *
 * @param constraints - depth, sizes, activations, biases, value sizes, kinks
 * @returns an arbitrary of `{ net, data }` whose widths match (n_0 inputs and n_L targets per point)
 * @throws Error naming the constraint when a size range is not whole numbers with 1 <= min <= max <= 64
 * @example fc.sample(arbDeepProblem({ depth: { min: 3, max: 3 } }), 5).every((p) => p.net.layers.length === 3) // returns true
 */
export function arbDeepProblem(constraints: DeepProblemConstraints = {}): fc.Arbitrary<DeepProblem> {
  const depth = sizeRange(constraints.depth, 2, 4, "depth");
  if (depth.min < 2)
    throw new Error(`arbDeepProblem: invalid depth. Must be at least 2 weight layers. Value: \`${JSON.stringify(constraints.depth)}\`.`);
  const d = sizeRange(constraints.inputs, 1, 2, "inputs");
  const h = sizeRange(constraints.width, 1, 3, "width");
  const e = sizeRange(constraints.outputs, 1, 1, "outputs");
  const n = sizeRange(constraints.points, 1, 3, "points");
  const wide = Math.max(d.max, h.max, e.max);
  const w = arbRational(constraints.weights ?? { maxNum: 3, maxDen: 2 });
  const xv = arbRational(constraints.inputValues ?? { maxNum: 4, maxDen: 2 });
  const yv = arbRational(constraints.targetValues ?? { maxNum: 4, maxDen: 2 });
  const bias = constraints.biases;
  const biasFlag = bias === undefined || bias === "maybe" ? fc.boolean() : fc.constant(bias);
  const kinks = constraints.kinks ?? true;
  return fc
    .record({
      L: fc.integer(depth),
      d: fc.integer(d),
      hidden: fixedArray(fc.integer(h), depth.max - 1),
      e: fc.integer(e),
      activation: arbActivation(constraints.activations ?? ALL_ACTIVATION_KINDS),
      hasBias: fixedArray(biasFlag, depth.max),
      W: fixedArray(fixedArray(fixedArray(w, wide), wide), depth.max),
      b: fixedArray(fixedArray(w, wide), depth.max),
      points: fc.array(fc.tuple(fixedArray(xv, d.max), fixedArray(yv, e.max)), { minLength: n.min, maxLength: n.max, size: "max" }),
      kinkAt: kinks
        ? fixedArray(fixedArray(fc.option(fc.nat({ max: n.max - 1 }), { freq: 3, nil: undefined }), h.max), depth.max - 1)
        : fc.constant(Array.from({ length: depth.max - 1 }, () => [] as (number | undefined)[])),
    })
    .map(buildDeep);
}
