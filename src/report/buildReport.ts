import type { StoredCell } from "../runner/cellStore.js";
import type { CellSpec } from "../runner/planCells.js";
import type { ReproduceConfig } from "../experiments/reproduceConfig.js";
import { summariseRun } from "../experiments/summariseRun.js";
import { formatTable } from "../table/formatTable.js";
import { breastCancerSection } from "./_internals/breastCancerSection.js";
import { convDigitsSection } from "./_internals/convDigitsSection.js";
import { deepSection } from "./_internals/deepSection.js";
import { optimizersSection } from "./_internals/optimizersSection.js";
import { probabilitySection } from "./_internals/probabilitySection.js";
import { shortNumber } from "./shortNumber.js";
import type { ReportDocument, ReportSection } from "./reportDocument.js";
import { renderReportHtml } from "./renderReportHtml.js";
import { renderReportMarkdown } from "./renderReportMarkdown.js";
import { toySection } from "./_internals/toySection.js";
import { atFloor, lossDecreasePhrase } from "./_internals/findings.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * The first line of the report's summary: whether the toy's obstructed start
 * stalled at the floor while the same function with c_k > 0 fitted, from the
 * final losses (and says so when the data do not show it).
 */
function toyGlance(toy: { stallLoss: string; goodLoss: string; floor: string }): string {
  const { num, den } = parseRational(toy.floor);
  const floor = Number(num) / Number(den);
  const stall = Number(toy.stallLoss);
  const good = Number(toy.goodLoss);
  const losses = `the obstructed start ends at loss ${shortNumber(stall)} and the same function with c_k > 0 at ${shortNumber(good)}`;
  if (atFloor(stall, floor) && good < floor)
    return `Obstruction happens: on the toy obstruction (section 1; relutopo demo tours the same toy) ${losses}: the first stalls at ${toy.floor}, the best any network with negative output weights can do, and the second goes below it.`;
  return `On the toy obstruction (section 1) ${losses}; the floor is ${toy.floor}, the best any network with negative output weights can do, so the data of this run do not show the obstructed start stalling while the other fits.`;
}

/** Versions and timings recorded beside the numbers. */
export interface ReportMeta {
  versions: Record<string, string>;
  /** Wall-clock facts; kept apart in results.json under `timing` and excluded from reproducibility comparisons. */
  timing: Record<string, unknown>;
}

/** A file of the report: name relative to the run directory, and its text. */
export interface ReportFile {
  name: string;
  text: string;
}

/**
 * Builds the whole report from the finished cells of a run: `index.html`
 * (self-contained), `report.md`, one SVG per figure, one CSV per table and
 * `results.json` with every number the text quotes. A pure function of
 * (config, cells) apart from `meta.timing`, so a sharded run merged gives the
 * same files as a single run. The numbers come from `summariseRun` in the
 * experiments layer; this function only renders them.
 *
 * @param config - the run's configuration
 * @param specs - every cell of the run, in plan order
 * @param cells - the finished cells by id
 * @param meta - versions and timings to record
 * @returns the files in writing order (index.html last) and the contents of results.json
 */
