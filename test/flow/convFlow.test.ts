import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { arbConvProblem, type ConvProblem } from "../../src/claims/arbitraries/arbConvProblem.js";
import { ConvergenceError, InputError } from "../../src/errors.js";
import { compileFlowProblem } from "../../src/flow/_internals/flowProblem.js";
import { initialSelection } from "../../src/flow/_internals/poolSwitchWatch.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { type FlowRun, integrateFlow } from "../../src/flow/integrateFlow.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { fixedLayeredField } from "../../src/net/kernels/fixedLayeredField.js";
import { layeredTaylorStep } from "../../src/net/kernels/layeredTaylorSeries.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { forward } from "../../src/net/forward.js";
import type { LayeredNetwork, Layer } from "../../src/net/layeredNetwork.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { networkIn } from "../../src/net/networkIn.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { decimal } from "../../src/scalar/decimal.js";
import { exact } from "../../src/scalar/exact.js";
import { fixedToRationalText } from "../../src/scalar/fixedPoint.js";
import { runs } from "../helpers/campaign.js";

const Dec = Decimal.clone({ precision: 80 });

/** Small conv nets with relu or leaky relu, Conv1d or Conv2d, avg, max or no pooling, biases drawn per layer. */
const convProblems = arbConvProblem({ activations: ["relu", "leaky_relu"], points: { min: 1, max: 2 } });

/** The network a run's `params` print (the `{ layers, input }` form), as exact text with the run's activation. */
function paramsNet(net: LayeredNetwork<string>, params: Record<string, unknown>): LayeredNetwork<string> {
  const p = params as { layers: Layer<string>[]; input?: LayeredNetwork<string>["input"] };
  return { activation: net.activation, layers: p.layers, ...(p.input === undefined ? {} : { input: p.input }) };
}

/**
 * The run, or undefined where the Taylor flow stops by design: a max-pool tie beside another sliding
 * tie or kink, or nested sliding (a plain two-unit tie slides and is no accepted stop).
 */
function unlessUndecided(run: () => FlowRun): FlowRun | undefined {
  try {
    return run();
  } catch (e) {
    if (e instanceof ConvergenceError && /max-pool tie.*another tie or a kink slides too|nested sliding/.test(e.reason)) return undefined;
    throw e;
  }
}

/** c per channel (every hidden layer, flat), exactly, by the invariants module. */
const exactChannels = (net: LayeredNetwork<string>): Decimal[] =>
  neuronInvariants(networkIn(net, exact), exact).map((c) => {
    const [num = "0", den = "1"] = exact.toString(c).split("/");
    return new Dec(num).div(den);
  });

