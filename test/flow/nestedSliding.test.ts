import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { at } from "../../src/scalar/at.js";
import { expectDescentLimit } from "../helpers/descentGap.js";
import { descentLayers, hiddenZ, rationalMatrix, stopLine } from "./flowHelpers.js";
import { runCliInProcess } from "../helpers/runCli.js";

/** The error a run throws, or undefined when it reaches T. */
function stopOf(run: () => unknown): ConvergenceError | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (e instanceof ConvergenceError) return e;
    throw e;
  }
}

/** z of every hidden layer at x, exactly, for a ReLU net as written. */
function exactHidden(net: LayeredNetwork<string>, x: readonly string[]): Fraction[][] {
  let a = x.map((v) => new Fraction(v));
  const out: Fraction[][] = [];
  for (const { W, b } of net.layers.slice(0, -1)) {
    const z = W.map((row, r) => row.reduce((s, w, c) => s.add(new Fraction(w).mul(a[c]!)), new Fraction(b?.[r] ?? 0)));
    out.push(z);
    a = z.map((v) => (v.compare(0) > 0 ? v : new Fraction(0)));
  }
  return out;
}

const events = (run: FlowRun) => run.events.map((ev) => [ev.layer, ev.neuron, ev.point, ev.kind]);

// 1 → 1 → 1 → 1 ReLU with z₁ = 2x + 5 and z₂ = h₁: at x = −5/2 both are 0, and the upper one's
// gradient runs through the lower one's σ′ (the connecting weight is 1). Both pairs want to slide there:
// before nested sliding was detected the run went on with two slides from t = 0 on a system whose
// upper gradient took σ′(0) of the lower pair as 0.
const atStart: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    { W: [["2"]], b: ["5"] },
    { W: [["1"]], b: ["0"] },
    { W: [["-3/4"]], b: ["2/3"] },
  ],
};
const atStartData = { X: [["-5/2"], ["-3/2"]], Y: [["4"], ["-2"]] };

// 2 → 2 → 1 → 1 ReLU, one point: neuron 1 of layer 1 starts sliding at t ≈ 0.0130, and neuron 1 of
// layer 2, which reads it through the weight 1/2, reaches its own kink at t ≈ 0.0832 and wants to slide too.
const midway: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["-5/3", "-3"],
        ["3", "-5/4"],
      ],
      b: ["3/2", "-1"],
    },
    { W: [["1/2", "-1/3"]], b: ["1/2"] },
    { W: [["-2"]], b: ["-5/2"] },
  ],
};
const midwayData = { X: [["-1", "1"]], Y: [["-5/4"]] };

