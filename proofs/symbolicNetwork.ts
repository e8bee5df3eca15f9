/**
 * The generic network of the proofs, written for algebrite: 2 hidden neurons,
 * 2 inputs, hidden biases c1, c2, output bias b, scalar output, 2 data points
 * (x_i1, x_i2; y_i), all symbolic. Inside one activation region every
 * σ(z_{k,i}) is s_{k,i}·z_{k,i}, so a region is an assignment of the slopes.
 */
import Algebrite from "algebrite";

export const NEURONS = [1, 2] as const;
export const POINTS = [1, 2] as const;

/** Incoming parameters (weights then bias) and the outgoing weight of neuron k. */
export const incoming = (k: number): string[] => [`w${k}1`, `w${k}2`, `c${k}`];
export const outgoing = (k: number): string => `a${k}`;

/** The slopes of each piece of an activation: σ(z) = s·z on that piece. */
export const PIECES: Record<string, string[]> = {
  relu: ["1", "0"],
  "leaky_relu (symbolic slope alpha)": ["1", "alpha"],
  abs: ["1", "-1"],
  linear: ["1"],
};

/** Every assignment of pieces to the 4 (neuron, point) pairs: the activation patterns. */
export function patterns(pieces: string[]): string[][] {
  let out: string[][] = [[]];
  for (let i = 0; i < NEURONS.length * POINTS.length; i++) out = out.flatMap((p) => pieces.map((s) => [...p, s]));
  return out;
}

/** Defines L in algebrite's session: the mean square loss in the region with slopes s (s11, s12, s21, s22 order). */
export function defineLoss(slopes: string[]): void {
  Algebrite.clearall();
  const s = (k: number, i: number): string => `(${slopes[(k - 1) * POINTS.length + (i - 1)]})`;
  const f = (i: number): string => [...NEURONS.map((k) => `a${k}*${s(k, i)}*(w${k}1*x${i}1 + w${k}2*x${i}2 + c${k})`), "b"].join(" + ");
  Algebrite.run(`L = (${POINTS.map((i) => `(${f(i)} - y${i})^2`).join(" + ")}) / ${POINTS.length}`);
}

/** ⟨∇_w L, w⟩ − ⟨∇_a L, a⟩ for neuron k, expanded (uses the L defined last). */
export function rescalingDefect(k: number): string {
  const terms = incoming(k)
    .map((p) => `${p}*d(L,${p})`)
    .join(" + ");
  return Algebrite.run(`expand(${terms} - ${outgoing(k)}*d(L,${outgoing(k)}))`);
}

/** Fails the proof script: prints why and exits non-zero. */
export function fail(message: string): never {
  console.log(`NOT PROVED: ${message}`);
  process.exit(1);
}
