/** A deterministic stream of random numbers. */
export interface SeededRandom {
  /** A uniform number in [0, 1) with 32 random bits. */
  next(): number;
  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
}

/** 32-bit FNV-1a mixed with a murmur finaliser: four independent words from a text key. */
function hashWords(key: string): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let w = 0; w < 4; w++) {
    let h = (0x811c9dc5 ^ Math.imul(w + 1, 0x9e3779b1)) >>> 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[w] = h >>> 0;
  }
  return out;
}

/**
 * A seeded generator (sfc32, seeded by hashing a text key such as
 * `"breast-cancer/seed=3/l=8"`), so that every cell of a sweep has its own
 * stream that does not depend on which cells ran before it. Only integer
 * operations: the same key gives the same numbers on every machine.
 *
 * @example seededRandom("x").next() === seededRandom("x").next() // returns true
 */
export function seededRandom(key: string): SeededRandom {
  let [a, b, c, d] = hashWords(key);
  const next32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next32();
  const next = (): number => next32() / 4294967296;
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
  };
}
