import { InternalError } from "../errors.js";

/**
 * The element of `xs` at index `i`, for an index that the caller's own bounds
 * guarantee (a loop below the array's length, a pivot column of a row of the
 * same width) but that `noUncheckedIndexedAccess` cannot see. A miss is a bug
 * of relutopo, never the user's input, so it throws an InternalError rather
 * than let `undefined` flow on as a number. Where a loop can walk the array
 * itself (`for…of`, `.entries()`, `.map`), that reads better and is preferred.
 *
 * @param xs - an array, typed array or string
 * @param i - an index in [0, xs.length)
 * @throws InternalError when there is no element at `i`
 * @example at([3, 5, 8], 1) // returns 5
 * @example at(new Float64Array(2), 2) // throws InternalError "index 2 is outside [0, 2)"
 */
export function at<T>(xs: ArrayLike<T>, i: number): T {
  const v = xs[i];
  if (v === undefined) outside(i, xs.length);
  return v;
}

// Apart from `at` so that `at` stays small enough to be inlined into hot loops.
function outside(i: number, length: number): never {
  throw new InternalError(`index ${i} is outside [0, ${length})`);
}
