/**
 * A small seeded generator for the Monte Carlo estimates: xoshiro128**
 * (Blackman and Vigna) on 32-bit integer operations only (Math.imul, shifts),
 * seeded through splitmix32, so the same seed gives the same stream on every
 * platform. Doubles in [0, 1) take 53 random bits from two outputs; Gaussians
 * come from the Box–Muller transform, both outputs of each pair used.
 * @internal
 */

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded random stream. @internal */
export interface RandomStream {
  nextUint32(): number;
  /** uniform in [0, 1) with 53 random bits */
  nextFloat(): number;
  /** standard normal */
  nextGaussian(): number;
}

/** Mixes integers (a seed and cell coordinates) into one 32-bit seed word pair. @internal */
export function mixSeed(...words: number[]): number {
  let h = 0x243f6a88;
  for (const w of words) {
    const lo = w >>> 0;
    const hi = Math.floor(w / 2 ** 32) >>> 0;
    h = splitmix32(h ^ lo)();
    h = splitmix32(h ^ hi)();
  }
  return h;
}

/** The xoshiro128** stream of a 32-bit seed. @internal */
export function xoshiro128(seed: number): RandomStream {
  const sm = splitmix32(seed);
  let s0 = sm();
  let s1 = sm();
  let s2 = sm();
  let s3 = sm();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextUint32 = (): number => {
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };
  const nextFloat = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
  let spare: number | undefined;
  const nextGaussian = (): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(1 - nextFloat()));
    const angle = 2 * Math.PI * nextFloat();
    spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  };
  return { nextUint32, nextFloat, nextGaussian };
}