describe("integrateFlow at nested sliding pairs", () => {
  it("should stop at t = 0 naming both pairs when a lower and an upper pair of one point start on their kinks and slide", () => {
    // Arrange: both pre-activations of point 1 are exactly 0
    expect(exactHidden(atStart, atStartData.X[0]!).map((z) => z[0]!.valueOf())).toEqual([0, 0]);
    // Act
    const stop = stopOf(() => integrateFlow(atStart, atStartData, { time: "1/2", digits: 20 }));
    // Assert
    expect(stop?.message).toBe(
      "taylor: nested sliding at point 1: neuron 1 of layer 1 and neuron 1 of layer 2 slide together and the second's gradient depends on the first's undefined slope at its kink, which the integrator does not decide at t = 0; try another method",
    );
  });

  it("should follow the lower slide and stop when the upper pair reaches its kink and would slide on top of it", () => {
    // Act: up to T = 0.08 only the lower pair slides; to T = 1 the upper one joins it
    const before = integrateFlow(midway, midwayData, { time: "0.08", digits: 20 });
    const stop = stopOf(() => integrateFlow(midway, midwayData, { time: "1", digits: 20 }));
    // Assert
    expect(events(before)).toEqual([[1, 0, 0, "slide"]]);
    expect(Number(before.events[0]!.t)).toBeCloseTo(0.01302, 4);
    expect(stop?.reason).toContain("nested sliding at point 1: neuron 1 of layer 1 and neuron 1 of layer 2");
    const t = Number(/^t = (.*)$/.exec(stop!.at)![1]);
    expect(t).toBeGreaterThan(0.08);
    expect(t).toBeLessThan(0.0833);
  });

  it("should go on when pairs of two layers slide at the same time at different points (no gradient reads the other's slope)", () => {
    // Arrange: a leaky net whose layer-1 neuron slides on point 1 from t ≈ 0.35156 and whose layer-2 neuron
    // joins it on point 2 at t ≈ 0.50658, both to T
    const net: LayeredNetwork<string> = {
      activation: { kind: "leaky_relu", slope: "1/4" },
      layers: [
        { W: [["-1"], ["-5"]], b: ["-1/3", "-4"] },
        { W: [["-5", "-5/3"]], b: ["3/2"] },
        { W: [["5"]], b: ["1"] },
      ],
    };
    const data = { X: [["-2"], ["-5/3"]], Y: [["5/2"], ["5/4"]] };
    // Act
    const run = integrateFlow(net, data, { time: "1", digits: 20 });
    // Assert: the two slides overlap from t ≈ 0.50658 to T, every c_{l,k} is kept, and the endpoint is descent's
    expect(events(run).slice(3)).toEqual([
      [1, 0, 0, "slide"],
      [2, 0, 1, "slide"],
    ]);
    expect(Number(run.events[3]!.t)).toBeCloseTo(0.351562, 5);
    expect(Number(run.events[4]!.t)).toBeCloseTo(0.506577, 5);
    expect(Number(run.maxDrift)).toBeLessThan(1e-15);
    expectDescentLimit(net, data, run, 1, [10_000, 20_000], 3e-3);
  });

  it("should stop when a bias-free neuron's weight reaches 0 under a sliding pair above: it is then on its kink at every point at once", () => {
    // Arrange: the net above without the layer-1 bias; z = w·x of neuron 1 reaches 0 at both points when w does, and
    // the layer-2 pair sliding on point 2 reads that neuron's slope at point 2
    const net: LayeredNetwork<string> = {
      activation: { kind: "leaky_relu", slope: "1/4" },
      layers: [{ W: [["0"], ["1/4"]] }, { W: [["5", "-6"]], b: ["0"] }, { W: [["-1/2"]], b: ["-3"] }],
    };
    const data = { X: [["5/2"], ["-3/2"]], Y: [["0"], ["4/3"]] };
    for (const digits of [20, 30]) {
      // Act
      const stop = stopOf(() => integrateFlow(net, data, { time: "1", digits }));
      // Assert: the same stop at either precision, at w = 0 (t ≈ 0.32730)
      expect(stop?.reason).toContain("nested sliding at point 2: neuron 1 of layer 1 and neuron 1 of layer 2");
      expect(Number(/^t = (.*)$/.exec(stop!.at)![1])).toBeCloseTo(0.32730134, 7);
    }
  });

  it("should exit 3 from the CLI with one line naming the point, both neurons, their layers and the time", async () => {
    // Arrange
    const dir = mkdtempSync(join(tmpdir(), "relutopo-nested-"));
    // the file form names the activation as text
    writeFileSync(join(dir, "net.json"), JSON.stringify({ ...atStart, activation: "relu" }));
    writeFileSync(join(dir, "data.csv"), "x,y\n-5/2,4\n-3/2,-2\n");
    // Act
    const r = await runCliInProcess([
      "flow",
      "--net",
      join(dir, "net.json"),
      "--data",
      join(dir, "data.csv"),
      "--time",
      "1/2",
      "--digits",
      "20",
    ]);
    // Assert
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^relutopo: taylor: nested sliding at point 1: neuron 1 of layer 1 and neuron 1 of layer 2 [^\n]* at t = 0; [^\n]+\n$/,
    );
  });
});

describe("integrateFlow: a stop at nested sliding names pairs that are on their kinks together", () => {
  const slopeBelow = { relu: 0, abs: -1 };
  it.each([
    ["relu", midway, midwayData],
    [
      "abs",
      {
        activation: { kind: "abs" },
        layers: [{ W: [["-1", "2/3"]], b: ["1/3"] }, { W: [["-1"], ["1"]], b: ["3/4", "1"] }, { W: [["1", "-5/3"]] }],
      },
      {
        X: [
          ["-2", "1/2"],
          ["3/4", "1/3"],
          ["-1", "5"],
        ],
        Y: [["0"], ["2"], ["-3/2"]],
      },
    ],
  ] as const)("%s: both named pre-activations are 0 just before the named time, and the lower feeds the upper", (kind, net, data) => {
    // Act
    const stop = stopOf(() => integrateFlow(net as LayeredNetwork<string>, data, { time: "1", digits: 20 }));
    const m = /^nested sliding at point (\d+): neuron (\d+) of layer (\d+) and neuron (\d+) of layer (\d+) /.exec(stop!.reason)!;
    const [i, k1, l1, k2, l2] = m.slice(1).map(Number) as [number, number, number, number, number];
    const tStop = Number(/^t = (.*)$/.exec(stop!.at)![1]);
    const before = integrateFlow(net as LayeredNetwork<string>, data, { time: (tStop * (1 - 1e-9)).toPrecision(15), digits: 20 });
    // Assert: an independent forward pass in doubles from the printed params
    const x = data.X[i - 1]!;
    expect(l2).toBeGreaterThan(l1);
    const { layers } = before.params as { layers: Layer<string>[] };
    const zAt = (l: number, k: number): number => at(at(hiddenZ(layers, [x], l, slopeBelow[kind]), 0), k - 1);
    expect(Math.abs(zAt(l1, k1))).toBeLessThan(1e-6);
    expect(Math.abs(zAt(l2, k2))).toBeLessThan(1e-6);
    if (l2 === l1 + 1) expect(Number(layers[l1]!.W[k2 - 1]![k1 - 1])).not.toBe(0);
  });
});

