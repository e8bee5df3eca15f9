import { seededRandom } from "../../scalar/seededRandom.js";

/** 0 … n−1 in the Fisher–Yates order of the seeded stream `stream`. @internal */
export function shuffledOrder(n: number, stream: string): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  const rng = seededRandom(stream);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
