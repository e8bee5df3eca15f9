import { seededRandom } from "../../scalar/seededRandom.js";

/** A seeded point of n non-zero integer coordinates in [−999, 999], from the stream `stream`. @internal */
export function randomLawPoint(n: number, stream: string): bigint[] {
  const rng = seededRandom(stream);
  const out: bigint[] = [];
  while (out.length < n) {
    const v = rng.int(1999) - 999;
    if (v !== 0) out.push(BigInt(v));
  }
  return out;
}