// 1 → 2 → 3 → 1 ReLU without biases: layer-1 neuron 1 starts with weight 0 and stays off, and the weight of neuron 2
// passes through 0 at t ≈ 0.02237, where all six points reach its kink at once; at a point where neuron 2 is on its
// kink, layer 2 then reads nothing else. Held on the kink with layer 2 taken as off, the flow kept the weight at 0
// to T; descent, where layer 2 comes on as the weight goes below 0, takes it to −0.074.
const onlyInput: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    { W: [["0"], ["1/4"]] },
    {
      W: [
        ["2/5", "2"],
        ["0", "0"],
        ["-3/2", "-5/6"],
      ],
    },
    { W: [["-2", "1", "-2"]] },
  ],
};
const onlyInputData = {
  X: [["2"], ["-1"], ["-5/3"], ["6/5"], ["4/3"], ["-5/3"]],
  Y: [["4/3"], ["1"], ["-3/2"], ["2"], ["1/4"], ["-1/4"]],
};

describe("integrateFlow: a pair whose only input is a unit on its kink", () => {
  it("should put the pair on the side of sign(w) when the weight reaches 0, and follow descent there", () => {
    // Act
    const run = integrateFlow(onlyInput, onlyInputData, { time: "2", digits: 20 });
    const fine = integrateFlow(onlyInput, onlyInputData, { time: "2", digits: 32 });
    // Assert: at t ≈ 0.0223723 the weight of layer-1 neuron 2 reaches 0 and every point is on its kink; the pairs of
    // layer-2 neuron 1 whose other input is off (neuron 1 of layer 1 is 0 throughout) go on, as w = 2 > 0 says
    const above = run.events.filter((ev) => ev.layer === 2).map((ev) => [ev.neuron, ev.point, ev.kind, Number(ev.t).toPrecision(9)]);
    expect(above).toEqual([1, 2, 5].map((i) => [0, i, "enter", "0.0223723437"]));
    const times = (r: FlowRun) => r.events.map((ev) => [ev.layer, ev.neuron, ev.point, ev.kind, Number(ev.t).toPrecision(12)]);
    expect(times(fine)).toEqual(times(run));
    // descent moves the weight by 0.074, where the flow that held the pair off kept it at 0
    expectDescentLimit(onlyInput, onlyInputData, fine, 2, [10_000, 20_000], 1e-3);
  });
});

// 2 → 2 → 3 → 1 ReLU without biases, nine points: at t ≈ 0.46385 layer-1 neuron 2 comes on at points 2 and 3 (their
// inputs are parallel), where every other layer-1 unit is off, so layer 2 reads nothing else there and its z at
// those points leave 0 with the sign of their weights from neuron 2. Crossed with them off, the flow then held them
// on their kinks, a field descent never sees (it ended 0.006 off descent).
const comesOnBelow: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["1/2", "0"],
        ["1", "3/2"],
      ],
    },
    {
      W: [
        ["3/2", "3"],
        ["-2", "3/2"],
        ["0", "-1"],
      ],
    },
    { W: [["3/4", "-4/3", "3/2"]] },
  ],
};
const comesOnBelowData = {
  X: [
    ["-3/2", "1"],
    ["-2/3", "1/3"],
    ["-3", "3/2"],
    ["1", "-1/4"],
    ["5/4", "0"],
    ["0", "-3/2"],
    ["0", "-3/2"],
    ["0", "3/2"],
    ["-1/2", "3"],
  ],
  Y: [["6"], ["-2"], ["-2"], ["1"], ["-1"], ["2/3"], ["2"], ["-1"], ["5/3"]],
};

