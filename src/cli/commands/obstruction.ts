import type { Command } from "commander";
import { networkIn } from "../../net/network.js";
import { exact } from "../../scalar/exact.js";
import { obstruction } from "../../symmetry/obstruction.js";
import { intOption, printJson, readNetworkFile } from "../options.js";

/** `relutopo obstruction`: can the component of θ reach the output-weight signs a target needs? */
export function registerObstruction(program: Command): void {
  program
    .command("obstruction")
    .description("decide whether the component of a scalar-output network contains a network with at least P positive and N negative output weights (exit 0 either way; the verdict is in the output)")
    .requiredOption("--net <file>", "network JSON with a scalar output")
    .requiredOption("--need-positive <P>", "required number of positive output weights")
    .option("--need-negative <N>", "required number of negative output weights", "0")
    .option("--json", "print JSON")
    .action((opts: { net: string; needPositive: string; needNegative: string; json?: boolean }) => {
      const P = intOption(opts.needPositive, "--need-positive", 0);
      const N = intOption(opts.needNegative, "--need-negative", 0);
      const verdict = obstruction(networkIn(readNetworkFile(opts.net), exact), P, N);
      if (opts.json) printJson(verdict);
      else console.log(verdict.reason);
    });
}
