import fc from "fast-check";
import { at } from "../../scalar/at.js";
import type { Dataset } from "../../net/readDataset.js";
import type { Layer, LayeredNetwork, Pooling } from "../../net/layeredNetwork.js";
import { arbActivation, ALL_ACTIVATION_KINDS, type ActivationKind } from "./arbActivation.js";
import type { SizeRange } from "./arbProblem.js";
import { arbRational, type RationalConstraints } from "./arbRational.js";
import { sizeRange } from "../_internals/sizeRange.js";

/** A small convolutional network and its training set, both as exact text; a data row is one input tensor flattened channel-major. */
export interface ConvProblem {
  net: LayeredNetwork<string>;
  data: Dataset<string>;
}

/** Constraints of {@link arbConvProblem}. */
export interface ConvProblemConstraints {
  /** Number of convolutions before the flatten (default 1..2). */
  convolutions?: SizeRange;
  /** Spatial dimensions to draw from: 1 for `Conv1d`, 2 for `Conv2d` (default both; shrinks toward the first). */
  dimensions?: readonly (1 | 2)[];
  /** Input channels and the output channels of each convolution, drawn one by one (default 1..3). */
  channels?: SizeRange;
  /** Size of each spatial dimension of the input (default 1..4). */
  size?: SizeRange;
  /** Kernel size per spatial dimension, cut to what the padded input holds (default 1..3). */
  kernel?: SizeRange;
  /** Stride per spatial dimension (default 1..2). */
  stride?: SizeRange;
  /** Largest zero padding per spatial dimension (default 1; each is drawn from 0 up to it). */
  padding?: number;
  /** Poolings to draw from after each convolution's activation, or none (default max and avg; `[]`: never pool). */
  pooling?: readonly Pooling["kind"][];
  /** Output dimension of the final linear layer (default 1..1). */
  outputs?: SizeRange;
  /** Number of data points (default 1..3). */
  points?: SizeRange;
  /** Activations to draw from (default all four homogeneous kinds). */
  activations?: readonly ActivationKind[];
  /** A bias on each layer: always, never or `maybe` (default: drawn per layer). */
  biases?: boolean | "maybe";
  /** Size of the weights and biases (default |num| ≤ 2, den ≤ 2). */
  weights?: RationalConstraints;
  /** Size of the inputs (default |num| ≤ 3, den ≤ 2). */
  inputValues?: RationalConstraints;
  /** Size of the targets (default |num| ≤ 3, den ≤ 2). */
  targetValues?: RationalConstraints;
}

const fixedArray = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T[]> => fc.array(arb, { minLength: n, maxLength: n });
const product = (xs: readonly number[]): number => xs.reduce((p, x) => p * x, 1);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const divisors = (n: number): number[] => Array.from({ length: n }, (_, k) => k + 1).filter((k) => n % k === 0);

interface ConvDraw {
  L: number;
  dims: 1 | 2;
  inChannels: number;
  outChannels: number[];
  groupPick: number[];
  size: number[];
  kernel: number[][];
  stride: number[][];
  padding: number[][];
  pool: ({ kind: Pooling["kind"]; kernel: number[] } | undefined)[];
  e: number;
  activation: LayeredNetwork<string>["activation"];
  hasBias: boolean[];
  /** Per layer (the linear layer last), the values of a maximal matrix, row r at r · `columns[l]`. */
  W: string[][];
  columns: number[];
  b: string[][];
  points: [string[], string[]][];
}

function buildConv(r: ConvDraw): ConvProblem {
  const size0 = r.size.slice(0, r.dims);
  let channels = r.inChannels;
  let size = size0;
  const matrix = (l: number, rows: number, columns: number): string[][] =>
    Array.from({ length: rows }, (_, i) => at(r.W, l).slice(i * at(r.columns, l), i * at(r.columns, l) + columns));
  const bias = (l: number, rows: number): string[] | undefined => (at(r.hasBias, l) ? at(r.b, l).slice(0, rows) : undefined);
  const layers: Layer<string>[] = [];
  for (let l = 0; l < r.L; l++) {
    const padding = at(r.padding, l).slice(0, r.dims);
    // a kernel never larger than the padded input, so every drawn size gives a network that runs
    const kernel = at(r.kernel, l)
      .slice(0, r.dims)
      .map((k, d) => Math.min(k, at(size, d) + 2 * at(padding, d)));
    const stride = at(r.stride, l).slice(0, r.dims);
    const out = at(r.outChannels, l);
    const choices = divisors(gcd(channels, out));
    const groups = at(choices, at(r.groupPick, l) % choices.length);
    size = size.map((n, d) => Math.floor((n + 2 * at(padding, d) - at(kernel, d)) / at(stride, d)) + 1);
    const drawn = r.pool[l];
    let pool: Pooling | undefined;
    if (drawn !== undefined) {
      // PyTorch's default pooling stride is its kernel
      const window = drawn.kernel.slice(0, r.dims).map((k, d) => Math.min(k, at(size, d)));
      pool = { kind: drawn.kind, kernel: window, stride: window };
      size = size.map((n, d) => Math.floor((n - at(window, d)) / at(window, d)) + 1);
    }
    layers.push({
      W: matrix(l, out, (channels / groups) * product(kernel)),
      b: bias(l, out),
      conv: { kernel, groups, stride, padding },
      ...(pool === undefined ? {} : { pool }),
    });
    channels = out;
  }
  const last = r.W.length - 1;
  layers.push({ W: matrix(last, r.e, channels * product(size)), b: bias(last, r.e) });
  const width = r.inChannels * product(size0);
  return {
    net: { activation: r.activation, layers, input: { channels: r.inChannels, size: size0 } },
    data: { X: r.points.map(([x]) => x.slice(0, width)), Y: r.points.map(([, y]) => y.slice(0, r.e)) },
  };
}

