import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { lawArchitecture } from "../../laws/architecture.js";
import { lawsReport } from "../../laws/lawsReport.js";
import { intOption, printJson } from "../options.js";

interface LawsOptions {
  widths: string;
  bias?: boolean;
  activation: string;
  degree: string;
  seed: string;
  json?: boolean;
}

/** Parses `d,h1,…,e`. @throws InputError */
export function parseWidths(text: string, option = "--widths"): number[] {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length < 3 || parts.some((p) => p === "")) throw new InputError(`invalid ${option}. Must be at least three positive integers d,h1,…,e. Value: \`${text}\`.`);
  return parts.map((p) => intOption(p, option, 1, 10_000));
}

/** `relutopo laws`: the conservation laws of an architecture, exact over Q, with a certified count. */
export function registerLaws(program: Command): void {
  program
    .command("laws")
    .description("conservation laws of the gradient flow of an architecture: explicit polynomial laws over Q and a certified count (Lie-algebra rank)")
    .requiredOption("--widths <list>", "layer widths d,h1,…,e (one hidden layer or more), e.g. 3,4,1")
    .option("--bias", "a bias on every layer")
    .option("--activation <name>", "relu, leaky_relu:<slope>, abs or linear (every hidden layer)", "relu")
    .option("--degree <k>", "largest degree of the explicit laws", "2")
    .option("--seed <s>", "seed of the rational point where ranks are taken", "1")
    .option("--json", "print JSON")
    .action((opts: LawsOptions) => {
      const arch = lawArchitecture(parseWidths(opts.widths), { bias: opts.bias ?? false, activation: opts.activation });
      const report = lawsReport(arch, { degree: intOption(opts.degree, "--degree", 1, 8), seed: intOption(opts.seed, "--seed", 1, 2 ** 31 - 1) });
      if (opts.json) {
        printJson(report);
        return;
      }
      console.log(`conservation laws of ${report.widths.join(",")} ${report.activation}${report.bias ? " with biases" : ""} (${report.parameters} parameters, degree ≤ ${report.degree})`);
      console.log(`count: ${report.count}   lower: ${report.lower}   upper: ${report.upper}   certified: ${report.certified}`);
      if (report.known) console.log(`closed form: ${report.known.count} (${report.known.reason})`);
      for (const law of report.laws) console.log(`  ${law}`);
      if (report.dependentLaws.length > 0) console.log(`and ${report.dependentLaws.length} more polynomial laws, functions of these (--json lists them)`);
      console.log(`${report.seconds} s`);
    });
}
