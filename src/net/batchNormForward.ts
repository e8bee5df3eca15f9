import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";
import type { Scalar } from "../scalar/scalar.js";
import { scalarSqrt } from "../scalar/scalarSqrt.js";
import type { BatchNorm } from "./layeredNetwork.js";

/** What batch normalisation computes on a batch, kept for its backward pass and for the laws of its channels. */
export interface BatchNormPass<T> {
  /** γ_j ẑ + β_j, laid out like the input: [data point][channel-major entry]. */
  readonly output: T[][];
  /** The normalised values ẑ = (z − μ_j) / √(σ_j² + ε), laid out like the input. */
  readonly normalised: T[][];
  /** Per channel j: the biased variance σ_j² over the batch and the positions. */
  readonly variance: T[];
  /** Per channel j: 1 / √(σ_j² + ε). */
  readonly invStd: T[];
}

/**
 * Batch normalisation in training mode (PyTorch `BatchNorm1d`/`BatchNorm2d` with `training=True`):
 * channel j's values z over every data point and position are centred on their mean μ_j, divided
 * by √(σ_j² + ε) with σ_j² their biased variance (sum of squares over m, not m − 1), then scaled by
 * γ_j and shifted by β_j. A row is one data point's pre-activations, channel-major: γ has C entries,
 * a row C·P, and channel j is the P entries from j·P (P = 1 for a fully connected layer).
 *
 * @param Z - pre-activations, one row per data point, each of a multiple of γ's length
 * @param norm - γ, β and ε of the layer
 * @param S - the arithmetic; exact only where every σ_j² + ε is the square of a rational
 * @throws InputError when a row does not split into γ's channels, when a channel has a single value
 *   over the batch (as PyTorch), when σ_j² + ε = 0, or in exact arithmetic when √(σ_j² + ε) is irrational
 * @example batchNormForward([["1"], ["3"]].map((r) => r.map(exact.parse)), { gamma: [exact.parse("2")], beta: [exact.parse("1/2")], eps: exact.zero }, exact).output.map((r) => r.map(exact.toString)) // returns [["-3/2"], ["5/2"]]
 */
export function batchNormForward<T>(Z: readonly (readonly T[])[], norm: BatchNorm<T>, S: Scalar<T>): BatchNormPass<T> {
  const channels = norm.gamma.length;
  const width = Z[0]?.length ?? 0;
  if (channels === 0 || width % channels !== 0 || Z.some((z) => z.length !== width) || norm.beta.length !== channels)
    throw new InputError({
      field: "batch normalisation",
      expected: `rows of equal width, a multiple of the ${channels} channels of γ, and as many β`,
      value: `${Z.length} rows of width ${width}, ${norm.beta.length} β`,
    });
  const positions = width / channels;
  const m = Z.length * positions;
  if (m < 2)
    throw new InputError({
      field: "batch normalisation",
      expected: "more than one value per channel in training mode (as PyTorch)",
      value: `${Z.length} data point × ${positions} position`,
    });
  const count = S.fromInt(m);
  const channelOf = (c: number): number => Math.floor(c / positions);
  // per channel, the mean over the batch and positions of f(value), summed in data then position order
  const meanOf = (rows: readonly (readonly T[])[], f: (v: T) => T): T[] => {
    const sums: T[] = new Array<T>(channels).fill(S.zero);
    for (const row of rows)
      for (const [c, v] of row.entries()) {
        const j = channelOf(c);
        sums[j] = S.add(at(sums, j), f(v));
      }
    return sums.map((s) => S.div(s, count));
  };
  const mean = meanOf(Z, (v) => v);
  const centred = Z.map((z) => z.map((v, c) => S.sub(v, at(mean, channelOf(c)))));
  // the biased variance from the centred values (two passes: no cancellation of E[z²] − E[z]²)
  const variance = meanOf(centred, (v) => S.mul(v, v));
  const invStd = variance.map((v, j) => {
    const radicand = S.add(v, norm.eps);
    if (S.sign(radicand) <= 0)
      throw new InputError({
        field: "batch normalisation",
        expected: "σ² + ε > 0 in every channel (a channel constant over the batch needs ε > 0)",
        value: `channel ${j}: σ² + ε = ${brief(S.toString(radicand))}`,
      });
    const root = scalarSqrt(radicand, S);
    if (root === undefined)
      throw new InputError({
        field: "arith",
        expected: "decimal:D or float",
        value: S.name,
        note: `Batch normalisation divides by √(σ²+ε), irrational here (channel ${j}: σ² + ε = ${brief(S.toString(radicand))}).`,
      });
    return S.div(S.one, root);
  });
  const normalised = centred.map((d) => d.map((v, c) => S.mul(v, at(invStd, channelOf(c)))));
  const output = normalised.map((row) => row.map((v, c) => S.add(S.mul(at(norm.gamma, channelOf(c)), v), at(norm.beta, channelOf(c)))));
  return { output, normalised, variance, invStd };
}

/** A number's text cut to a message's length: an exact radicand can have thousands of digits. */
function brief(text: string): string {
  return text.length > 48 ? `${text.slice(0, 24)}…${text.slice(-12)} (${text.length} characters)` : text;
}
