import { gradientDescent } from "../../flow/gradientDescent.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { datasetIn, type Dataset } from "../../net/dataset.js";
import { networkIn, type Network } from "../../net/network.js";
import { exact } from "../../scalar/exact.js";
import { float } from "../../scalar/float.js";

/**
 * The toy obstruction of docs/theory.md §6: target |x| needs both output weights
 * positive; with both neurons pathological (c_k < 0) and negative output
 * weights, f ≤ 0 forever and the loss cannot go below mean(y²) = 5/2.
 */
const DATA: Dataset<string> = { X: [["-2"], ["-1"], ["1"], ["2"]], Y: [["2"], ["1"], ["1"], ["2"]] };
const OBSTRUCTED: Network<string> = { activation: { kind: "relu" }, W1: [["1/2"], ["-1/2"]], b1: ["1/4", "1/4"], W2: [["-1", "-1"]] };
const GOOD: Network<string> = { activation: { kind: "relu" }, W1: [["1/2"], ["-1/2"]], b1: ["1/4", "1/4"], W2: [["1", "1"]] };

/** `relutopo demo`: runs the tour and prints it. */
export async function demoAction(): Promise<void> {
  const data = datasetIn(DATA, exact);
  for (const [name, spec] of [
    ["obstructed", OBSTRUCTED],
    ["good", GOOD],
  ] as const) {
    const net = networkIn(spec, exact);
    const c = neuronInvariants(net, exact).map(exact.toString);
    console.log(`${name} initialisation: c = [${c.join(", ")}]${c.every((v) => v.startsWith("-")) ? " (both neurons pathological)" : ""}`);
    const lr = exact.parse("1/20");
    const short = gradientDescent(net, data, exact, { lr, steps: 3, loss: "mse" });
    const same = short.observedDrift.every((row, t) => row.every((v, k) => exact.eq(v, short.predictedDrift[t]![k]!)));
    console.log(
      `  3 exact GD steps: c moved by [${short.observedDrift.flat().map(exact.toString).join(", ")}]; equal to eta^2(|g_w|^2 - |g_a|^2): ${same}`,
    );
    const long = gradientDescent(networkIn(spec, float), datasetIn(DATA, float), float, { lr: 0.05, steps: 500, loss: "mse" });
    console.log(
      `  500 float GD steps: loss ${long.losses[0]!.toPrecision(6)} -> ${long.losses[500]!.toPrecision(6)}, output weights [${long.params.W2[0]!.map((a) => a.toPrecision(4)).join(", ")}]`,
    );
  }
  console.log("The obstructed run stalls near mean(y^2) = 2.5: its output weights cannot become positive.");
}