describe("integrateFlow (taylor) on networks with convolutions", () => {
  it("should keep every per-channel c, computed exactly from the sampled parameters, within 10^−(D−5)", { tags: ["long"] }, () => {
    const D = 20;
    let finished = 0;
    fc.assert(
      fc.property(convProblems, ({ net, data }: ConvProblem) => {
        const run = unlessUndecided(() => integrateFlow(net, data, { time: "1/8", digits: D, samples: 3 }));
        if (run === undefined) return;
        finished++;
        const c0 = exactChannels(net);
        expect(run.invariants0.length).toBe(c0.length);
        for (const sample of run.samples) {
          const c = exactChannels(paramsNet(net, sample.params));
          for (const [k, v] of c.entries()) expect(v.minus(c0[k]!).abs().toNumber()).toBeLessThanOrEqual(10 ** -(D - 5));
        }
      }),
      { numRuns: runs(60, 12), seed: 25 },
    );
    // the stops by design are the exception, not the rule
    expect(finished).toBeGreaterThanOrEqual(runs(60, 12) / 2);
  });

  it("should start from the exact gradient: the order-1 coefficient of θ is −∇L of the exact kernel to fixed-point resolution", () => {
    fc.assert(
      fc.property(convProblems, ({ net, data }: ConvProblem) => {
        const { problem, theta0 } = compileFlowProblem(net, data, 30, "mse");
        const exactNet = networkIn(net, exact);
        const exactData = datasetIn(data, exact);
        // the region of the exact forward pass: side −1 at z = 0 is σ'(0) of relu and leaky relu, the first maximum PyTorch's
        const pass = forward(exactNet, exactData.X, exact);
        const side = exactData.X.map((_, i) =>
          pass.preActivations.slice(0, -1).flatMap((Z) => Z[i]!.map((z) => (exact.sign(z) > 0 ? 1 : -1))),
        );
        const state = {
          side,
          slidePoints: Array.from({ length: problem.units }, () => []),
          select: initialSelection(problem, pass.switches),
        };
        const field = layeredTaylorStep(problem, theta0, state, problem.F.ONE, 1).theta.map((c) =>
          exact.parse(fixedToRationalText(problem.F, c[1]!)),
        );
        const grad = packNetwork(lossAndGradient(exactNet, exactData, exact, "mse").grad);
        expect(field.length).toBe(grad.length);
        const tol = exact.parse("1/1000000000000000000000000");
        for (const [k, g] of grad.entries()) expect(exact.cmp(exact.abs(exact.add(field[k]!, g)), tol)).toBeLessThanOrEqual(0);
        // the field of gauss and rk4 reads the pattern itself, with the same conventions
        const direct = fixedLayeredField(problem, theta0).field.map((v) => exact.parse(fixedToRationalText(problem.F, v)));
        for (const [k, g] of grad.entries()) expect(exact.cmp(exact.abs(exact.add(direct[k]!, g)), tol)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("should agree with exact-gradient descent in 40-digit decimal to first order in the step (η and η/2)", () => {
    let compared = 0;
    fc.assert(
      fc.property(convProblems, ({ net, data }: ConvProblem) => {
        const run = unlessUndecided(() => integrateFlow(net, data, { time: "1/16", digits: 20 }));
        // across an event GD is first order too, but its error constant jumps: compare inside one region
        if (run === undefined || run.events.length > 0) return;
        const flow = packNetwork(paramsNet(net, run.params)).map((v) => new Dec(v));
        const S = decimal(40);
        const gap = (steps: number): number => {
          const gd = gradientDescent(networkIn(net, S), datasetIn(data, S), S, { lr: S.parse(`1/${16 * steps}`), steps, loss: "mse" });
          return packNetwork(gd.params).reduce((m, v, k) => Math.max(m, new Dec(S.toString(v)).minus(flow[k]!).abs().toNumber()), 0);
        };
        const coarse = gap(8);
        const fine = gap(16);
        if (coarse < 1e-12) return;
        compared++;
        // error ≈ Cη: halving the step halves it
        expect(fine / coarse).toBeGreaterThan(0.4);
        expect(fine / coarse).toBeLessThan(0.6);
      }),
      { numRuns: 12, seed: 11 },
    );
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  // Gauss–Legendre (16 steps of order 2s) is off by up to ~1e-12 on the stiffer of these nets: Taylor is the finer of the two
  it("should agree with Gauss–Legendre, which conserves every quadratic c, where no event falls in [0, T]", { tags: ["long"] }, () => {
    let compared = 0;
    fc.assert(
      fc.property(convProblems, ({ net, data }: ConvProblem) => {
        const taylor = unlessUndecided(() => integrateFlow(net, data, { time: "1/16", digits: 24 }));
        if (taylor === undefined || taylor.events.length > 0) return;
        compared++;
        const gauss = integrateFlow(net, data, { time: "1/16", digits: 24, method: "gauss", steps: 16 });
        const a = packNetwork(paramsNet(net, taylor.params));
        const b = packNetwork(paramsNet(net, gauss.params));
        for (const [k, v] of a.entries()) expect(new Dec(v).minus(b[k]!).abs().toNumber()).toBeLessThan(1e-11);
        expect(Number(gauss.maxDrift)).toBeLessThan(1e-18);
      }),
      { numRuns: runs(12, 3), seed: 13 },
    );
    expect(compared).toBeGreaterThanOrEqual(runs(12, 3) / 2);
  });

  /**
   * Conv1d(2 → 1, kernel 1, no bias), input x = [[1, 2], [0, 1]] (channel × position), then ReLU, MaxPool1d(2),
   * Linear(1 → 1, weight v): z₁ = w₁, z₂ = 2w₁ + w₂ and f = v·max(z₁, z₂). With w = (1/2, −3/4), v = 1/2, y = 4
   * position 1 is selected (z₁ = 1/2 > z₂ = 1/4); only w₁ and v move, with w₁ = v, so s = w₁v follows
   * ṡ = −4s(s − y): s(t) = 4 / (1 + 15e^{−16t}). z₂ = z₁ when w₁ = 3/4, s = 9/16: t* = ln(27/11)/16. There
   * the field with position 2 selected raises z₂ − z₁ at rate 18 > 0: the window switches and carries on.
   */
  const switchNet: LayeredNetwork<string> = {
    activation: { kind: "relu" },
    input: { channels: 2, size: [2] },
    layers: [
      {
        W: [["1/2", "-3/4"]],
        conv: { kernel: [1], groups: 1, stride: [1], padding: [0] },
        pool: { kind: "max", kernel: [2], stride: [2] },
      },
      { W: [["1/2"]] },
    ],
  };
  const switchData = { X: [["1", "2", "0", "1"]], Y: [["4"]] };

  it("should find a max-pool switch at its closed-form time ln(27/11)/16 to the requested digits and carry on", () => {
    for (const D of [20, 40]) {
      const run = integrateFlow(switchNet, switchData, { time: "1/8", digits: D });
      expect(
        run.events.map(({ kind, layer, neuron, position, point, window }) => ({ kind, layer, neuron, position, point, window })),
      ).toEqual([{ kind: "switch", layer: 1, neuron: 0, position: 1, point: 0, window: 0 }]);
      const tStar = Dec.ln(new Dec(27).div(11)).div(16);
      expect(new Dec(run.events[0]!.t).minus(tStar).abs().toNumber()).toBeLessThanOrEqual(10 ** -(D - 2));
      expect(new Dec(run.maxDrift).abs().toNumber()).toBeLessThanOrEqual(10 ** -(D - 5));
      // after the switch w₂ moves: it had no gradient before
      const W = (run.params as { layers: { W: string[][] }[] }).layers[0]!.W;
      expect(Number(W[0]![1])).toBeGreaterThan(-0.75);
    }
  });

  it("should decide a max-pool tie at t = 0 by the rates: the unit the other field carries above takes over, without an event", () => {
    // w₂ = −1/2 puts z₂ = 2w₁ + w₂ = 1/2 = z₁ at t = 0; PyTorch's first maximum is position 1, under which
    // z₂ − z₁ grows at ẇ₁ > 0, and under position 2 it grows too: position 2 is selected from the start,
    // so w₂ (which only position 2 reads) moves at once
    const net: LayeredNetwork<string> = { ...switchNet, layers: [{ ...switchNet.layers[0]!, W: [["1/2", "-1/2"]] }, { W: [["1/2"]] }] };
    const run = integrateFlow(net, switchData, { time: "1/64", digits: 20 });
    expect(run.events).toEqual([]);
    const W = (run.params as { layers: { W: string[][] }[] }).layers[0]!.W;
    expect(Number(W[0]![1])).toBeGreaterThan(-0.5 + 1e-3);
  });

  it("should slide along a max-pool tie both selections push into, from its closed-form time, keeping the units equal", () => {
    // z₁ = w₁ = 2 selected, z₂ = w₂ = 3/2 fixed, v = 2, y = 1: s = w₁v falls as s(t) = 1/(1 − (3/4)e^{−4t}), z₁ = √s meets
    // z₂ at s = 9/4, t = ln(27/20)/4; there the field with z₂ selected lowers z₂ too: both push into the tie, and the
    // flow slides with w₁ = w₂ (each taking half the pooled gradient) and c = w₁² + w₂² − v² = 9/4 conserved
    const net: LayeredNetwork<string> = {
      ...switchNet,
      layers: [{ ...switchNet.layers[0]!, W: [["2", "3/2"]] }, { W: [["2"]] }],
    };
    const D = 24;
    const run = integrateFlow(net, { X: [["1", "0", "0", "1"]], Y: [["1"]] }, { time: "1/4", digits: D });
    expect(run.events.map(({ kind, window }) => ({ kind, window }))).toEqual([{ kind: "slide", window: 0 }]);
    expect(Math.abs(Number(run.events[0]!.t) - Math.log(27 / 20) / 4)).toBeLessThan(1e-12);
    const W = (run.params as { layers: { W: string[][] }[] }).layers.map((l) => l.W[0]!.map((v) => new Dec(v)));
    const [w1, w2] = W[0]!;
    expect(w1!.minus(w2!).abs().toNumber()).toBeLessThan(10 ** -(D - 5));
    // they moved together: below 3/2, where w₂ stood still before the tie
    expect(w2!.toNumber()).toBeLessThan(1.5 - 1e-3);
    const c = w1!.pow(2).plus(w2!.pow(2)).minus(W[1]![0]!.pow(2));
    expect(c.minus(new Dec(9).div(4)).abs().toNumber()).toBeLessThan(10 ** -(D - 5));
  });

  it("should stop with one line at a second max-pool tie while one slides, naming point, window and time", () => {
    // two identical channels, each one window of two units equal at t = 0 (kernel (1, 1) on x = (1, 0, 1)),
    // read out by 1 and 1 with y = 0: both windows slide into their ties, two constraints the integrator does not take together
    const net: LayeredNetwork<string> = {
      activation: { kind: "relu" },
      input: { channels: 1, size: [3] },
      layers: [
        {
          W: [
            ["1", "1"],
            ["1", "1"],
          ],
          conv: { kernel: [2], groups: 1, stride: [1], padding: [0] },
          pool: { kind: "max", kernel: [2], stride: [2] },
        },
        { W: [["1", "1"]] },
      ],
    };
    const attempt = (): FlowRun => integrateFlow(net, { X: [["1", "0", "1"]], Y: [["0"]] }, { time: "1/4", digits: 20 });
    expect(attempt).toThrow(ConvergenceError);
    try {
      attempt();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain("\n");
      expect(message).toMatch(
        /max-pool tie at point 1: in window 2 of layer 1, channel 2 at positions 1 and 2 .*another tie or a kink slides too/,
      );
      expect(message).toMatch(/at t = 0\b/);
    }
  });

  it("should follow c_j(t) = c_j(0)e^{−2λt} per channel under weight decay, across the max-pool switch", () => {
    const run = integrateFlow(switchNet, switchData, { time: "1/8", digits: 20, weightDecay: "1/2" });
    expect(run.events.map((e) => e.kind)).toEqual(["switch"]);
    expect(Number(run.weightDecay!.maxRelativeDeviation)).toBeLessThan(1e-15);
    // c(0) = 1/4 + 9/16 − 1/4 = 9/16, and e^{−2·(1/2)·(1/8)} = e^{−1/8}
    const predicted = new Dec(9).div(16).times(Dec.exp(new Dec(-1).div(8)));
    expect(new Dec(run.invariantsT[0]!).minus(predicted).abs().toNumber()).toBeLessThan(1e-15);
  });

  it("should refuse batch normalisation, and the heavy ball, on a network with convolutions", () => {
    const bn: LayeredNetwork<string> = {
      ...switchNet,
      layers: [{ ...switchNet.layers[0]!, b: ["0"], norm: { gamma: ["1"], beta: ["0"], eps: "0" } }, { W: [["1/2"]] }],
    };
    expect(() => integrateFlow(bn, switchData, { time: "1/8", digits: 20 })).toThrow(/batch normalisation.*not a polynomial/);
    expect(() => integrateFlow(switchNet, switchData, { time: "1/8", digits: 20, momentum: "1" })).toThrow(InputError);
  });
});
