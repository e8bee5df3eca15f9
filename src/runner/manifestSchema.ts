import { z } from "zod";
import { InputError } from "../errors.js";
import { EXPERIMENTS, reproduceConfig, type ExperimentName } from "../experiments/reproduceConfig.js";
import { zodIssue } from "../io/zodIssue.js";
import type { RunManifest } from "./runManifest.js";

const shape = z.object({
  config: z.looseObject({
    scale: z.enum(["tiny", "quick", "full"]),
    seed: z.number().int().min(0),
    experiments: z.array(z.enum(EXPERIMENTS as [ExperimentName, ...ExperimentName[]])).min(1),
  }),
  shard: z
    .object({ index: z.number().int().min(0), count: z.number().int().min(1) })
    .refine((s) => s.index < s.count, "index must be below count")
    .nullable(),
  cells: z.array(z.string()),
});

/**
 * Validates a parsed run manifest (`run.json`, `shard-<i>-of-<n>.json`): its
 * shape, and a configuration that is exactly the one `reproduce` writes for
 * its scale, seed and experiments (so the cells planned from it are the run's).
 *
 * @param value - the parsed JSON
 * @param file - the file, for messages
 * @returns the manifest, typed
 * @throws InputError naming the file and the first field that does not fit
 * @example manifestFromJson(null, "a/run.json")
 * // throws InputError "invalid manifest. Must be a run manifest written by relutopo reproduce. Value: `a/run.json`. In the whole value: Invalid input: expected object, received null."
 */
export function manifestFromJson(value: unknown, file: string): RunManifest {
  const parsed = shape.safeParse(value);
  if (!parsed.success)
    throw new InputError({
      field: "manifest",
      expected: "a run manifest written by relutopo reproduce",
      value: file,
      note: `In ${zodIssue(parsed.error)}.`,
    });
  const { scale, seed, experiments } = parsed.data.config;
  const [only, ...others] = experiments;
  const which = only !== undefined && others.length === 0 ? only : "all";
  const expected = reproduceConfig(scale, seed, which);
  if (JSON.stringify(expected) !== JSON.stringify(parsed.data.config))
    throw new InputError({
      field: "manifest",
      expected: `the manifest relutopo reproduce writes for ${which}, scale ${scale}, seed ${seed}`,
      value: file,
      note: "In field `config`: not that configuration.",
    });
  return { config: expected, shard: parsed.data.shard, cells: parsed.data.cells };
}