/**
 * Random small convolutional networks with a matching data set, as exact text: 1 or 2 `Conv1d` or
 * `Conv2d` layers (kernel 1–3, stride 1–2, padding 0–1, groups wherever the channel counts share a
 * divisor), each followed by the activation and optionally max or average pooling, then PyTorch's
 * `flatten` and a linear output layer. Sizes are drawn first and the values of a maximal network are
 * sliced to them, so shrinking removes layers, channels, positions and points independently of the
 * values, and every value shrinks toward 0 with a small denominator.
 *
 * @param constraints - sizes, kernels, strides, paddings, poolings, activations, biases, value sizes
 * @returns an arbitrary of `{ net, data }` whose data rows are input channels × spatial size wide
 * @throws Error naming the constraint when a size range is not whole numbers with 1 <= min <= max <= 64, or the padding or a dimension is out of range
 * @example fc.sample(arbConvProblem({ convolutions: { min: 2, max: 2 } }), 5).every((p) => p.net.layers.length === 3) // returns true
 */
export function arbConvProblem(constraints: ConvProblemConstraints = {}): fc.Arbitrary<ConvProblem> {
  const convs = sizeRange(constraints.convolutions, 1, 2, "convolutions");
  const ch = sizeRange(constraints.channels, 1, 3, "channels");
  const sz = sizeRange(constraints.size, 1, 4, "size");
  const ks = sizeRange(constraints.kernel, 1, 3, "kernel");
  const st = sizeRange(constraints.stride, 1, 2, "stride");
  const e = sizeRange(constraints.outputs, 1, 1, "outputs");
  const n = sizeRange(constraints.points, 1, 3, "points");
  const maxPad = constraints.padding ?? 1;
  if (!Number.isSafeInteger(maxPad) || maxPad < 0 || maxPad > 8)
    throw new Error(
      `arbConvProblem: invalid padding. Must be a whole number from 0 to 8. Value: \`${JSON.stringify(constraints.padding)}\`.`,
    );
  const dimensions = constraints.dimensions ?? [1, 2];
  if (dimensions.length === 0 || dimensions.some((d) => d !== 1 && d !== 2))
    throw new Error(`arbConvProblem: invalid dimensions. Must be a non-empty list of 1 and 2. Value: \`${JSON.stringify(dimensions)}\`.`);
  const dimsMax = Math.max(...dimensions);
  // the largest spatial size any layer can reach: a kernel of 1 on padding p adds 2p per convolution
  const spatialMax = sz.max + 2 * maxPad * convs.max;
  const columns = [...Array.from({ length: convs.max }, () => ch.max * ks.max ** dimsMax), ch.max * spatialMax ** dimsMax];
  const rows = [...Array.from({ length: convs.max }, () => ch.max), e.max];
  const w = arbRational(constraints.weights ?? { maxNum: 2, maxDen: 2 });
  const xv = arbRational(constraints.inputValues ?? { maxNum: 3, maxDen: 2 });
  const yv = arbRational(constraints.targetValues ?? { maxNum: 3, maxDen: 2 });
  const bias = constraints.biases;
  const biasFlag = bias === undefined || bias === "maybe" ? fc.boolean() : fc.constant(bias);
  const pooling = constraints.pooling ?? ["max", "avg"];
  const poolArb =
    pooling.length === 0
      ? fc.constant(undefined)
      : fc.option(fc.record({ kind: fc.constantFrom(...pooling), kernel: fixedArray(fc.integer({ min: 1, max: 2 }), 2) }), {
          nil: undefined,
        });
  const pair = (range: { min: number; max: number }): fc.Arbitrary<number[][]> => fixedArray(fixedArray(fc.integer(range), 2), convs.max);
  return fc
    .record({
      L: fc.integer(convs),
      dims: fc.constantFrom(...dimensions),
      inChannels: fc.integer(ch),
      outChannels: fixedArray(fc.integer(ch), convs.max),
      groupPick: fixedArray(fc.nat({ max: 63 }), convs.max),
      size: fixedArray(fc.integer(sz), 2),
      kernel: pair(ks),
      stride: pair(st),
      padding: pair({ min: 0, max: maxPad }),
      pool: fixedArray(poolArb, convs.max),
      e: fc.integer(e),
      activation: arbActivation(constraints.activations ?? ALL_ACTIVATION_KINDS),
      hasBias: fixedArray(biasFlag, convs.max + 1),
      W: fc.tuple(...columns.map((c, l) => fixedArray(w, c * at(rows, l)))),
      columns: fc.constant(columns),
      b: fixedArray(fixedArray(w, Math.max(ch.max, e.max)), convs.max + 1),
      points: fc.array(fc.tuple(fixedArray(xv, ch.max * sz.max ** dimsMax), fixedArray(yv, e.max)), {
        minLength: n.min,
        maxLength: n.max,
        size: "max",
      }),
    })
    .map(buildConv);
}
