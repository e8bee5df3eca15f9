import type { Command } from "commander";
import type { LawsCliOptions } from "../actions/lawsAction.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

/** `relutopo laws`: the conservation laws of an architecture, exact over Q, with a certified count. */
export function registerLaws(program: Command, settle: Settle): void {
  const command = program
    .command("laws")
    .description(
      "conservation laws of the gradient flow (or the momentum flow) of an architecture: explicit polynomial laws over Q and a certified count (Lie-algebra rank)",
    )
    .requiredOption("--widths <list>", "layer widths d,h1,…,e (one hidden layer or more), e.g. 3,4,1")
    .option("--bias", "a bias on every layer")
    .option("--activation <name>", "relu, leaky_relu:<slope>, abs or linear (every hidden layer)", "relu")
    .option("--degree <k>", "largest degree of the explicit laws", "2")
    .option("--dynamics <flow>", "gradient (θ' = −∇L) or momentum (θ'' + θ' = −∇L, laws h(t, θ, θ'))", "gradient")
    .option("--seed <s>", "seed of the rational point where ranks are taken", "1")
    .option("--json", "print JSON");
  addMaxSecondsOption(command).action(settle(async (opts: LawsCliOptions) => (await import("../actions/lawsAction.js")).lawsAction(opts)));
}
