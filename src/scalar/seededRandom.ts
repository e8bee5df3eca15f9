/**
 * The one seeded random generator family of the library: sfc32 (Chris
 * Doty-Humphrey's small fast counting generator), seeded by hashing a text key.
 * Streams are named, not numbered: `seededRandom("breast-cancer/seed=3/l=8")`,
 * and `split(subkey)` gives the stream of `key/subkey`, so each cell of a
 * sweep, each Monte Carlo shape and each random evaluation point has its own
 * stream that does not depend on what ran before it. Only 32-bit integer
 * operations (Math.imul, shifts): the same key gives the same numbers on
 * every machine.
 */

/** A deterministic stream of random numbers (see {@link seededRandom}). */
export interface SeededRandom {
  /** The key this stream was made from. */
  readonly key: string;
  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform number in [0, 1) with 32 random bits (one output). */
  next(): number;
  /** A uniform number in [0, 1) with 53 random bits (two outputs). */
  nextFloat53(): number;
  /** A uniform number in [lo, hi) (from {@link SeededRandom.next}). */
  uniform(lo: number, hi: number): number;
  /** A uniform integer in [0, n), for n ≤ 2^32 (from {@link SeededRandom.next}). */
  int(n: number): number;
  /** A standard normal number (Box–Muller on 53-bit uniforms; both outputs of each pair are used). */
  gaussian(): number;
  /** The independent stream of the key `${key}/${subkey}` (this stream is not advanced). */
  split(subkey: string | number): SeededRandom;
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
 * The sfc32 stream of a text key, after 12 discarded outputs (which mix the
 * hashed seed words). The 32-bit {@link SeededRandom.next} stream of a key is
 * fixed forever: the experiments' reports depend on it byte for byte.
 *
 * @param key - any text; different keys give unrelated streams
 * @returns a fresh stream
 * @example seededRandom("x").next() === seededRandom("x").next() // returns true
 * @example seededRandom("a").split("b").next() === seededRandom("a/b").next() // returns true
 */
export function seededRandom(key: string): SeededRandom {
  // The state is kept as signed 32-bit integers (small integers to V8, never
  // boxed); every step is the same modulo 2^32 as sfc32 on unsigned words.
  const words = hashWords(key);
  let a = words[0] | 0;
  let b = words[1] | 0;
  let c = words[2] | 0;
  let d = words[3] | 0;
  const nextUint32 = (): number => {
    const t = (a + b + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();
  const next = (): number => nextUint32() / 4294967296;
  const nextFloat53 = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
  let spare: number | undefined;
  const gaussian = (): number => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return z;
    }
    // 1 − u is in (0, 1], so the logarithm is finite
    const r = Math.sqrt(-2 * Math.log(1 - nextFloat53()));
    const angle = 2 * Math.PI * nextFloat53();
    spare = r * Math.sin(angle);
    return r * Math.cos(angle);
  };
  return {
    key,
    nextUint32,
    next,
    nextFloat53,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (n) => Math.floor(next() * n),
    gaussian,
    split: (subkey) => seededRandom(`${key}/${subkey}`),
  };
}
