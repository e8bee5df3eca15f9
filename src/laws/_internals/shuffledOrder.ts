import { at } from "../../scalar/at.js";
import type { SeededRandom } from "../../scalar/seededRandom.js";

/** 0 … n−1 in the Fisher–Yates order drawn from `rng` (n − 1 draws). @internal */
export function shuffledOrder(n: number, rng: SeededRandom): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = at(a, i);
    a[i] = at(a, j);
    a[j] = t;
  }
  return a;
}
