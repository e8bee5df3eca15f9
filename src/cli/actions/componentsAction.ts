import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { networkIn } from "../../net/networkIn.js";
import { networkShape } from "../../net/networkShape.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { componentsReport, type ComponentsReport } from "../../symmetry/componentsReport.js";
import { componentOf } from "../../topology/componentOf.js";
import { enumerateComponents } from "../../topology/enumerateComponents.js";
import { enumerateComponentsWork } from "../../topology/enumerateComponentsWork.js";
import { splitNeurons } from "../../topology/splitNeurons.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { progressBar } from "../progress.js";
import { readTextFile } from "../../io/readTextFile.js";
import { intOption, printJson } from "../options.js";
import { readNetworkFile } from "./inputFiles.js";
import { interruptible } from "../_internals/interruptible.js";

/** The options of `relutopo components`, as commander parsed them. */
export interface ComponentsCliOptions {
  net?: string;
  c?: string;
  cFile?: string;
  dIn?: string;
  e?: string;
  list?: boolean;
  limit: string;
  json?: boolean;
  maxSeconds?: string;
}

/** Parses c values separated by commas, spaces or newlines, exactly. */
export function parseCList(text: string, what: string): Rational[] {
  const parts = text.split(/[\s,]+/).filter((p) => p !== "");
  if (parts.length === 0) throw new InputError({ field: what, expected: "a list of at least one value of c", value: text });
  return parts.map((p) => {
    try {
      return exact.parse(p);
    } catch (err) {
      throw new InputError({ field: what, expected: "a list of exact numbers", value: p, note: (err as Error).message });
    }
  });
}

/** `relutopo components`: reads c (from a network, a list or a file), prints the topology of H(c). */
export async function componentsAction(opts: ComponentsCliOptions, cmd: Command): Promise<void> {
  const sources = [opts.net, opts.c, opts.cFile].filter((s) => s !== undefined).length;
  if (sources !== 1)
    throw new InputError({ field: "options", expected: "exactly one of --net, --c or --c-file", value: `${sources} of them` });
  const limit = BigInt(intOption(opts.limit, "--limit", 0));
  let c: Rational[];
  let dims: { dIn: number; e: number };
  let own: string | undefined;
  if (opts.net !== undefined) {
    if (opts.dIn !== undefined || cmd.getOptionValueSource("e") === "cli")
      throw new InputError({
        field: "options",
        expected: "--net without --d-in and --e",
        value: "--net with --d-in or --e",
        note: "They come from the network.",
      });
    const net = networkIn(readNetworkFile(opts.net, "components"), exact);
    const { dIn, e } = networkShape(net);
    dims = { dIn, e };
    c = neuronInvariants(net, exact);
    own = componentOf(net).pattern;
  } else {
    if (opts.dIn === undefined)
      throw new InputError({ field: "options", expected: "--c or --c-file with --d-in (and --e, default 1)", value: "no --d-in" });
    dims = { dIn: intOption(opts.dIn, "--d-in", 1), e: intOption(opts.e ?? "1", "--e", 1) };
    c = opts.c !== undefined ? parseCList(opts.c, "--c") : parseCList(readTextFile(opts.cFile!), `--c-file ${opts.cFile}`);
  }
  const report: ComponentsReport & { componentOf?: string; list?: string[] } = componentsReport(c, dims);
  if (own !== undefined) report.componentOf = own;
  if (opts.list) {
    const split = splitNeurons(c, dims);
    const work = enumerateComponentsWork(split, limit);
    enforceWorkCap(work, opts.maxSeconds);
    // a bar with ETA on a terminal when the list is long enough to take seconds
    const all = 1n << BigInt(split.all.length);
    const total = Number(limit < all ? limit : all);
    const bar = progressBar(total, "components", work.seconds);
    const list: string[] = [];
    try {
      interruptible("components", bar, () => {
        for (const pattern of enumerateComponents(split, limit)) if (list.push(pattern) % 4096 === 0) bar.update(list.length);
      });
    } finally {
      bar.stop();
    }
    report.list = list;
  }
  if (opts.json) {
    printJson(report);
    return;
  }
  const r = report;
  console.log(`H(c) for l = ${r.l}, d_in = ${r.dIn}, e = ${r.e}`);
  console.log(`Poincaré polynomial: ${r.poincare}`);
  if (r.betti) console.log(`Betti numbers: ${r.betti.join(", ")}`);
  console.log(`components: ${r.components}   strict orbits: ${r.strictOrbits}   effective components: ${r.effective}`);
  console.log(
    `pathological neurons: [${r.pathological.map((k) => k + 1).join(", ")}]   positive-split neurons: [${r.positiveSplit.map((k) => k + 1).join(", ")}]`,
  );
  if (r.componentOf !== undefined) console.log(`this network lies in component ${r.componentOf === "" ? "(the only one)" : r.componentOf}`);
  if (r.list) for (const p of r.list) console.log(`  ${p === "" ? "(connected)" : p}`);
}
