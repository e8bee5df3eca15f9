import { availableParallelism } from "node:os";
import { InputError } from "../../errors.js";
import { EXPERIMENTS, type ExperimentName, type Scale } from "../../experiments/reproduceConfig.js";
import { formatDuration } from "../../report/formatDuration.js";
import { type ReproduceSummary, reproduce } from "../../runner/reproduce.js";
import { reproduceWork } from "../../runner/reproduceWork.js";
import { parseShard } from "../commands/reproduce.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { choice, intOption, printJson } from "../options.js";
import { progressBar, type Progress } from "../progress.js";
import { reportWriter } from "./reportWriter.js";
import { ctrlC } from "../_internals/ctrlC.js";

/** The options of `relutopo reproduce`, as commander parsed them. */
export interface ReproduceCliOptions {
  out: string;
  quick?: boolean;
  scale?: string;
  seed: string;
  shard?: string;
  threads?: string;
  json?: boolean;
  maxSeconds?: string;
}

const SCALES: readonly Scale[] = ["tiny", "quick", "full"];

/** `relutopo reproduce`: parses the options, runs the runner's `reproduce`, prints progress and a summary. */
export async function reproduceAction(experiment: string, opts: ReproduceCliOptions): Promise<void> {
  const name = choice(experiment, "experiment", [...EXPERIMENTS, "all"] as const) as ExperimentName | "all";
  if (opts.quick && opts.scale !== undefined && opts.scale !== "quick")
    throw new InputError({
      field: "options",
      expected: `--quick or --scale ${opts.scale}, not both`,
      value: `--quick --scale ${opts.scale}`,
    });
  const scale = opts.quick ? "quick" : choice(opts.scale ?? "full", "--scale", SCALES);
  const seed = intOption(opts.seed, "--seed", 0, 2 ** 31 - 1);
  const shard = parseShard(opts.shard);
  const threads = opts.threads === undefined ? availableParallelism() : intOption(opts.threads, "--threads", 1, 1024);
  const run = { out: opts.out, experiment: name, scale, seed, shard, threads };
  const work = reproduceWork(run);
  const cap = enforceWorkCap(work, opts.maxSeconds);
  const label = shard === null ? "" : ` (shard ${shard.index}/${shard.count})`;
  // The bar starts after the estimate line, so the two do not overwrite each other.
  let bar: Progress | undefined;
  let done = 0;
  let total = 0;
  let summary: ReproduceSummary;
  // Ctrl-C stops between cells with one line (exit 3); the finished cells resume on the next run.
  const interrupt = ctrlC();
  try {
    summary = await reproduce({
      ...run,
      maxSeconds: cap,
      signal: interrupt.signal,
      report: reportWriter,
      onEstimate: (ms, pending, cached, basis) => {
        // the bar owns the terminal's last line: stop it, print, start it again
        bar?.stop();
        process.stderr.write(
          basis.calibrated
            ? `reproduce${label}: re-estimated ${formatDuration(ms)} more for ${pending} cells, calibrated on the first ${basis.cells} cells run\n`
            : `reproduce${label}: ${pending} cells to compute, ${cached} cached; estimated ${formatDuration(ms)} more on ${threads} thread${threads === 1 ? "" : "s"} (from the first cell; re-estimated after a few more)\n`,
        );
        bar = progressBar(total, "reproduce", ms / 1000);
        bar.update(done);
      },
      onProgress: (d, n) => {
        done = d;
        total = n;
        bar?.update(d);
      },
    });
  } finally {
    interrupt.dispose();
    bar?.stop();
  }
  const s = summary;
  if (opts.json) {
    printJson({
      out: s.out,
      scale: s.scale,
      seed: s.seed,
      experiments: s.experiments,
      shard: s.shard,
      cells: s.cells,
      computed: s.computed,
      reused: s.reused,
      files: s.files,
      seconds: s.seconds,
    });
    return;
  }
  if (shard === null)
    console.log(
      `report written to ${opts.out}/index.html (${s.files.filter((f) => f.endsWith(".svg")).length} figures, ${s.files.filter((f) => f.endsWith(".csv")).length} tables, results.json) in ${formatDuration(s.seconds * 1000)}`,
    );
  else
    console.log(
      `shard ${shard.index}/${shard.count}: ${s.cells} cells in ${opts.out}/cells; combine the shards with: relutopo merge DIR… --out DIR`,
    );
}
