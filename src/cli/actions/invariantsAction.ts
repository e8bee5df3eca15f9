import { layerInvariants } from "../../invariants/layerInvariants.js";
import { linearLayerInvariants } from "../../invariants/linearLayerInvariants.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { networkIn } from "../../net/networkIn.js";
import { readAnyNetworkFile } from "../../net/readAnyNetworkFile.js";
import { exact } from "../../scalar/exact.js";
import { printJson } from "../options.js";

/** The options of `relutopo invariants`. */
export interface InvariantsCliOptions {
  net: string;
  json?: boolean;
}

/** `relutopo invariants`: reads the network, prints its exact c_k (and the matrix of a linear net). */
export async function invariantsAction(opts: InvariantsCliOptions): Promise<void> {
  const spec = readAnyNetworkFile(opts.net);
  if (spec.layers.length !== 2) return deepInvariants(spec, opts);
  const net = networkIn(spec, exact);
  const c = neuronInvariants(net, exact).map(exact.toString);
  const matrix = net.activation.kind === "linear" ? linearLayerInvariants(net, exact)[0]!.map((r) => r.map(exact.toString)) : undefined;
  if (opts.json) {
    printJson(matrix ? { invariants: c, matrix } : { invariants: c });
    return;
  }
  for (const [k, v] of c.entries()) console.log(`c${k + 1} = ${v}`);
  if (matrix) {
    console.log("W1 W1^T - W2^T W2 =");
    for (const row of matrix) console.log(`  [${row.join(", ")}]`);
  }
}

/**
 * Three or more weight layers: c_{l,k} for every hidden layer l (1-based, as the weight layer
 * feeding it) and neuron k; `invariants` is the flat list in that order, as for two layers, and
 * `layers` gives each hidden layer's row with its index. A linear net adds Q_l per hidden layer.
 */
function deepInvariants(spec: LayeredNetwork<string>, opts: InvariantsCliOptions): void {
  const net = networkIn(spec, exact);
  const rows = layerInvariants(net, exact).map((r) => r.map(exact.toString));
  const matrices =
    net.activation.kind === "linear" ? linearLayerInvariants(net, exact).map((Q) => Q.map((r) => r.map(exact.toString))) : undefined;
  if (opts.json) {
    const json: Record<string, unknown> = {
      invariants: rows.flat(),
      layers: rows.map((invariants, i) => ({ layer: i + 1, invariants })),
    };
    if (matrices) json.matrices = matrices.map((matrix, i) => ({ layer: i + 1, matrix }));
    printJson(json);
    return;
  }
  for (const [i, row] of rows.entries()) for (const [k, v] of row.entries()) console.log(`c${i + 1},${k + 1} = ${v}`);
  for (const [i, Q] of (matrices ?? []).entries()) {
    console.log(`W~${i + 1} W~${i + 1}^T - W${i + 2}^T W${i + 2} =`);
    for (const row of Q) console.log(`  [${row.join(", ")}]`);
  }
}
