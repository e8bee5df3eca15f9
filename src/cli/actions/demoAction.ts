import { toyTopology } from "../../experiments/toyTopology.js";
import { at } from "../../scalar/at.js";
import { reproduceConfig } from "../../experiments/reproduceConfig.js";
import { TOY_DATA, TOY_NETS, TOY_OBSTRUCTED_FLOOR, TOY_STARTS } from "../../experiments/toyProblem.js";
import { gradientDescent } from "../../flow/gradientDescent.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { datasetIn } from "../../net/datasetIn.js";
import { networkIn } from "../../net/networkIn.js";
import { exact } from "../../scalar/exact.js";
import { float } from "../../scalar/float.js";

/** "--" → "(-, -)": a component's output-weight signs, readable. */
const signs = (pattern: string): string => `(${[...pattern].join(", ")})`;

/** Neurons numbered from 1, as everywhere in relutopo's human-readable output: "neuron 1", "neurons 1 and 2". */
const neuronList = (ks: readonly number[]): string =>
  ks.length === 1
    ? `neuron ${at(ks, 0) + 1}`
    : `neurons ${ks
        .slice(0, -1)
        .map((k) => k + 1)
        .join(", ")} and ${ks.at(-1)! + 1}`;

/**
 * `relutopo demo`: a one-screen tour of the toy obstruction that `reproduce toy`
 * and its report use (same data, same two starts, same η and steps): each
 * start's c_k, the component of H(c) it lies in and why that makes it
 * obstructed or good, three exact gradient-descent steps with their drift of
 * c_k, and the long run's loss.
 */
export async function demoAction(): Promise<void> {
  const toy = reproduceConfig("quick", 1, "toy").toy;
  const data = datasetIn(TOY_DATA, exact);
  const xs = TOY_DATA.X.map((r) => r[0]).join(", ");
  console.log(
    `The toy obstruction of the report (relutopo reproduce toy): two ReLU neurons with a hidden bias and no output bias, fitted to y = |x| at x = ${xs} with the squared error.`,
  );
  console.log(
    `Fitting |x| needs both output weights positive; a network whose output weights are both <= 0 cannot get below mean(y^2) = ${TOY_OBSTRUCTED_FLOOR}.`,
  );
  const lr = exact.parse(toy.lr);
  for (const start of TOY_STARTS) {
    const spec = TOY_NETS[start];
    const net = networkIn(spec, exact);
    const c = neuronInvariants(net, exact);
    const pathological = c.map((v, k) => (exact.sign(v) < 0 ? k : -1)).filter((k) => k >= 0);
    const topo = toyTopology(start);
    console.log("");
    console.log(
      `${start} start: ${c.map((v, k) => `c${k + 1} = ${exact.toString(v)}`).join(", ")}; output weights a = (${at(at(spec.layers, 1).W, 0).join(", ")})`,
    );
    const who =
      pathological.length === 0 ? "no neuron is pathological (every c_k > 0)" : `${neuronList(pathological)} pathological (c_k < 0)`;
    const where =
      topo.component === ""
        ? `H(c) has ${topo.components} component${topo.components === "1" ? "" : "s"}`
        : `H(c) has ${topo.components} components and this start lies in the one with output-weight signs ${signs(topo.component)} (a pathological neuron never changes the sign of its output weight)`;
    const verdict = topo.obstructed
      ? "no network in it has both output weights positive: obstructed, whatever the training time"
      : pathological.length === 0
        ? "the output weights are free to change sign and reach (+, +): a good start"
        : "it holds networks with both output weights positive: a good start";
    console.log(`  ${who}; ${where}; ${verdict}.`);
    const short = gradientDescent(net, data, exact, { lr, steps: 3, loss: "mse" });
    const same = short.observedDrift.every((row, t) => row.every((v, k) => exact.eq(v, at(at(short.predictedDrift, t), k))));
    console.log(`  3 exact GD steps (eta = ${toy.lr}): change of each c_k per step (exact rationals, shown to 4 digits)`);
    for (const [t, row] of short.observedDrift.entries())
      console.log(
        `    step ${t + 1}: ${row.map((v, k) => `c${k + 1} ${exact.toNumber(v) >= 0 ? "+" : ""}${exact.toNumber(v).toPrecision(4)}`).join(", ")}`,
      );
    console.log(`    each change equals eta^2 (|g_w|^2 - |g_a|^2) exactly: ${same}`);
    const long = gradientDescent(networkIn(spec, float), datasetIn(TOY_DATA, float), float, {
      lr: float.parse(toy.lr),
      steps: toy.steps,
      loss: "mse",
    });
    console.log(
      `  ${toy.steps} float GD steps: loss ${at(long.losses, 0).toPrecision(6)} -> ${at(long.losses, toy.steps).toPrecision(6)}, output weights (${at(
        at(long.params.layers, 1).W,
        0,
      )
        .map((a) => a.toPrecision(4))
        .join(", ")})`,
    );
  }
  console.log("");
  console.log(
    `The obstructed start stalls at mean(y^2) = ${TOY_OBSTRUCTED_FLOOR}: its output weights cannot become positive. The good start is the same function with each neuron rescaled (w -> 2w, a -> a/2), which makes c_k > 0.`,
  );
}
