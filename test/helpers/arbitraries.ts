import fc from "fast-check";
import type { Activation } from "../../src/net/activation.js";
import type { Dataset } from "../../src/net/readDataset.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { dot } from "../../src/net/dot.js";
import { exact, type Rational } from "../../src/scalar/exact.js";

/** Small rationals p/q, shrinking toward 0 and toward small denominators. */
export const rational = (maxNum = 12, maxDen = 6): fc.Arbitrary<Rational> =>
  fc
    .tuple(fc.integer({ min: -maxNum, max: maxNum }), fc.integer({ min: 1, max: maxDen }))
    .map(([p, q]) => exact.fromRational(BigInt(p), BigInt(q)));

export const positiveRational = (maxNum = 12, maxDen = 6): fc.Arbitrary<Rational> =>
  fc
    .tuple(fc.integer({ min: 1, max: maxNum }), fc.integer({ min: 1, max: maxDen }))
    .map(([p, q]) => exact.fromRational(BigInt(p), BigInt(q)));

const vec = (n: number): fc.Arbitrary<Rational[]> => fc.array(rational(), { minLength: n, maxLength: n });
const mat = (r: number, c: number): fc.Arbitrary<Rational[][]> => fc.array(vec(c), { minLength: r, maxLength: r });

export const activation: fc.Arbitrary<Activation> = fc.oneof(
  fc.constant<Activation>({ kind: "relu" }),
  fc.constant<Activation>({ kind: "abs" }),
  fc.constant<Activation>({ kind: "linear" }),
  fc
    .tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 10 }))
    .map(([p, q]): Activation => ({ kind: "leaky_relu", slope: `${p}/${q}` })),
);

/** A network with its data set; with `kink`, neuron 0 sits exactly on the kink of point 0 (z = 0). */
export interface NetAndData {
  net: LayeredNetwork<Rational>;
  data: Dataset<Rational>;
}

/** Random exact networks (d ≤ 3, l ≤ 3, e ≤ 2, optional biases, all activations) with n ≤ 4 data points, some exactly on a kink. */
export const netAndData: fc.Arbitrary<NetAndData> = fc
  .record({
    d: fc.integer({ min: 1, max: 3 }),
    l: fc.integer({ min: 1, max: 3 }),
    e: fc.integer({ min: 1, max: 2 }),
    n: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ d, l, e, n }) =>
    fc.record({
      activation,
      W1: mat(l, d),
      b1: fc.option(vec(l), { nil: undefined }),
      W2: mat(e, l),
      b2: fc.option(vec(e), { nil: undefined }),
      X: mat(n, d),
      Y: mat(n, e),
      kink: fc.boolean(),
    }),
  )
  .map(({ activation: act, W1, b1, W2, b2, X, Y, kink }) => {
    if (kink && b1) b1 = [exact.neg(dot(exact, W1[0]!, X[0]!)), ...b1.slice(1)];
    const net: LayeredNetwork<Rational> = {
      activation: act,
      layers: [
        { W: W1, b: b1 },
        { W: W2, b: b2 },
      ],
    };
    return { net, data: { X, Y } };
  });

/** The weight layers of a dense net of the given widths (inputs first): W of rows × inputs entries, an optional bias. */
export const denseLayers = <T>(widths: readonly number[], entry: fc.Arbitrary<T>): fc.Arbitrary<{ W: T[][]; b: T[] | undefined }[]> =>
  fc.tuple(
    ...widths.slice(1).map((rows, l) =>
      fc.record({
        W: fc.array(fc.array(entry, { minLength: widths[l]!, maxLength: widths[l]! }), { minLength: rows, maxLength: rows }),
        b: fc.option(fc.array(entry, { minLength: rows, maxLength: rows }), { nil: undefined }),
      }),
    ),
  );

/** n rows of `width` entries. */
export const rowsOf = <T>(n: number, width: number, entry: fc.Arbitrary<T>): fc.Arbitrary<T[][]> =>
  fc.array(fc.array(entry, { minLength: width, maxLength: width }), { minLength: n, maxLength: n });
