import fc from "fast-check";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import type { Scalar } from "../../src/scalar/scalar.js";

const quarter = fc.integer({ min: -12, max: 12 }).map((k) => `${k}/4`);
const vec = (len: number): fc.Arbitrary<string[]> => fc.array(quarter, { minLength: len, maxLength: len });
const mat = (r: number, c: number): fc.Arbitrary<string[][]> => fc.array(vec(c), { minLength: r, maxLength: r });

export interface BatchNormNetCase {
  net: LayeredNetwork<string>;
  X: string[][];
  Y: string[][];
}
/** d inputs → h units with a bias and a batch normalisation (ε from the list) → e outputs, on n points. */
export const batchNormNet = (epsTexts: readonly string[], activations: readonly string[]): fc.Arbitrary<BatchNormNetCase> =>
  fc
    .record({
      n: fc.integer({ min: 2, max: 5 }),
      d: fc.integer({ min: 1, max: 3 }),
      h: fc.integer({ min: 1, max: 3 }),
      e: fc.integer({ min: 1, max: 2 }),
    })
    .chain(({ n, d, h, e }) =>
      fc
        .record({
          W1: mat(h, d),
          b1: vec(h),
          gamma: vec(h),
          beta: vec(h),
          eps: fc.constantFrom(...epsTexts),
          W2: mat(e, h),
          b2: vec(e),
          X: mat(n, d),
          Y: mat(n, e),
          act: fc.constantFrom(...activations),
        })
        .map(({ W1, b1, gamma, beta, eps, W2, b2, X, Y, act }) => ({
          net: {
            activation: act === "relu" ? { kind: "relu" as const } : { kind: "linear" as const },
            layers: [
              { W: W1, b: b1, norm: { gamma, beta, eps } },
              { W: W2, b: b2 },
            ],
          },
          X,
          Y,
        })),
    );

export const parsedNet = <T>(c: BatchNormNetCase, S: Scalar<T>): { net: LayeredNetwork<T>; data: { X: T[][]; Y: T[][] } } => {
  const p = (v: string): T => S.parse(v);
  const layers: Layer<T>[] = c.net.layers.map((l) => ({
    W: l.W.map((r) => r.map(p)),
    b: l.b?.map(p),
    ...(l.norm === undefined ? {} : { norm: { gamma: l.norm.gamma.map(p), beta: l.norm.beta.map(p), eps: p(l.norm.eps) } }),
  }));
  return { net: { activation: c.net.activation, layers }, data: { X: c.X.map((r) => r.map(p)), Y: c.Y.map((r) => r.map(p)) } };
};
