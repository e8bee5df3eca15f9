import { linearInvariant } from "../../invariants/linearInvariant.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { networkIn } from "../../net/network.js";
import { exact } from "../../scalar/exact.js";
import { printJson } from "../options.js";
import { readNetworkFile } from "./inputFiles.js";

/** The options of `relutopo invariants`. */
export interface InvariantsCliOptions {
  net: string;
  json?: boolean;
}

/** `relutopo invariants`: reads the network, prints its exact c_k (and the matrix of a linear net). */
export async function invariantsAction(opts: InvariantsCliOptions): Promise<void> {
  const net = networkIn(readNetworkFile(opts.net), exact);
  const c = neuronInvariants(net, exact).map(exact.toString);
  const matrix = net.activation.kind === "linear" ? linearInvariant(net, exact).map((r) => r.map(exact.toString)) : undefined;
  if (opts.json) {
    printJson(matrix ? { invariants: c, matrix } : { invariants: c });
    return;
  }
  c.forEach((v, k) => console.log(`c${k + 1} = ${v}`));
  if (matrix) {
    console.log("W1 W1^T - W2^T W2 =");
    matrix.forEach((row) => console.log(`  [${row.join(", ")}]`));
  }
}
