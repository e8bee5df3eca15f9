import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { readCell, writeCell, type StoredCell } from "../../experiments/cellStore.js";
import { planCells } from "../../experiments/planCells.js";
import { readManifests, writeManifest } from "../../experiments/runManifest.js";
import { printJson } from "../options.js";

interface MergeOptions {
  out: string;
  json?: boolean;
}

/** `relutopo merge`: shards of one run into the report a single run would write. */
export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("combine the shard directories of `relutopo reproduce --shard i/n` into one report, the same as a single run")
    .argument("<dirs...>", "shard directories (each written by reproduce --shard)")
    .requiredOption("--out <dir>", "report directory")
    .option("--json", "print a JSON summary")
    .action(async (dirs: string[], opts: MergeOptions) => {
      if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new InputError(`invalid --out. Must be a directory (it is created when absent). Value: \`${opts.out}\`.`);
      const manifests = dirs.flatMap((d) => readManifests(d).map((m) => ({ dir: d, m })));
      const config = manifests[0]!.m.config;
      const text = JSON.stringify(config);
      for (const { dir, m } of manifests) {
        if (JSON.stringify(m.config) !== text) throw new InputError(`invalid shards. Must all come from the same reproduce arguments (experiment, scale, seed). Value: \`${dir}\`.`);
      }
      const specs = planCells(config);
      const cells = new Map<string, StoredCell>();
      const missing: string[] = [];
      for (const spec of specs) {
        const found = dirs.map((d) => readCell(d, spec)).find((c) => c !== undefined);
        if (found) cells.set(spec.id, found);
        else missing.push(spec.id);
      }
      if (missing.length > 0) throw new InputError(`invalid shards. Must cover every cell of the run: ${missing.length} of ${specs.length} missing, first ${missing[0]}. Value: \`${dirs.join(" ")}\`.`);
      for (const cell of cells.values()) writeCell(opts.out, cell);
      writeManifest(opts.out, { config, shard: null, cells: specs.map((s) => s.id) });
      const cellMs = [...cells.values()].reduce((s, c) => s + c.ms, 0);
      const timing = { note: "wall-clock facts of this run; the only field of results.json that differs between runs with the same seed", mergedShards: manifests.length, cellSeconds: Math.round(cellMs / 100) / 10 };
      // The plotting libraries load only once the shards are known to be complete.
      const [{ buildReport }, { reportVersions }, { writeReport }] = await Promise.all([import("../../report/buildReport.js"), import("../../report/reportVersions.js"), import("../../report/writeReport.js")]);
      const report = await buildReport(config, specs, cells, { versions: await reportVersions(), timing });
      writeReport(opts.out, report.files);
      const files = report.files.map((f) => f.name);
      if (opts.json) printJson({ out: opts.out, shards: manifests.length, cells: specs.length, files });
      else console.log(`merged ${manifests.length} shards (${specs.length} cells): report written to ${opts.out}/index.html`);
    });
}
