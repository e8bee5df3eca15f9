import { InputError } from "../../errors.js";
import { lawArchitecture } from "../../laws/lawArchitecture.js";
import { type LawsReport, lawsReport } from "../../laws/lawsReport.js";
import { lawsWork } from "../../laws/lawsWork.js";
import { enforceWorkCap } from "../enforceWorkCap.js";
import { progressBar } from "../progress.js";
import { choice, intOption, printJson } from "../options.js";
import { interruptible } from "../_internals/interruptible.js";

/** The stages of a law computation the progress bar counts (see `conservationLaws`). */
const STAGES = 3;

/** The options of `relutopo laws`, as commander parsed them. */
export interface LawsCliOptions {
  widths: string;
  bias?: boolean;
  activation: string;
  degree: string;
  seed: string;
  dynamics: string;
  json?: boolean;
  maxSeconds?: string;
}

/** Parses `d,h1,…,e`. @throws InputError */
export function parseWidths(text: string, option = "--widths"): number[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length < 3 || parts.some((p) => p === ""))
    throw new InputError({ field: option, expected: "at least three positive integers d,h1,…,e", value: text });
  return parts.map((p) => intOption(p, option, 1, 10_000));
}

/** `relutopo laws`: computes the laws of the architecture and prints them. */
export async function lawsAction(opts: LawsCliOptions): Promise<void> {
  const arch = lawArchitecture(parseWidths(opts.widths), { bias: opts.bias ?? false, activation: opts.activation });
  const degree = intOption(opts.degree, "--degree", 1, 8);
  const dynamics = choice(opts.dynamics, "--dynamics", ["gradient", "momentum"] as const);
  const seed = intOption(opts.seed, "--seed", 1, 2 ** 31 - 1);
  const work = lawsWork([arch], degree, [dynamics]);
  enforceWorkCap(work, opts.maxSeconds);
  // a bar with ETA on a terminal when the estimate passes a few seconds, moved after each stage
  const bar = progressBar(STAGES, "laws", work.seconds);
  let report: LawsReport;
  try {
    report = interruptible("laws", bar, () =>
      lawsReport(arch, { degree, dynamics, seed, onProgress: (f) => bar.update(Math.round(f * STAGES)) }),
    );
  } finally {
    bar.stop();
  }
  if (opts.json) {
    printJson(report);
    return;
  }
  console.log(
    `conservation laws of ${report.widths.join(",")} ${report.activation}${report.bias ? " with biases" : ""} (${report.parameters} parameters, degree ≤ ${report.degree})`,
  );
  if (dynamics === "momentum") console.log("momentum flow θ'' + θ' = −∇L: laws h(t, θ, θ'), a primed name is a velocity");
  console.log(`count: ${report.count}   lower: ${report.lower}   upper: ${report.upper}   certified: ${report.certified}`);
  if (report.known) console.log(`closed form: ${report.known.count} (${report.known.reason})`);
  for (const law of report.laws) console.log(`  ${law}`);
  if (report.dependentLaws.length > 0)
    console.log(`and ${report.dependentLaws.length} more polynomial laws, functions of these (--json lists them)`);
  console.log(`${report.seconds} s`);
}
