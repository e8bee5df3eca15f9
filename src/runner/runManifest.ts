import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { parseJsonFile } from "./_internals/parseJsonFile.js";
import { writeFileAtomic } from "../io/writeFileAtomic.js";
import { manifestFromJson } from "./manifestSchema.js";
import type { ReproduceConfig } from "../experiments/reproduceConfig.js";

/** What a run directory holds: the configuration, and which shard (or all) it computed. */
export interface RunManifest {
  config: ReproduceConfig;
  /** `{ index, count }` for a shard, null for a whole run. */
  shard: { index: number; count: number } | null;
  /** Ids of the cells this run computed or reused. */
  cells: string[];
}

/** The manifest's file name in a run directory: `run.json`, or `shard-<i>-of-<n>.json` for a shard. */
function manifestName(shard: RunManifest["shard"]): string {
  return shard === null ? "run.json" : `shard-${shard.index}-of-${shard.count}.json`;
}

/** Writes a run's manifest atomically. */
export function writeManifest(dir: string, manifest: RunManifest): void {
  writeFileAtomic(join(dir, manifestName(manifest.shard)), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Every manifest in a run directory (a whole run, or one or more shards), each validated.
 *
 * @throws InputError when the path is not a directory or holds no manifest, or a manifest is malformed
 */
export function readManifests(dir: string): RunManifest[] {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new InputError({ field: "run directory", expected: "an existing directory", value: dir });
  }
  if (!isDir) throw new InputError({ field: "run directory", expected: "a directory written by relutopo reproduce", value: dir });
  const names = readdirSync(dir)
    .filter((f) => f === "run.json" || /^shard-\d+-of-\d+\.json$/.test(f))
    .sort();
  if (names.length === 0)
    throw new InputError({
      field: "run directory",
      expected: "a directory holding run.json or shard-<i>-of-<n>.json written by relutopo reproduce",
      value: dir,
    });
  return names.map((n) => {
    const file = join(dir, n);
    return manifestFromJson(parseJsonFile(file), file);
  });
}
