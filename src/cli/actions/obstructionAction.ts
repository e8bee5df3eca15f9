import { InputError } from "../../errors.js";
import { at } from "../../scalar/at.js";
import { readTextFile } from "../../io/readTextFile.js";
import { datasetIn } from "../../net/datasetIn.js";
import { readDataset } from "../../net/readDataset.js";
import { networkIn } from "../../net/networkIn.js";
import { readFullyConnected } from "../_internals/readFullyConnected.js";
import { exact } from "../../scalar/exact.js";
import { obstruction } from "../../symmetry/obstruction.js";
import { intOption, printJson } from "../options.js";

/** The options of `relutopo obstruction`. */
export interface ObstructionCliOptions {
  net: string;
  needPositive?: string;
  needNegative: string;
  targetSigns?: string;
  data?: string;
  json?: boolean;
}

/** `relutopo obstruction`: prints the verdict (exit 0 either way: the question is not a check that fails). */
export async function obstructionAction(opts: ObstructionCliOptions): Promise<void> {
  if (opts.needPositive === undefined && opts.targetSigns === undefined)
    throw new InputError({ field: "options", expected: "--need-positive (and --need-negative) or --target-signs", value: "none" });
  const P = intOption(opts.needPositive ?? "0", "--need-positive", 0);
  const N = intOption(opts.needNegative, "--need-negative", 0);
  const net = networkIn(readFullyConnected(opts.net, "obstruction"), exact);
  const data =
    opts.data === undefined
      ? undefined
      : datasetIn(
          readDataset(
            readTextFile(opts.data),
            at(at(net.layers, 0).W, 0).length,
            at(net.layers, net.layers.length - 1).W.length,
            opts.data,
          ),
          exact,
        );
  const verdict = obstruction(net, P, N, { data, targetSigns: opts.targetSigns });
  if (opts.json) printJson(verdict);
  else {
    console.log(verdict.reason);
    if (verdict.lockedPattern !== undefined && opts.targetSigns === undefined)
      console.log(
        `output-weight signs in this component: ${verdict.lockedPattern} (+/- locked, ? free; a target with another sign at a locked place is excluded)`,
      );
    for (const d of verdict.dead ?? [])
      console.log(`dead neuron ${d.layer},${d.neuron + 1}: gradient descent ${d.gd}, flow ${d.flow} (${d.reason})`);
    if (verdict.gd) console.log(verdict.gd.reason);
    if (verdict.flow) console.log(verdict.flow.reason);
  }
}
