import { InputError } from "../errors.js";
import { checkOutDir } from "./_internals/checkOutDir.js";
import { readCellChecked, writeCell, type StoredCell } from "./cellStore.js";
import { planCells } from "./planCells.js";
import type { RunReport } from "./runReport.js";
import { readManifests, writeManifest } from "./runManifest.js";

/** Options of {@link mergeShards}. */
export interface MergeShardsOptions {
  /** The shard directories, each written by `reproduce` with a shard. */
  dirs: readonly string[];
  /** The run directory the merged cells and the report go to. */
  out: string;
  /** Writes the report of the merged run. */
  report: RunReport;
}

/** What {@link mergeShards} did: the `relutopo merge --json` object. */
export interface MergeSummary {
  out: string;
  /** Manifests merged (a directory may hold several shards). */
  shards: number;
  cells: number;
  files: string[];
}

/**
 * Combines the shards of one run into the run a single process would have
 * written: checks that every shard comes from the same configuration and that
 * together they cover every cell, copies the cells into `out`, writes the
 * whole run's manifest and its report. Nothing is written unless the shards
 * are complete.
 *
 * @param options - the shard directories, the output directory and the report writer
 * @returns how many shards and cells were merged, and the report files
 * @throws InputError when `out` is a file, a directory holds no manifest, a manifest or cell is malformed, the shards disagree or a cell is missing; PathError when `out` cannot be written
 * @remarks The library face of `npx relutopo merge DIR… --out OUT` (docs/cli.md: `relutopo merge`).
 */
export async function mergeShards(options: MergeShardsOptions): Promise<MergeSummary> {
  const { dirs, out } = options;
  checkOutDir(out);
  const manifests = dirs.flatMap((d) => readManifests(d).map((m) => ({ dir: d, m })));
  const [first] = manifests;
  if (first === undefined) throw new InputError({ field: "shards", expected: "one or more shard directories", value: dirs.join(" ") });
  const config = first.m.config;
  const text = JSON.stringify(config);
  for (const { dir, m } of manifests) {
    if (JSON.stringify(m.config) !== text)
      throw new InputError({ field: "shards", expected: "all from the same reproduce arguments (experiment, scale, seed)", value: dir });
  }
  const specs = planCells(config);
  const cells = new Map<string, StoredCell>();
  const missing: string[] = [];
  for (const spec of specs) {
    const found = dirs.map((d) => readCellChecked(d, spec)).find((c) => c !== undefined);
    if (found) cells.set(spec.id, found);
    else missing.push(spec.id);
  }
  if (missing.length > 0)
    throw new InputError({
      field: "shards",
      expected: "a set that covers every cell of the run",
      value: dirs.join(" "),
      note: `${missing.length} of ${specs.length} cells are missing, first ${missing[0]}.`,
    });
  for (const cell of cells.values()) writeCell(out, cell);
  writeManifest(out, { config, shard: null, cells: specs.map((s) => s.id) });
  const cellMs = [...cells.values()].reduce((s, c) => s + c.ms, 0);
  const timing = {
    note: "wall-clock facts of this run; the only field of results.json that differs between runs with the same seed",
    mergedShards: manifests.length,
    cellSeconds: Math.round(cellMs / 100) / 10,
  };
  const files = await options.report({ dir: out, config, specs, cells, timing });
  return { out, shards: manifests.length, cells: specs.length, files };
}
