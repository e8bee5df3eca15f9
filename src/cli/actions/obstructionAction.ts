import { networkIn } from "../../net/networkIn.js";
import { exact } from "../../scalar/exact.js";
import { obstruction } from "../../symmetry/obstruction.js";
import { intOption, printJson } from "../options.js";
import { readNetworkFile } from "./inputFiles.js";

/** The options of `relutopo obstruction`. */
export interface ObstructionCliOptions {
  net: string;
  needPositive: string;
  needNegative: string;
  json?: boolean;
}

/** `relutopo obstruction`: prints the verdict (exit 0 either way: the question is not a check that fails). */
export async function obstructionAction(opts: ObstructionCliOptions): Promise<void> {
  const P = intOption(opts.needPositive, "--need-positive", 0);
  const N = intOption(opts.needNegative, "--need-negative", 0);
  const verdict = obstruction(networkIn(readNetworkFile(opts.net), exact), P, N);
  if (opts.json) printJson(verdict);
  else console.log(verdict.reason);
}
