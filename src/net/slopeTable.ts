import type { Activation } from "./activation.js";

/**
 * The slopes of a positively homogeneous activation, σ(z) = s·z on each side of 0:
 * `above` for z > 0, `below` for z < 0, and `atZero`, the value of σ′(0) the
 * gradient uses at the kink (PyTorch: relu 0, leaky_relu its slope, abs 0).
 */
export interface SlopeTable<T> {
  readonly above: T;
  readonly below: T;
  readonly atZero: T;
}

/**
 * The one table of slopes every kernel reads, as exact rational text (exact,
 * decimal, fixed-point and float kernels parse it in their arithmetic): changing
 * σ′(0) is a change here and nowhere else.
 *
 * @example slopeTable({ kind: "leaky_relu", slope: "1/10" }) // returns { above: "1", below: "1/10", atZero: "1/10" }
 */
export function slopeTable(act: Activation): SlopeTable<string> {
  switch (act.kind) {
    case "linear":
      return { above: "1", below: "1", atZero: "1" };
    case "relu":
      return { above: "1", below: "0", atZero: "0" };
    case "abs":
      return { above: "1", below: "-1", atZero: "0" };
    case "leaky_relu":
      return { above: "1", below: act.slope, atZero: act.slope };
  }
}
