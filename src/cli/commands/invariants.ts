import type { Command } from "commander";
import type { InvariantsCliOptions } from "../actions/invariantsAction.js";
import type { Settle } from "../outcome.js";

/** `relutopo invariants --net NET.json|NET.safetensors [--json]`: the exact c_k (and the matrix of a linear net). */
export function registerInvariants(program: Command, settle: Settle): void {
  program
    .command("invariants")
    .description(
      "exact conserved quantities c_k = |w_k|^2 + b1[k]^2 - |a_k|^2 of every hidden neuron of every layer, per channel for convolutions, with the BatchNorm laws (and W1W1^T - W2^T W2 for linear nets)",
    )
    .requiredOption("--net <file>", "network: JSON (W1, b1?, W2, b2?; layers; or a state_dict 0.weight, 0.bias, …), .safetensors or .pt")
    .option("--json", "print JSON: every value an exact fraction, and where the activation comes from")
    .option("--digits <D>", "significant digits of the decimals of text output (default 6)")
    .option("--exact", "print the exact fractions in text output")
    .option("--all", "print every value of a long row instead of its summary")
    .action(settle(async (opts: InvariantsCliOptions) => (await import("../actions/invariantsAction.js")).invariantsAction(opts)));
}
