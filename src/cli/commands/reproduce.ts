import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { planCells, shardCells } from "../../experiments/planCells.js";
import { reproduceConfig, EXPERIMENTS, type ExperimentName, type Scale } from "../../experiments/reproduceConfig.js";
import { formatDuration } from "../../report/formatDuration.js";
import { choice, intOption, printJson } from "../options.js";
import { progressBar, type Progress } from "../progress.js";

interface ReproduceOptions {
  out: string;
  quick?: boolean;
  scale?: string;
  seed: string;
  shard?: string;
  threads?: string;
  json?: boolean;
}

const SCALES: readonly Scale[] = ["tiny", "quick", "full"];

/**
 * The shard of this process: `--shard i/n` (0 ≤ i < n), else a Slurm array
 * task (i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, n = SLURM_ARRAY_TASK_COUNT), else none.
 *
 * @throws InputError for a malformed shard
 */
export function parseShard(text: string | undefined, env: NodeJS.ProcessEnv = process.env): { index: number; count: number } | null {
  if (text === undefined) {
    const id = env.SLURM_ARRAY_TASK_ID;
    const count = env.SLURM_ARRAY_TASK_COUNT;
    if (id === undefined || count === undefined) return null;
    const n = intOption(count, "SLURM_ARRAY_TASK_COUNT", 1);
    const i = intOption(id, "SLURM_ARRAY_TASK_ID", 0) - intOption(env.SLURM_ARRAY_TASK_MIN ?? "0", "SLURM_ARRAY_TASK_MIN", 0);
    if (i < 0 || i >= n) throw new InputError(`invalid Slurm array task. Must have 0 ≤ SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN < SLURM_ARRAY_TASK_COUNT. Value: \`${id}/${count}\`.`);
    return n === 1 ? null : { index: i, count: n };
  }
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new InputError(`invalid --shard. Must be i/n with 0 ≤ i < n. Value: \`${text}\`.`);
  const count = intOption(m[2]!, "--shard count", 1, 100000);
  const index = intOption(m[1]!, "--shard index", 0, count - 1);
  return count === 1 ? null : { index, count };
}

/** `relutopo reproduce`: the paper's experiments into a report directory. */
export function registerReproduce(program: Command): void {
  program
    .command("reproduce")
    .description("reproduce the paper's experiments (toy obstruction, breast cancer, probability heat maps) into DIR/index.html, report.md, SVG figures, CSV tables and results.json")
    .argument("[experiment]", `${EXPERIMENTS.join(", ")} or all`, "all")
    .requiredOption("--out <dir>", "report directory (finished cells are cached in DIR/cells/, so a killed run resumes)")
    .option("--quick", "the quick configuration (npm start: about a minute on 2 cores); same as --scale quick")
    .option("--scale <size>", "tiny (seconds, for smoke tests), quick, or full (widths 1..16, 30 seeds; the default)")
    .option("--seed <S>", "seed of every random choice (same seed, same numbers)", "1")
    .option("--shard <i/n>", "run only slice i of n (0 ≤ i < n) and write a partial result for `relutopo merge`; also read from SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT")
    .option("--threads <N>", "worker threads (default: the number of cores)")
    .option("--json", "print a JSON summary")
    .action(async (experiment: string, opts: ReproduceOptions) => {
      const name = choice(experiment, "experiment", [...EXPERIMENTS, "all"] as const) as ExperimentName | "all";
      if (opts.quick && opts.scale !== undefined && opts.scale !== "quick") throw new InputError(`invalid options. Must not combine --quick with --scale ${opts.scale}. Value: \`--quick --scale ${opts.scale}\`.`);
      const scale = opts.quick ? "quick" : choice(opts.scale ?? "full", "--scale", SCALES);
      const seed = intOption(opts.seed, "--seed", 0, 2 ** 31 - 1);
      const shard = parseShard(opts.shard);
      const threads = opts.threads === undefined ? availableParallelism() : intOption(opts.threads, "--threads", 1, 1024);
      if (existsSync(opts.out) && !statSync(opts.out).isDirectory()) throw new InputError(`invalid --out. Must be a directory (it is created when absent). Value: \`${opts.out}\`.`);
      const config = reproduceConfig(scale, seed, name);
      const all = planCells(config);
      const specs = shard === null ? all : shardCells(all, shard.index, shard.count);
      // The experiments and the plotting libraries load only when a run starts, not for every relutopo command.
      const [{ runCells }, { writeManifest }, { buildReport }, { reportVersions }, { writeReport }] = await Promise.all([
        import("../../experiments/runCells.js"),
        import("../../experiments/runManifest.js"),
        import("../../report/buildReport.js"),
        import("../../report/reportVersions.js"),
        import("../../report/writeReport.js"),
      ]);
      const t0 = performance.now();
      const label = shard === null ? "" : ` (shard ${shard.index}/${shard.count})`;
      // The bar starts after the estimate line, so the two do not overwrite each other.
      let bar: Progress | undefined;
      let done = 0;
      const run = await runCells(specs, config, {
        dir: opts.out,
        threads,
        onEstimate: (ms, pending, cached) => {
          process.stderr.write(`reproduce${label}: ${pending} cells to compute, ${cached} cached; estimated ${formatDuration(ms)} more on ${threads} thread${threads === 1 ? "" : "s"}\n`);
          bar = progressBar(specs.length, "reproduce");
          bar.update(done);
        },
        onProgress: (d) => {
          done = d;
          bar?.update(d);
        },
      });
      bar?.stop();
      writeManifest(opts.out, { config, shard, cells: specs.map((s) => s.id) });
      let files: string[] = [];
      if (shard === null) {
        const cellMs = [...run.cells.values()].reduce((s, c) => s + c.ms, 0);
        const timing = { note: "wall-clock facts of this run; the only field of results.json that differs between runs with the same seed", wallSeconds: Math.round((performance.now() - t0) / 100) / 10, cellSeconds: Math.round(cellMs / 100) / 10, computedCells: run.computed, reusedCells: run.reused, threads };
        const report = await buildReport(config, specs, run.cells, { versions: await reportVersions(), timing });
        writeReport(opts.out, report.files);
        files = report.files.map((f) => f.name);
      }
      const seconds = Math.round((performance.now() - t0) / 100) / 10;
      if (opts.json) {
        printJson({ out: opts.out, scale, seed, experiments: config.experiments, shard, cells: specs.length, computed: run.computed, reused: run.reused, files, seconds });
        return;
      }
      if (shard === null) console.log(`report written to ${opts.out}/index.html (${files.filter((f) => f.endsWith(".svg")).length} figures, ${files.filter((f) => f.endsWith(".csv")).length} tables, results.json) in ${formatDuration(seconds * 1000)}`);
      else console.log(`shard ${shard.index}/${shard.count}: ${specs.length} cells in ${opts.out}/cells; combine the shards with: relutopo merge DIR… --out DIR`);
    });
}
