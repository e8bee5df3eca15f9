import { InputError } from "../errors.js";
import { seededRandom } from "../scalar/seededRandom.js";
import { at } from "../scalar/at.js";

/** How {@link gradientDescent} cuts the data rows into mini-batches. */
export interface MiniBatchOptions {
  /** Rows per batch B ≥ 1; the last batch of an epoch has the n mod B left over. Default: all rows. */
  batchSize?: number;
  /** With a seed, the rows of every epoch are shuffled first (see {@link miniBatchRows}). */
  shuffleSeed?: number;
}

/**
 * The data rows of optimiser step t (0-based). An epoch is ⌈n/B⌉ steps; the
 * rows of epoch e are taken in order π_e(0), π_e(1), … and cut into batches of B,
 * the last one smaller. Without a seed π_e is the identity (file order). With
 * seed s, π_e is the Fisher–Yates shuffle of 0 … n−1 driven by
 * `seededRandom("gd/shuffle/seed=s/epoch=e")`: for i = n−1 down to 1, swap
 * positions i and j = ⌊u·(i+1)⌋ where u = nextUint32()/2³² — a fixed,
 * machine-independent permutation that proofs/gd_reference.py recomputes.
 *
 * @param n - the number of data rows
 * @param step - the optimiser step t ≥ 0
 * @param options - batch size and shuffle seed
 * @returns the row indices of the batch, in the order they are taken
 * @throws InputError when the batch size is not a positive integer or the seed not a non-negative integer
 * @example miniBatchRows(5, 1, { batchSize: 2 }) // returns [2, 3]
 * @example miniBatchRows(5, 2, { batchSize: 2 }) // returns [4]
 */
export function miniBatchRows(n: number, step: number, options: MiniBatchOptions = {}): number[] {
  const size = options.batchSize ?? n;
  if (!Number.isSafeInteger(size) || size < 1)
    throw new InputError({ field: "batchSize", expected: "a positive integer", value: String(options.batchSize) });
  const seed = options.shuffleSeed;
  if (seed !== undefined && (!Number.isSafeInteger(seed) || seed < 0))
    throw new InputError({ field: "seed", expected: "a non-negative integer", value: String(seed) });
  const perEpoch = Math.ceil(n / size);
  const epoch = Math.floor(step / perEpoch);
  const start = (step % perEpoch) * size;
  const order = seed === undefined ? identity(n) : epochPermutation(n, seed, epoch);
  return order.slice(start, Math.min(start + size, n));
}

function identity(n: number): number[] {
  // a plain loop: Array.from with a mapping function is several times slower, and every float training run makes one
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

/** The Fisher–Yates permutation of epoch e (documented above; the reference recomputes it). */
function epochPermutation(n: number, seed: number, epoch: number): number[] {
  const rng = seededRandom(`gd/shuffle/seed=${seed}/epoch=${epoch}`);
  const perm = identity(n);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [perm[i], perm[j]] = [at(perm, j), at(perm, i)];
  }
  return perm;
}
