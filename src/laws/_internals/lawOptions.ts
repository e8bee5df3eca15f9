import { InputError } from "../../errors.js";

/**
 * The options `conservationLaws` and `momentumLaws` share, defaults filled and
 * checked in one place so both refuse a bad degree with the same message and
 * draw their point from the same default seed.
 *
 * @param options - the degree of the explicit laws and the seed, either may be absent
 * @returns the degree (default 2) and the seed (default 1)
 * @throws InputError for a degree that is not a positive integer
 * @internal
 */
export function lawOptions(options: { degree?: number; seed?: number }): { degree: number; seed: number } {
  const degree = options.degree ?? 2;
  if (!Number.isInteger(degree) || degree < 1)
    throw new InputError({ field: "degree", expected: "a positive integer", value: String(degree) });
  return { degree, seed: options.seed ?? 1 };
}
