import type { Activation } from "../net/activation.js";
import { slopeTable } from "../net/slopeTable.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * The distinct slopes s with σ(z) = s·z on some piece, read from the activation's
 * `slopeTable`: relu {0, 1}, leaky_relu:α {α, 1}, abs {−1, 1}, linear {1} (below 0 first).
 */
export function activationSlopes(act: Activation): Array<{ num: bigint; den: bigint }> {
  const { below, above } = slopeTable(act);
  const b = parseRational(below);
  const a = parseRational(above);
  return b.num * a.den === a.num * b.den ? [a] : [b, a];
}
