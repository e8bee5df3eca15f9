import fc from "fast-check";
import { batchNormBackward } from "../../src/net/batchNormBackward.js";
import { batchNormForward } from "../../src/net/batchNormForward.js";
import type { Scalar } from "../../src/scalar/scalar.js";

/**
 * A batch normalisation fed by kernels, as in a convolution: channel j's value at data point i
 * and position p is z = K_j · patch[i][j][p] + b_j; after the normalisation a smooth loss
 * L = Σ t·y + ½ Σ u·y² (t, u fixed per entry) stands for the rest of the network.
 * Every number is a text k/4 or k/8, read exactly by every arithmetic.
 */
export interface KernelCase {
  n: number;
  channels: number;
  positions: number;
  /** patch[i][j][p]: the input the kernel of channel j meets at point i, position p. */
  patch: string[][][][];
  K: string[][];
  b: string[];
  gamma: string[];
  beta: string[];
  t: string[][];
  u: string[][];
}

const quarter = fc.integer({ min: -12, max: 12 }).map((k) => `${k}/4`);

/** Small kernel cases: 2 … 4 points, 1 … 2 channels, 1 … 3 positions, kernels of 1 … 3 entries. */
export const kernelCase: fc.Arbitrary<KernelCase> = fc
  .record({
    n: fc.integer({ min: 2, max: 4 }),
    channels: fc.integer({ min: 1, max: 2 }),
    positions: fc.integer({ min: 1, max: 3 }),
    q: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ n, channels, positions, q }) => {
    const vec = (len: number): fc.Arbitrary<string[]> => fc.array(quarter, { minLength: len, maxLength: len });
    const rows = (r: number, len: number): fc.Arbitrary<string[][]> => fc.array(vec(len), { minLength: r, maxLength: r });
    return fc.record({
      n: fc.constant(n),
      channels: fc.constant(channels),
      positions: fc.constant(positions),
      patch: fc.array(fc.array(rows(positions, q), { minLength: channels, maxLength: channels }), { minLength: n, maxLength: n }),
      K: rows(channels, q),
      b: vec(channels),
      gamma: vec(channels),
      beta: vec(channels),
      t: rows(n, channels * positions),
      u: rows(n, channels * positions).map((m) => m.map((r) => r.map((v) => v.replace("-", "")))),
    });
  });

/** What the harness computes at one point of the kernels. */
export interface KernelPass<T> {
  loss: T;
  /** g_j = ∇_{K_j} L per channel. */
  gK: T[][];
  /** ∂L/∂b_j. */
  gb: T[];
  dGamma: T[];
  variance: T[];
}

/**
 * The loss of `c` with kernels `K` and BatchNorm's `eps`, and its gradient from the backward pass.
 */
export function kernelPass<T>(c: KernelCase, K: readonly (readonly T[])[], eps: T, S: Scalar<T>): KernelPass<T> {
  const p = (s: string): T => S.parse(s);
  const b = c.b.map(p);
  const norm = { gamma: c.gamma.map(p), beta: c.beta.map(p), eps };
  const patch = c.patch.map((pi) => pi.map((pj) => pj.map((v) => v.map(p))));
  const Z = patch.map((pi) => pi.flatMap((pj, j) => pj.map((v) => v.reduce((s, x, k) => S.add(s, S.mul(x, K[j]![k]!)), b[j]!))));
  const pass = batchNormForward(Z, norm, S);
  let loss = S.zero;
  const dY = pass.output.map((row, i) =>
    row.map((y, e) => {
      const t = p(c.t[i]![e]!);
      const u = p(c.u[i]![e]!);
      loss = S.add(loss, S.add(S.mul(t, y), S.div(S.mul(u, S.mul(y, y)), S.fromInt(2))));
      return S.add(t, S.mul(u, y));
    }),
  );
  const { dZ, dGamma } = batchNormBackward(dY, pass, norm, S);
  const gK = K.map((k) => k.map(() => S.zero));
  const gb = b.map(() => S.zero);
  for (const [i, row] of dZ.entries())
    for (const [e, d] of row.entries()) {
      const j = Math.floor(e / c.positions);
      gb[j] = S.add(gb[j]!, d);
      const v = patch[i]![j]![e % c.positions]!;
      gK[j] = gK[j]!.map((g, k) => S.add(g, S.mul(d, v[k]!)));
    }
  return { loss, gK, gb, dGamma, variance: pass.variance };
}
