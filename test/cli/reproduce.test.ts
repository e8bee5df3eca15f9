import { cpSync, existsSync, readdirSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToyResults, ToyStartResults } from "../../src/experiments/toySummary.js";
import type { ToyStart } from "../../src/experiments/toyProblem.js";
import { REPORT_COMMANDS, documentArguments, documentDirectory } from "../docs/documentCommands.js";
import { type CliResult, runCli, runCliInProcess } from "../helpers/runCli.js";

// The documents' tiny runs and merge (REPORT_COMMANDS) run here, as written, from a directory
// like a reader's clone; the command reference's tiny run of every experiment is the reference
// run that the checks below share. `npm start` runs the same code at --quick size. A run whose
// figures are compared byte for byte gets a process of its own (vega numbers the clip paths of a
// page process-wide, from the first figure the process renders), as does the one a signal stops;
// the others run in-process.
const root = documentDirectory();
const REFERENCE = REPORT_COMMANDS.find((line) => /^(?:npx )?relutopo reproduce all --scale tiny --out \S+$/.test(line));
const CHROMIUM = "/usr/bin/chromium";
const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** The value of `--name` among a command's arguments, or undefined. */
const option = (args: readonly string[], name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
/** The output directory of a document's `reproduce` or `merge` line, in the directory the lines run from. */
const outOf = (args: readonly string[]): string => join(root, option(args, "--out")!);

const single = outOf(documentArguments(REFERENCE ?? "relutopo reproduce all --scale tiny --out out/report"));

/** results.json as these checks read it: the toy numbers as the experiments layer types them, the rest by name. */
interface Results {
  toy: ToyResults & { starts: Record<ToyStart, ToyStartResults> };
  breastCancer: { runs: number; pathologicalSignChanges: number; split: unknown; table: Record<string, string>[] };
  [key: string]: unknown;
}
const results = (dir: string): Results => JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
/** results.json without its timing field: what must be identical between runs with the same seed. */
const numbers = (dir: string): Results => {
  const { timing, ...rest } = results(dir);
  expect(timing).toBeDefined();
  return rest;
};
/** The cell files of a run directory. */
const cellFiles = (dir: string): string[] => readdirSync(join(dir, "cells")).filter((f) => f.endsWith(".json"));

/** How many cells the reference run has: it computes every one, none cached. */
let cells = 0;

beforeAll(() => {
  expect(REFERENCE, "the command reference (docs/cli.md) shows a tiny run of every experiment").toBeDefined();
  const r = runCli(documentArguments(REFERENCE!), { cwd: root });
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.status).toBe(0);
  const m = /reproduce: (\d+) cells to compute, 0 cached;/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  cells = Number(m![1]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("relutopo reproduce", () => {
  it("should write the report files: page, markdown, results, one SVG per figure and the CSV tables", () => {
    for (const f of [
      "index.html",
      "report.md",
      "results.json",
      "run.json",
      "toy-loss.svg",
      "toy-obstructed-neuron1.svg",
      "toy-good-neuron2.svg",
      "breast-cancer-loss-vs-lplus.svg",
      "breast-cancer-loss-vs-lplus-and-fraction.svg",
      "breast-cancer-first-neuron.svg",
      "breast-cancer.csv",
      "probability-kaiming-normal.csv",
      "probability-xavier-normal.csv",
    ]) {
      expect(existsSync(join(single, f)), f).toBe(true);
    }
    expect(cellFiles(single)).toHaveLength(cells);
    const csv = readFileSync(join(single, "breast-cancer.csv"), "utf8").trim().split("\n");
    // widths 1, 2, 4 at tiny scale: (1+1) + (2+1) + (4+1) rows of (l, l₊) and a header.
    expect(csv[0]).toBe("l,l_plus,l_plus_over_l,runs,mean_test_loss,se_test_loss,mean_test_accuracy,mean_train_loss");
    expect(csv).toHaveLength(1 + 2 + 3 + 5);
  });

  it("should put one inline <svg> per figure file in a self-contained index.html", () => {
    const html = readFileSync(join(single, "index.html"), "utf8");
    const figures = readdirSync(single).filter((f) => f.endsWith(".svg"));
    expect(figures.length).toBeGreaterThanOrEqual(7);
    expect(html.match(/<svg[\s>]/g) ?? []).toHaveLength(figures.length);
    for (const f of figures) expect(html).toContain(`id="${f}"`);
    expect(html).not.toMatch(/<script|<link|src="http|@import/);
    const md = readFileSync(join(single, "report.md"), "utf8");
    for (const f of figures) expect(md).toContain(`](${f})`);
  });

  it("should record that the obstructed toy start stalls above the good one, at the floor 5/8, with no sign change of a pathological output weight", () => {
    const { toy } = results(single);
    expect(Number(toy.stallLoss)).toBeGreaterThan(Number(toy.goodLoss));
    // Both output weights ≤ 0 means f ≤ 0, hence L ≥ mean(y²) = 5/8; gradient descent gets there.
    expect(Number(toy.stallLoss)).toBeGreaterThanOrEqual(0.625);
    expect(Number(toy.stallLoss)).toBeLessThan(0.6251);
    expect(Number(toy.goodLoss)).toBeLessThan(0.01);
    expect(toy.pathologicalSignChanges).toBe(0);
    expect(toy.starts.obstructed.c0).toEqual(["-3/5", "-47/100"]);
    // The paper's picture: two pathological neurons, 4 components, 3 effective ones; the start's "--" misses the target.
    expect(toy.topology.obstructed).toMatchObject({ components: "4", effective: "3", component: "--", obstructed: true });
    expect(toy.topology.good).toMatchObject({ components: "1", obstructed: false });
    expect(toy.starts.obstructed.gd.signsT).toEqual([-1, -1]);
    // The good start's output weights do change sign: the check above could fail.
    expect(toy.starts.good.gd.signs0).toEqual([-1, -1]);
    expect(toy.starts.good.gd.signsT).toEqual([1, 1]);
    // GD's drift of c_k is exactly η²(‖g_w‖² − ‖g_a‖²) per step, to the 50-digit rounding.
    expect(Number(toy.starts.obstructed.gd.maxDriftIdentityError)).toBeLessThan(1e-45);
    expect(Number(toy.starts.obstructed.gd.maxInvariantDrift)).toBeGreaterThan(1e-3);
  });

  it("should record a 50-digit gradient flow that keeps every c_k to 1e-45 and agrees with the stall", () => {
    const { toy } = results(single);
    expect(toy.flow).not.toBeNull();
    expect(Number(toy.flowMaxDrift)).toBeLessThanOrEqual(1e-45);
    expect(Number(toy.stallLossFlow)).toBeGreaterThanOrEqual(0.625);
    expect(Number(toy.stallLossFlow)).toBeGreaterThan(Number(toy.goodLossFlow));
    expect(toy.starts.obstructed.flow?.signChanges).toEqual([]);
  });

  it("should record breast-cancer runs in which no pathological output weight changed sign", () => {
    const { breastCancer } = results(single);
    expect(breastCancer.runs).toBe(2 * (2 + 3 + 5));
    expect(breastCancer.pathologicalSignChanges).toBe(0);
    expect(breastCancer.split).toEqual({ train: 455, test: 114, testFraction: 0.2 });
    for (const row of breastCancer.table) expect(Number(row.mean_test_loss)).toBeGreaterThan(0);
  });

  it("should write the deep section, its figure and table, and its results.json entry", () => {
    for (const f of ["deep-pathological.svg", "deep.csv"]) expect(existsSync(join(single, f)), f).toBe(true);
    expect(readFileSync(join(single, "report.md"), "utf8")).toContain("## 5. Deeper networks: the last hidden layer");
    const { deep } = results(single) as unknown as {
      deep: { seeds: number; lastLayer: { neurons: number; pathological: number; ci95: string[] }; predicted: { dIn: number; p: string } };
    };
    expect(deep.seeds).toBe(4);
    expect(deep.lastLayer.neurons).toBe(4 * 2);
    expect(deep.lastLayer.pathological).toBeLessThanOrEqual(deep.lastLayer.neurons);
    expect(deep.lastLayer.ci95).toHaveLength(2);
    expect(deep.predicted.dIn).toBe(5);
    expect(Number(deep.predicted.p)).toBeGreaterThan(0.1);
    expect(Number(deep.predicted.p)).toBeLessThan(0.2);
  });

  it("should write the convolutional section, its figure and table, and a results.json entry with exactly zero exact residuals", () => {
    for (const f of ["conv-digits-drift.svg", "conv-digits-batchnorm.svg", "conv-digits.csv"])
      expect(existsSync(join(single, f)), f).toBe(true);
    expect(readFileSync(join(single, "report.md"), "utf8")).toContain("## 6. Convolutions: the law of each channel");
    const { convDigits } = results(single) as unknown as {
      convDigits: { exactMismatches: number[]; exact: { steps: number; channels: { residual: string; observed: string }[] } };
    };
    expect(convDigits.exactMismatches).toEqual([]);
    expect(convDigits.exact.channels).toHaveLength(4);
    for (const c of convDigits.exact.channels) expect(c.residual).toBe("0");
    expect(convDigits.exact.channels.some((c) => Number(c.observed) !== 0)).toBe(true);
    const csv = readFileSync(join(single, "conv-digits.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("arithmetic,channel,c_0,c_N,observed_drift,predicted_drift,residual,relative_residual");
    expect(csv).toHaveLength(1 + 2 * 4);
    // the batch-normalised runs: a per-step residual within float64 rounding, a growth factor per channel
    const bn = (convDigits as unknown as { batchNorm: { relResidual: string; growth: string[] } }).batchNorm;
    expect(Number(bn.relResidual)).toBeLessThan(1e-14);
    expect(bn.growth).toHaveLength(4);
  });

  it("should record the optimiser comparison: each optimiser from the same starts, GD keeping the toy's obstructed start at the floor", () => {
    const { optimizers } = results(single) as unknown as {
      optimizers: {
        toy: { optimizer: string; pathologicalNeurons: number; signChanges: number; lossObstructed: string; lossGood: string }[];
        breastCancer: {
          optimizer: string;
          runs: number;
          pathologicalNeurons: number;
          signChanges: number;
          effectZeroToOne: { pairs: number };
        }[];
      };
    };
    const labels = ["GD", "SGD", "SGD + momentum", "SGD + weight decay", "Adam"];
    expect(optimizers.toy.map((t) => t.optimizer)).toEqual(labels);
    expect(optimizers.breastCancer.map((t) => t.optimizer)).toEqual(labels);
    const gd = optimizers.toy[0]!;
    expect(gd.pathologicalNeurons).toBe(2);
    expect(gd.signChanges).toBe(0);
    expect(Number(gd.lossObstructed)).toBeGreaterThanOrEqual(0.625);
    // tiny: width 2, 2 seeds, l₊ = 0, 1, 2: 6 runs with 2 + 1 + 0 pathological neurons each seed
    for (const b of optimizers.breastCancer) {
      expect(b.runs).toBe(6);
      expect(b.pathologicalNeurons).toBe(6);
      expect(b.signChanges).toBeLessThanOrEqual(b.pathologicalNeurons);
      expect(b.effectZeroToOne.pairs).toBe(2);
    }
    for (const f of [
      "optimizers-toy-loss.svg",
      "optimizers-pathological-fate.svg",
      "optimizers-invariant-change.svg",
      "optimizers-lplus-effect.svg",
    ])
      expect(existsSync(join(single, f)), f).toBe(true);
    const csv = readFileSync(join(single, "optimizers.csv"), "utf8").trim().split("\n");
    expect(csv).toHaveLength(1 + 2 * labels.length);
  });

  it("should run the documents' other tiny runs and merge as written: an experiment alone gives its numbers of the reference run, another seed others, two shards merged its report", async () => {
    // Arrange: each line once, in the documents' order (a merge after its shards)
    const runs = REPORT_COMMANDS.filter((line) => line !== REFERENCE).map((line) => ({ line, args: documentArguments(line) }));
    const alone = runs.filter(({ args }) => args[0] === "reproduce" && args[1] !== "all");
    const shards = runs.filter(({ args }) => args[0] === "reproduce" && args[1] === "all");
    const merges = runs.filter(({ args }) => args[0] === "merge");
    // what the checks below need of the documents: a run with another seed, and two shards that one merge combines
    expect(alone.some(({ args }) => (option(args, "--seed") ?? "1") !== "1")).toBe(true);
    expect(shards.map(({ args }) => option(args, "--shard")).sort()).toEqual(["0/2", "1/2"]);
    expect(merges).toHaveLength(1);
    // Act: a merge's figures are compared byte for byte with the reference run's, so it gets a process of its own
    for (const { line, args } of runs) {
      const r = args[0] === "merge" ? runCli(args, { cwd: root }) : await runCliInProcess(args, { cwd: root });
      expect(r.stderr, line).not.toMatch(/internal error/);
      expect(r.status, `${line}\n${r.stderr}`).toBe(0);
    }
    // Assert: an experiment alone gives the reference run's section of results.json for the same seed, other numbers for another
    const reference = results(single);
    const figures = readdirSync(single).filter((f) => f.endsWith(".svg"));
    for (const { line, args } of alone) {
      const dir = outOf(args);
      const own = results(dir);
      const key = args[1]!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      expect(own.experiments, line).toEqual([args[1]]);
      expect(own[key], line).toBeDefined();
      if ((option(args, "--seed") ?? "1") === "1") expect(own[key], line).toEqual(reference[key]);
      else expect(JSON.stringify(own[key]), line).not.toBe(JSON.stringify(reference[key]));
      // its own figures only, each one the reference run also draws
      const ownFigures = readdirSync(dir).filter((f) => f.endsWith(".svg"));
      expect(ownFigures.length, line).toBeGreaterThan(0);
      expect(ownFigures.length, line).toBeLessThan(figures.length);
      for (const f of ownFigures) expect(figures, line).toContain(f);
    }
    // a shard writes its cells and its shard file but no report; the two shards hold every cell once
    for (const { args } of shards) {
      const dir = outOf(args);
      const [i, n] = option(args, "--shard")!.split("/");
      expect(existsSync(join(dir, `shard-${i}-of-${n}.json`))).toBe(true);
      expect(existsSync(join(dir, "index.html"))).toBe(false);
    }
    expect(shards.flatMap(({ args }) => cellFiles(outOf(args))).sort()).toEqual(cellFiles(single).sort());
    // one shard alone is not a run
    const partial = await runCliInProcess(["merge", outOf(shards[0]!.args), "--out", join(root, "partial")]);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toMatch(/^relutopo: invalid shards\. Must be a set that covers every cell/);
    expect(existsSync(join(root, "partial"))).toBe(false);
    // the merged report is the reference run's, figures and tables byte for byte
    const merged = outOf(merges[0]!.args);
    expect(numbers(merged)).toEqual(numbers(single));
    for (const f of readdirSync(single).filter((x) => x.endsWith(".svg") || x.endsWith(".csv"))) {
      expect(readFileSync(join(merged, f), "utf8"), f).toBe(readFileSync(join(single, f), "utf8"));
    }
  });

  it("should take its shard from a Slurm array job's environment", async () => {
    // Arrange: the second of two shards of the two probability cells
    const out = join(root, "slurm");
    process.env.SLURM_ARRAY_TASK_ID = "1";
    process.env.SLURM_ARRAY_TASK_COUNT = "2";
    // Act
    let r: CliResult;
    try {
      r = await runCliInProcess(["reproduce", "probability", "--scale", "tiny", "--out", out, "--threads", "1", "--json"]);
    } finally {
      delete process.env.SLURM_ARRAY_TASK_ID;
      delete process.env.SLURM_ARRAY_TASK_COUNT;
    }
    // Assert: one cell, the same as the reference run's, and no report
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ shard: { index: 1, count: 2 }, cells: 1, computed: 1 });
    expect(existsSync(join(out, "shard-1-of-2.json"))).toBe(true);
    expect(existsSync(join(out, "index.html"))).toBe(false);
    const [cell] = cellFiles(out);
    const { result, fingerprint } = JSON.parse(readFileSync(join(out, "cells", cell!), "utf8"));
    const same = JSON.parse(readFileSync(join(single, "cells", cell!), "utf8"));
    expect({ result, fingerprint }).toEqual({ result: same.result, fingerprint: same.fingerprint });
  });

  it("should refuse up front a run estimated past --max-seconds, naming the estimate, writing nothing", async () => {
    const out = join(root, "capped");
    const r = await runCliInProcess(["reproduce", "all", "--scale", "full", "--threads", "1", "--out", out, "--max-seconds", "60"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^relutopo: invalid work\. Must be at most ~60 s estimated\. Value: `~[\d.]+ min \(\d+ cells to compute on 1 thread\)`\. Raise --max-seconds to run it\.\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("should stop on Ctrl-C with one line and exit 3, keeping the finished cells, and resume from them to the reference run's numbers and figures", async () => {
    // Arrange: a run that lacks three cells (the heaviest, conv-digits-float, among them), interrupted
    // once its first cell is done and the estimate printed; the other cells are the single run's.
    const out = join(root, "interrupted");
    cpSync(join(single, "cells"), join(out, "cells"), { recursive: true });
    for (const cell of ["breast-cancer-l002-s0000", "conv-digits-float", "toy-flow-good"]) unlinkSync(join(out, "cells", `${cell}.json`));
    const child = spawn(process.execPath, [MAIN, "reproduce", "all", "--scale", "tiny", "--out", out, "--threads", "2"], {
      env: { ...process.env, CI: "true" },
    });
    let stderr = "";
    let stdout = "";
    let sent = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    // Act
    const status = await new Promise<number | null>((resolve) => {
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (!sent && /cells to compute/.test(stderr)) sent = child.kill("SIGINT");
      });
      child.on("close", (code) => resolve(code));
    });
    // Assert: one line after the estimate, exit 3, no report, no temporary file; the rerun reuses the kept cells
    expect(status).toBe(3);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    const last = lines[lines.length - 1]!;
    const m =
      /^relutopo: reproduce: interrupted \(Ctrl-C\): the (\d+) finished cells are kept in .+, and the same command resumes from them at cell (\d+) of (\d+)$/.exec(
        last,
      );
    expect(m, stderr).not.toBeNull();
    expect(lines.filter((l) => l.startsWith("relutopo:"))).toHaveLength(1);
    const finished = Number(m![1]);
    const kept = readdirSync(join(out, "cells"));
    expect(kept.filter((f) => f.endsWith(".json"))).toHaveLength(finished);
    expect(kept.filter((f) => !f.endsWith(".json"))).toEqual([]);
    expect(existsSync(join(out, "index.html"))).toBe(false);
    // Act again: the same command, in a process of its own so that its figures compare byte for byte
    const r = runCli(["reproduce", "all", "--scale", "tiny", "--out", out, "--json"]);
    // Assert: it computes only the cells not kept, and its report is the reference run's
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.status).toBe(0);
    const resumed = JSON.parse(r.stdout);
    expect([resumed.cells, resumed.computed, resumed.reused]).toEqual([cells, cells - finished, finished]);
    expect(numbers(out)).toEqual(numbers(single));
    expect(existsSync(join(out, "index.html"))).toBe(true);
    for (const f of readdirSync(single).filter((x) => x.endsWith(".svg") || x.endsWith(".csv"))) {
      expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(single, f), "utf8"));
    }
  });

  it("should count only the cells not cached in the estimate of a resumed run", async () => {
    // Arrange: a finished conv-digits run, its cells the reference run's (its report is only two figures to draw)
    const out = join(root, "conv-digits-done");
    const convCells = cellFiles(single).filter((f) => f.startsWith("conv-digits-"));
    expect(convCells.length).toBeGreaterThan(0);
    for (const f of convCells) cpSync(join(single, "cells", f), join(out, "cells", f));
    const args = ["reproduce", "conv-digits", "--scale", "tiny", "--max-seconds", "4", "--json", "--out"];
    // Act
    const fresh = await runCliInProcess([...args, join(root, "conv-digits-fresh")]);
    const resumed = await runCliInProcess([...args, out]);
    // Assert: a cap of 4 s (the fixed cost is 3 s) refuses the run from scratch up front, yet lets the finished one through
    expect(fresh.status).toBe(2);
    expect(fresh.stderr).toMatch(/^relutopo: invalid work\. Must be at most ~4 s estimated\. Value: `~[\d.]+ s \(\d+ cells to compute/);
    expect(existsSync(join(root, "conv-digits-fresh"))).toBe(false);
    expect(resumed.stderr).toBe("");
    expect(resumed.status).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ cells: convCells.length, computed: 0, reused: convCells.length });
  });

  it("should reject bad input with one line on stderr and exit code 2, writing nothing", async () => {
    const out = join(root, "bad");
    for (const args of [["nonsense"], ["all", "--shard", "2/2"], ["all", "--quick", "--scale", "full"]]) {
      const r = await runCliInProcess(["reproduce", ...args, "--out", out]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(r.stderr).toMatch(/^relutopo: invalid /);
      expect(r.stdout).toBe("");
    }
    expect(existsSync(out)).toBe(false);
    const file = join(single, "report.md");
    const onFile = await runCliInProcess(["reproduce", "toy", "--scale", "tiny", "--out", file]);
    expect(onFile.status).toBe(2);
    expect(onFile.stderr).toMatch(/^relutopo: invalid --out\. Must be a directory/);
    const m = await runCliInProcess(["merge", join(root, "nowhere"), "--out", out]);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/^relutopo: invalid run directory/);
  });

  it("should render every figure with a non-zero size in Chromium, when Debian's chromium is installed", async () => {
    if (!existsSync(CHROMIUM)) {
      console.log(
        `note: ${CHROMIUM} is not installed, so the browser check of index.html did not run (apt-get install chromium to run it)`,
      );
      return;
    }
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(single, "index.html")).href);
      const sizes = await page.$$eval("figure.figure svg", (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return [r.width, r.height];
        }),
      ); // prettier-ignore
      expect(sizes).toHaveLength(readdirSync(single).filter((f) => f.endsWith(".svg")).length);
      for (const [w, h] of sizes) {
        expect(w).toBeGreaterThan(100);
        expect(h).toBeGreaterThan(100);
      }
    } finally {
      await browser.close();
    }
  });
});

describe("parseShard", () => {
  it("should read i/n, then Slurm's array variables, and treat one shard as the whole run", async () => {
    const { parseShard } = await import("../../src/cli/commands/reproduce.js");
    expect(parseShard("1/3", {})).toEqual({ index: 1, count: 3 });
    expect(parseShard("0/1", {})).toBeNull();
    expect(parseShard(undefined, {})).toBeNull();
    expect(parseShard(undefined, { SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_COUNT: "3" })).toEqual({
      index: 1,
      count: 3,
    });
    expect(parseShard("2/4", { SLURM_ARRAY_TASK_ID: "0", SLURM_ARRAY_TASK_COUNT: "2" })).toEqual({ index: 2, count: 4 });
    expect(() => parseShard("3/3", {})).toThrow(/invalid --shard index/);
    expect(() => parseShard(undefined, { SLURM_ARRAY_TASK_ID: "3", SLURM_ARRAY_TASK_COUNT: "3" })).toThrow(/invalid Slurm array task/);
  });
});
