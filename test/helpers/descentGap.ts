import { expect } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import type { FlowRun } from "../../src/flow/integrateFlow.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { floatKernel } from "../../src/net/kernels/floatKernel.js";
import { networkIn } from "../../src/net/networkIn.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { float } from "../../src/scalar/float.js";

/**
 * The largest gap, over all parameters, between a flow's endpoint at T and plain gradient descent (mse, float)
 * with `steps` steps of η = T/steps from the same start (the float kernel, PyTorch's σ′(0)): the flow is the limit of descent as η → 0 (where
 * a pair slides, descent zigzags across its kink at the scale of η), so a gap of order η says the flow took
 * the path descent takes, and a gap that does not shrink with η says it did not.
 */
export function descentGap(net: LayeredNetwork<string>, data: Dataset<string>, run: FlowRun, time: number, steps: number): number {
  const flow = runLayers(run, net);
  const gd = gradientDescent(networkIn(net, float), datasetIn(data, float), float, {
    lr: time / steps,
    steps,
    loss: "mse",
    kernel: floatKernel,
  });
  return packNetwork(gd.params).reduce((m, v, k) => Math.max(m, Math.abs(v - flow[k]!)), 0);
}

/**
 * Asserts that a flow's endpoint at T is the limit of gradient descent: from η = T/steps[0] to T/steps[1] =
 * η/2 the gap halves (first order in η; a wrong release or hold leaves a gap that stays), and it ends below `below`.
 */
export function expectDescentLimit(
  net: LayeredNetwork<string>,
  data: Dataset<string>,
  run: FlowRun,
  time: number,
  steps: readonly [number, number],
  below: number,
): void {
  const [wide, narrow] = steps.map((n) => descentGap(net, data, run, time, n)) as [number, number];
  expect(narrow / wide).toBeGreaterThan(0.4);
  expect(narrow / wide).toBeLessThan(0.6);
  expect(narrow).toBeLessThan(below);
}

/** A flow run's endpoint, flat in the layout's order, as doubles. */
export function runLayers(run: FlowRun, net: LayeredNetwork<string>): number[] {
  const params = run.params as { layers: Layer<string>[] } | Record<string, string[][] | string[]>;
  const layers = "layers" in params ? (params.layers as Layer<string>[]) : twoLayers(params as Record<string, string[][] | string[]>);
  return packNetwork({ activation: net.activation, layers }).map(Number);
}

/** The layers of a two-layer run's `W1`/`b1`/`W2`/`b2` params. */
function twoLayers(p: Record<string, string[][] | string[]>): Layer<string>[] {
  return [1, 2].map((l) => {
    const b = p[`b${l}`] as string[] | undefined;
    return { W: p[`W${l}`] as string[][], ...(b === undefined ? {} : { b }) };
  });
}
