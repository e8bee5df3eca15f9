import fc from "fast-check";
import { Decimal } from "decimal.js";
import Fraction from "fraction.js";
import { ConvergenceError } from "../../src/errors.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { Activation } from "../../src/net/activation.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { floatKernel } from "../../src/net/kernels/floatKernel.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { networkIn } from "../../src/net/networkIn.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { float } from "../../src/scalar/float.js";

const D = Decimal.clone({ precision: 200 });

/** All parameters of a run's params in layout order (W1 row with b1, W2, b2). */
export function flatParams(params: Record<string, unknown>): string[] {
  const p = params as { W1: string[][]; b1?: string[]; W2: string[][]; b2?: string[] };
  const out: string[] = [];
  for (const [k, row] of p.W1.entries()) out.push(...row, ...(p.b1 ? [p.b1[k]!] : []));
  for (const row of p.W2) out.push(...row);
  if (p.b2) out.push(...p.b2);
  return out;
}

/** max_i |a_i − b_i| as a double (enough to compare with 10^−k). */
export function maxDiff(a: readonly string[], b: readonly string[]): number {
  return a.reduce((m, v, i) => Math.max(m, new D(v).minus(new D(b[i]!)).abs().toNumber()), 0);
}

/** max_k |c_k(T) − c_k(0)| of a run, from its printed invariants. */
export function invariantChange(run: FlowRun): number {
  return maxDiff(run.invariants0, run.invariantsT);
}

/** Small rationals p/q with |p| ≤ 6, q ≤ 4, as text. */
const small = fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([p, q]) => `${p}/${q}`);

export const flowActivation: fc.Arbitrary<Activation> = fc.oneof(
  fc.constant<Activation>({ kind: "relu" }),
  fc.constant<Activation>({ kind: "abs" }),
  fc.constant<Activation>({ kind: "linear" }),
  fc.integer({ min: -3, max: 5 }).map((p): Activation => ({ kind: "leaky_relu", slope: `${p}/10` })),
);

/** Random small networks (d ≤ 2, l ≤ 2, e = 1, optional biases) with n ≤ 3 rational data points, as exact text. */
export const smallFlowProblem = (
  act: fc.Arbitrary<Activation> = flowActivation,
): fc.Arbitrary<{ net: LayeredNetwork<string>; data: Dataset<string> }> =>
  fc
    .record({ d: fc.integer({ min: 1, max: 2 }), l: fc.integer({ min: 1, max: 2 }), n: fc.integer({ min: 1, max: 3 }) })
    .chain(({ d, l, n }) =>
      fc.record({
        activation: act,
        W1: fc.array(fc.array(small, { minLength: d, maxLength: d }), { minLength: l, maxLength: l }),
        b1: fc.option(fc.array(small, { minLength: l, maxLength: l }), { nil: undefined }),
        W2: fc.array(small, { minLength: l, maxLength: l }).map((row) => [row]),
        b2: fc.option(
          small.map((v) => [v]),
          { nil: undefined },
        ),
        X: fc.array(fc.array(small, { minLength: d, maxLength: d }), { minLength: n, maxLength: n }),
        Y: fc.array(
          small.map((v) => [v]),
          { minLength: n, maxLength: n },
        ),
      }),
    )
    .map(({ X, Y, activation, W1, b1, W2, b2 }) => ({
      net: {
        activation,
        layers: [
          { W: W1, b: b1 },
          { W: W2, b: b2 },
        ],
      },
      data: { X, Y },
    }));

/** The one line of the ConvergenceError a Taylor run stops with (`--` before the option it names). */
export function stopLine(net: LayeredNetwork<string>, data: Dataset<string>, time: string, digits: number): string {
  try {
    integrateFlow(net, data, { time, digits });
  } catch (e) {
    if (e instanceof ConvergenceError) return e.describe((f) => `--${f}`);
    throw e;
  }
  throw new Error("the run reached T");
}

/** The layers of plain gradient descent (mse, the float kernel) to `time` in `steps` steps. */
export function descentLayers(net: LayeredNetwork<string>, data: Dataset<string>, time: number, steps: number): readonly Layer<number>[] {
  const gd = gradientDescent(networkIn(net, float), datasetIn(data, float), float, {
    lr: time / steps,
    steps,
    loss: "mse",
    kernel: floatKernel,
  });
  return gd.params.layers;
}

/** Small rationals p/q with |p| ≤ 6, q ≤ 4, as text. */
export const smallRational = fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([p, q]) => `${p}/${q}`);

/** rows × cols matrices of `smallRational`. */
export const rationalMatrix = (rows: number, cols: number) =>
  fc.array(fc.array(smallRational, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/**
 * z of every unit of hidden layer `layer` (from 1) at every point of X (rational text), in doubles, for layers of
 * numbers or of decimal text (a run's params), with σ of slope `below` under 0 (0 for ReLU, −1 for |x|).
 */
export function hiddenZ(
  layers: readonly (Layer<number> | Layer<string>)[],
  X: readonly (readonly string[])[],
  layer: number,
  below: number,
): number[][] {
  return X.map((x) => {
    let a = x.map((v) => new Fraction(v).valueOf());
    let z: number[] = [];
    for (const { W, b } of layers.slice(0, layer)) {
      z = (W as readonly (readonly (number | string)[])[]).map((row, r) =>
        row.reduce<number>((s, w, c) => s + Number(w) * a[c]!, Number(b?.[r] ?? 0)),
      );
      a = z.map((v) => (v > 0 ? v : below * v));
    }
    return z;
  });
}
