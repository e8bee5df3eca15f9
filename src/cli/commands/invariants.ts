import type { Command } from "commander";
import { linearInvariant } from "../../invariants/linearInvariant.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { networkIn } from "../../net/network.js";
import { exact } from "../../scalar/exact.js";
import { printJson, readNetworkFile } from "../options.js";

/** `relutopo invariants --net NET.json [--json]`: the exact c_k (and the matrix of a linear net). */
export function registerInvariants(program: Command): void {
  program
    .command("invariants")
    .description("exact conserved quantities c_k = |w_k|^2 + b1[k]^2 - |a_k|^2 of every hidden neuron (and W1W1^T - W2^T W2 for linear nets)")
    .requiredOption("--net <file>", "network JSON (W1, b1?, W2, b2?, activation)")
    .option("--json", "print JSON")
    .action((opts: { net: string; json?: boolean }) => {
      const net = networkIn(readNetworkFile(opts.net), exact);
      const c = neuronInvariants(net, exact).map(exact.toString);
      const matrix = net.activation.kind === "linear" ? linearInvariant(net, exact).map((r) => r.map(exact.toString)) : undefined;
      if (opts.json) {
        printJson(matrix ? { invariants: c, matrix } : { invariants: c });
        return;
      }
      c.forEach((v, k) => console.log(`c_${k} = ${v}`));
      if (matrix) {
        console.log("W1 W1^T - W2^T W2 =");
        matrix.forEach((row) => console.log(`  [${row.join(", ")}]`));
      }
    });
}