export async function buildReport(
  config: ReproduceConfig,
  specs: readonly CellSpec[],
  cells: ReadonlyMap<string, StoredCell>,
  meta: ReportMeta,
): Promise<{ files: ReportFile[]; results: Record<string, unknown> }> {
  const run = summariseRun(config, specs, cells);
  const sections: ReportSection[] = [];
  const results: Record<string, unknown> = {
    relutopo: meta.versions.relutopo,
    versions: meta.versions,
    seed: config.seed,
    scale: config.scale,
    experiments: config.experiments,
    config: { toy: config.toy, breastCancer: config.breastCancer, probability: config.probability, optimizers: config.optimizers },
  };
  if (run.toy) {
    sections.push(await toySection(config.toy, run.toy.cells, run.toy.summary));
    results.toy = run.toy.summary.results;
  }
  if (run.breastCancer) {
    sections.push(await breastCancerSection(config.breastCancer, run.breastCancer.summary));
    results.breastCancer = run.breastCancer.summary.results;
  }
  if (run.probability) {
    sections.push(await probabilitySection(config.probability, run.probability.cells, run.probability.summary));
    results.probability = run.probability.summary.results;
  }
  if (run.optimizers) {
    sections.push(await optimizersSection(config.optimizers, run.optimizers.summary));
    results.optimizers = run.optimizers.summary.results;
  }
  if (run.deep) {
    sections.push(await deepSection(config.deep, run.deep.summary));
    results.deep = run.deep.summary.results;
  }
  if (run.convDigits) {
    sections.push(await convDigitsSection(config.convDigits, run.convDigits.summary));
    results.convDigits = run.convDigits.summary.results;
  }
  results.timing = meta.timing;
  const glance: string[] = [];
  if (run.toy) glance.push(toyGlance(run.toy.summary.results));
  if (run.breastCancer) {
    const bc = run.breastCancer.summary;
    const rest = bc.effectOneToAll ? `; going from one to all of them ${lossDecreasePhrase(bc.effectOneToAll)}` : "";
    glance.push(
      `What it costs: on breast cancer, going from no non-pathological neuron at initialisation to one (effectZeroToOne.mean in results.json, the loss before minus after) ${lossDecreasePhrase(bc.effectZeroToOne)}${rest}; ${shortNumber(bc.pathologicalFraction * 100)} % of the neurons were pathological at PyTorch's default initialisation.`,
    );
  }
  const prob = results.probability as { schemes: Record<string, Record<string, { pDisconnected: string } | null>> } | undefined;
  if (prob) {
    const k = prob.schemes["kaiming-normal"]?.["dIn=2,l=1"];
    const x = prob.schemes["xavier-normal"]?.["dIn=2,l=1"];
    if (k && x)
      glance.push(
        `How often: a one-neuron network with fan-in 2 starts with a disconnected invariant set with probability ${shortNumber(k.pDisconnected)} under Kaiming normal and ${shortNumber(x.pDisconnected)} under Xavier normal initialisation; the heat maps give every fan-in and width.`,
      );
  }
  const doc: ReportDocument = {
    title: "relutopo: topological obstruction to training shallow ReLU networks",
    intro: [
      "A reproduction of the experiments of Nurisso, Leroy and Vaccarino, “Topological obstruction to the training of shallow ReLU neural networks” (NeurIPS 2024). Along gradient flow every hidden neuron keeps c_k = ‖w_k‖² + b_k² − ‖a_k‖²; with a scalar output a neuron with c_k < 0 (pathological) can never change the sign of its output weight, so the set of reachable parameters falls apart into components and an optimum may be out of reach.",
      ...glance,
      `Run: scale ${config.scale}, seed ${config.seed}, experiments ${config.experiments.join(", ")}. Every number quoted below is in results.json; every figure is also an SVG file and every table a CSV file beside this page.`,
    ],
    sections,
    footer: [
      `relutopo ${meta.versions.relutopo}; ${Object.entries(meta.versions)
        .filter(([k]) => k !== "relutopo")
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}. Same seed, same numbers: results.json differs between runs only in its "timing" field.`,
    ],
  };
  const files: ReportFile[] = [];
  for (const s of sections) {
    for (const f of s.figures) files.push({ name: f.file, text: f.svg });
    for (const t of s.tables) files.push({ name: t.file, text: formatTable(t.table, "csv") });
  }
  files.push({ name: "report.md", text: renderReportMarkdown(doc) });
  files.push({ name: "results.json", text: `${JSON.stringify(results, null, 2)}\n` });
  // index.html last: its presence means the report is complete.
  files.push({ name: "index.html", text: renderReportHtml(doc) });
  return { files, results };
}
