import type { Command } from "commander";
import type { GdCliOptions } from "../actions/gdAction.js";
import { addDynamicsNetworkOptions } from "./dynamicsNetworkOptions.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

/** `relutopo gd`: gradient descent with the invariants and their exact drift at every step. */
export function registerGd(program: Command, settle: Settle): void {
  const command = addDynamicsNetworkOptions(
    program
      .command("gd")
      .description(
        "gradient descent on a network of any depth (torch.optim.SGD, Adam or AdamW; full or mini-batch), recording loss, invariants and their observed and predicted drift at every step",
      ),
  )
    .requiredOption("--lr <eta>", "step size, a positive number such as 1/20")
    .requiredOption("--steps <N>", "number of optimiser steps (>= 0)")
    .option("--arith <kind>", "exact, decimal:D or float", "exact")
    .option(
      "--loss <kind>",
      "mse (PyTorch's nn.MSELoss: mean over points and outputs), sse-mean (squared error summed over outputs, mean over points) or bce (needs decimal or float)",
      "mse",
    )
    .option("--optimizer <name>", "sgd, adam or adamw (adam and adamw need decimal or float)", "sgd")
    .option("--momentum <mu>", "SGD momentum (>= 0; default 0)")
    .option("--dampening <tau>", "SGD dampening of the momentum buffer (default 0)")
    .option("--nesterov", "SGD Nesterov momentum (needs momentum > 0 and dampening 0)")
    .option("--weight-decay <lambda>", "adds lambda*theta to the gradient (AdamW: decays theta by 1 - lr*lambda); default 0, AdamW 1/100")
    .option("--no-bias-decay", "decay the weights only, not the biases (PyTorch parameter groups with weight_decay 0 for the biases)")
    .option("--beta1 <b>", "Adam/AdamW first-moment decay (default 0.9)")
    .option("--beta2 <b>", "Adam/AdamW second-moment decay (default 0.999)")
    .option("--eps <e>", "Adam/AdamW denominator term (default 1e-8)")
    .option("--batch-size <B>", "rows per mini-batch, in file order, the last one smaller (default: all rows)")
    .option("--shuffle", "shuffle the rows of every epoch with a seeded permutation")
    .option("--seed <S>", "seed of --shuffle (a non-negative integer, default 0)")
    .option("--json", "print JSON");
  addMaxSecondsOption(command).action(settle(async (opts: GdCliOptions) => (await import("../actions/gdAction.js")).gdAction(opts)));
}