describe("integrateFlow: pairs above a unit that comes on from its kink and that read nothing else", () => {
  it("should take them to the side of their weight with it, and follow descent there", () => {
    // Act
    const run = integrateFlow(comesOnBelow, comesOnBelowData, { time: "1/2", digits: 16 });
    // Assert: layer-2 neurons 1 and 2 (weights 2.99 and 1.52 from neuron 2) come on with it at points 2 and 3
    const at046 = run.events.filter((ev) => Math.abs(Number(ev.t) - 0.46385) < 1e-4).map((ev) => [ev.layer, ev.neuron, ev.point, ev.kind]);
    expect(at046).toEqual([
      [1, 1, 1, "enter"],
      [1, 1, 2, "enter"],
      [2, 0, 1, "enter"],
      [2, 1, 1, "enter"],
      [2, 0, 2, "enter"],
      [2, 1, 2, "enter"],
    ]);
    expectDescentLimit(comesOnBelow, comesOnBelowData, run, 0.5, [16_000, 32_000], 1e-4);
  });
});

/** 2 → h → h2 → 1 nets without biases, under every kinked activation, whose data hold the input 0 at point 1. */
const zeroInputNet = fc
  .record({ h: fc.integer({ min: 2, max: 3 }), h2: fc.integer({ min: 2, max: 3 }), n: fc.integer({ min: 2, max: 5 }) })
  .chain(({ h, h2, n }) =>
    fc.record({
      activation: fc.constantFrom({ kind: "abs" as const }, { kind: "leaky_relu" as const, slope: "1/3" }, { kind: "relu" as const }),
      W1: rationalMatrix(h, 2),
      W2: rationalMatrix(h2, h),
      W3: rationalMatrix(1, h2),
      X: rationalMatrix(n, 2),
      Y: rationalMatrix(n + 1, 1),
    }),
  );

describe("integrateFlow: a point whose input is 0, under a net without biases", () => {
  it("should never name it in an event: every pre-activation there stays 0, in every layer, under every activation", () => {
    fc.assert(
      fc.property(zeroInputNet, ({ activation, W1, W2, W3, X, Y }) => {
        const net: LayeredNetwork<string> = { activation, layers: [{ W: W1 }, { W: W2 }, { W: W3 }] };
        let run: FlowRun;
        try {
          run = integrateFlow(net, { X: [["0", "0"], ...X], Y }, { time: "1/4", digits: 12 });
        } catch (e) {
          if (e instanceof ConvergenceError) return;
          throw e;
        }
        expect(run.events.filter((ev) => ev.point === 0)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

// 2 → 3 → 2 → 1 ReLU with biases, five points: at t ≈ 0.03564 layer 1 is off at points 1–3 but for neuron 3, held on
// its kink at point 1, so layer-2 neuron 2 reads only its bias at all three and they reach its kink together as the
// bias reaches 0. Descent holds the bias at 0. Taken one at a time (point 1 across alone, then back), the flow
// released points 2 and 3 and let the bias go below 0 (0.049 off); as one surface they slide together, and at
// point 1 that nests on neuron 3's slide, which the run refuses.
const biasOnly: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["5/2", "5"],
        ["2", "3"],
        ["0", "-5/3"],
      ],
      b: ["2", "-1", "-1/3"],
    },
    {
      W: [
        ["-1/2", "-2", "-3/2"],
        ["-5/3", "2", "3"],
      ],
      b: ["4/3", "2/3"],
    },
    { W: [["-5/3", "-5"]] },
  ],
};
const biasOnlyData = {
  X: [
    ["5/2", "-3"],
    ["-1", "-3/2"],
    ["-6", "-1"],
    ["4/3", "6"],
    ["-3", "-3"],
  ],
  Y: [["1/2"], ["-1"], ["-2/3"], ["-4"], ["-6"]],
};

describe("integrateFlow: points that reach a shared surface together", () => {
  it("should slide them together where neither side's field carries them past it, not cross the first alone", () => {
    // Act
    const line = stopLine(biasOnly, biasOnlyData, "1/2", 16);
    // Assert
    expect(line).toMatch(
      /^taylor: nested sliding at point 1: neuron 3 of layer 1 and neuron 2 of layer 2 slide together .* at t = 0\.03564\d*; /,
    );
    // descent keeps the bias of layer-2 neuron 2 at 0 from there
    for (const steps of [16_000, 64_000])
      expect(Math.abs(at(at(descentLayers(biasOnly, biasOnlyData, 0.05, steps), 1).b!, 1))).toBeLessThan(1e-4);
  });
});
