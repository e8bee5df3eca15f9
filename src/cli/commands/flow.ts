import type { Command } from "commander";
import { FLOW_METHODS, MAX_FLOW_DIGITS, MIN_FLOW_DIGITS } from "../../flow/flowMethods.js";
import type { FlowCliOptions } from "../actions/flowAction.js";
import { addDynamicsNetworkOptions } from "./dynamicsNetworkOptions.js";
import { addMaxSecondsOption } from "./maxSecondsOption.js";
import type { Settle } from "../outcome.js";

/** `relutopo flow`: the gradient flow to D digits across kinks, with its invariants, events and samples. */
export function registerFlow(program: Command, settle: Settle): void {
  const command = addDynamicsNetworkOptions(
    program
      .command("flow")
      .description(
        "integrate the gradient flow to D digits (Taylor with kink events and sliding, Gauss-Legendre, or RK4), checking the invariants c_k",
      ),
  )
    .requiredOption("--time <T>", "end time T > 0, e.g. 1 or 1/2")
    .option("--digits <D>", `significant digits, ${MIN_FLOW_DIGITS}..${MAX_FLOW_DIGITS}`, "50")
    .option("--method <name>", FLOW_METHODS.join(", "), "taylor")
    .option("--samples <K>", "K equally spaced samples (0 none, 1 at T, K >= 2 from 0 to T)", "0")
    .option("--steps <N>", "fixed step count of gauss and rk4")
    .option(
      "--loss <kind>",
      "mse (PyTorch's nn.MSELoss: mean over points and outputs), sse-mean (squared error summed over outputs, mean over points) or bce",
      "mse",
    )
    .option("--weight-decay <lambda>", "weight decay: the flow θ' = -∇L(θ) - λθ, checking c_k(t) = c_k(0)e^(-2λt) (taylor only)")
    .option(
      "--no-bias-decay",
      "with --weight-decay: decay the weights only, not the biases (PyTorch parameter groups); c then follows c' = -2λ(c - b²)",
    )
    .option("--momentum <gamma>", "heavy ball θ'' + γθ' + ∇L(θ) = 0 from rest, checking c'' + γc' = 2(|w'|² - |a'|²) (taylor only)")
    .option("--json", "print JSON");
  addMaxSecondsOption(command).action(settle(async (opts: FlowCliOptions) => (await import("../actions/flowAction.js")).flowAction(opts)));
}
