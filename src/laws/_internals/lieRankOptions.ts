import type { LieAlgebraRankOptions } from "../lieAlgebraRank.js";

/**
 * The options of `lieAlgebraRank` and `momentumLieRank` with their defaults
 * filled in one place: both take the same `LieAlgebraRankOptions`, and a
 * default that differed between the two flows would make their certificates
 * disagree on the same limits.
 *
 * @param options - the caller's options, any field may be absent
 * @param coordinates - the dimension of the space (D, or 2D for the momentum phase space), the default target
 * @returns target (default `coordinates`), maxLevels (12), maxFields (4000) and seed (1)
 * @internal
 */
export function lieRankOptions(options: LieAlgebraRankOptions, coordinates: number): Required<LieAlgebraRankOptions> {
  return {
    target: options.target ?? coordinates,
    maxLevels: options.maxLevels ?? 12,
    maxFields: options.maxFields ?? 4000,
    seed: options.seed ?? 1,
  };
}
