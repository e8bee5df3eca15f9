import type { Command } from "commander";
import { FLOW_METHODS, integrateFlow, MAX_FLOW_DIGITS, MIN_FLOW_DIGITS, type FlowMethod } from "../../flow/integrateFlow.js";
import { parseLossKind } from "../../net/loss.js";
import { choice, intOption, printJson, readDatasetFor, readNetworkFile } from "../options.js";
import { progressBar } from "../progress.js";

interface FlowCliOptions {
  net: string;
  data: string;
  time: string;
  digits: string;
  method: string;
  samples: string;
  steps?: string;
  loss: string;
  json?: boolean;
}

/** `relutopo flow`: the gradient flow to D digits across kinks, with its invariants, events and samples. */
export function registerFlow(program: Command): void {
  program
    .command("flow")
    .description("integrate the gradient flow to D digits (Taylor with kink events and sliding, Gauss-Legendre, or RK4), checking the invariants c_k")
    .requiredOption("--net <file>", "network JSON")
    .requiredOption("--data <file>", "CSV with a header row; the last e columns are targets")
    .requiredOption("--time <T>", "end time T > 0, e.g. 1 or 1/2")
    .option("--digits <D>", `significant digits, ${MIN_FLOW_DIGITS}..${MAX_FLOW_DIGITS}`, "50")
    .option("--method <name>", FLOW_METHODS.join(", "), "taylor")
    .option("--samples <K>", "K equally spaced samples (0 none, 1 at T, K >= 2 from 0 to T)", "0")
    .option("--steps <N>", "fixed step count of gauss and rk4")
    .option("--loss <kind>", "mse or bce", "mse")
    .option("--json", "print JSON")
    .action((opts: FlowCliOptions) => {
      const digits = intOption(opts.digits, "--digits", MIN_FLOW_DIGITS, MAX_FLOW_DIGITS);
      const method = choice<FlowMethod>(opts.method, "--method", FLOW_METHODS);
      const samples = intOption(opts.samples, "--samples", 0, 100000);
      const steps = opts.steps === undefined ? undefined : intOption(opts.steps, "--steps", 1);
      const loss = parseLossKind(opts.loss);
      const net = readNetworkFile(opts.net);
      const data = readDatasetFor(opts.data, net);
      const bar = progressBar(1000, `flow ${method}`);
      const run = integrateFlow(net, data, { time: opts.time, digits, method, samples, loss, ...(steps === undefined ? {} : { steps }), onProgress: (f) => bar.update(Math.round(f * 1000)) });
      bar.stop();
      if (opts.json) {
        printJson(run);
        return;
      }
      console.log(`gradient flow to t = ${run.time}: ${method}, ${digits} digits, ${loss}`);
      console.log(`loss  ${run.loss0}  ->  ${run.lossT}`);
      run.invariantsT.forEach((c, k) => console.log(`c_${k}  ${run.invariants0[k]}  ->  ${c}`));
      console.log(`max drift of the c_k: ${run.maxDrift}`);
      console.log(`kink events: ${run.events.length}`);
      for (const ev of run.events) console.log(`  t = ${ev.t}  neuron ${ev.neuron}, point ${ev.point}: ${ev.kind}`);
      console.log(run.signChanges.length === 0 ? "no output-weight sign changed" : `output-weight sign changed for neurons ${run.signChanges.join(", ")}`);
    });
}
