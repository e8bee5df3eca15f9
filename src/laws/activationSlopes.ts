import type { Activation } from "../net/activation.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * The distinct slopes s with σ(z) = s·z on some piece: relu {0, 1},
 * leaky_relu:α {α, 1}, abs {−1, 1}, linear {1} (exact rationals as text).
 */
export function activationSlopes(act: Activation): Array<{ num: bigint; den: bigint }> {
  switch (act.kind) {
    case "linear":
      return [{ num: 1n, den: 1n }];
    case "relu":
      return [
        { num: 0n, den: 1n },
        { num: 1n, den: 1n },
      ];
    case "abs":
      return [
        { num: -1n, den: 1n },
        { num: 1n, den: 1n },
      ];
    case "leaky_relu": {
      const a = parseRational(act.slope);
      return a.num === a.den ? [{ num: 1n, den: 1n }] : [a, { num: 1n, den: 1n }];
    }
  }
}
