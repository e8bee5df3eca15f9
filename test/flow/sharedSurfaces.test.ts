import { describe, expect, it } from "vitest";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { descentGap, expectDescentLimit } from "../helpers/descentGap.js";
import { flatParams } from "./flowHelpers.js";

/** The events as (layer, neuron, point, kind, t to 10 digits). */
const log = (run: FlowRun) => run.events.map((ev) => [ev.layer, ev.neuron, ev.point, ev.kind, Number(ev.t).toPrecision(10)]);

// 3 → 2 → 3 → 1 ReLU without biases: layer 1 is off at points 5 and 6 from t ≈ 0.0745 (point 5 from the start),
// so layer 2 sees an input of 0 there, and its three pre-activations at point 6 reach 0 with the crossing below
const deadBelow: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["-7/4", "-1/3", "5/3"],
        ["0", "2", "-1"],
      ],
    },
    {
      W: [
        ["-1", "-2/3"],
        ["3/2", "1/2"],
        ["7/4", "1"],
      ],
    },
    { W: [["2", "2/3", "3/2"]] },
  ],
};
const deadBelowData = {
  X: [
    ["1", "1", "-1"],
    ["1/2", "0", "2"],
    ["2", "0", "-8/5"],
    ["-4/3", "-1/3", "-5/6"],
    ["1", "1/5", "3/5"],
    ["1", "-7/6", "2"],
    ["0", "-1", "5/6"],
    ["0", "-3/2", "0"],
  ],
  Y: [["0"], ["-5/3"], ["-1"], ["11/6"], ["-3/2"], ["-2"], ["-2/3"], ["2"]],
};

// 1 → 2 → 3 → 1 leaky net (slope 1/4) without biases, seven points (the first twice): layer-2 neuron 2 reads
// layer-1 neuron 2 alone, so its pre-activation at every point of one sign is its weight times a fixed multiple,
// and all of them reach 0 together when that weight does (t ≈ 0.21808), as again at t ≈ 1.31336
const shared: LayeredNetwork<string> = {
  activation: { kind: "leaky_relu", slope: "1/4" },
  layers: [
    { W: [["-1"], ["1/3"]] },
    {
      W: [
        ["0", "4/3"],
        ["0", "-4/5"],
        ["-2", "-2/3"],
      ],
    },
    { W: [["-5/3", "1/3", "-4/3"]] },
  ],
};
const sharedData = {
  X: [["-3/2"], ["-1/3"], ["-11/6"], ["-1"], ["-2"], ["3/5"], ["-3/2"]],
  Y: [["3/2"], ["-1/5"], ["1"], ["-9/5"], ["-1/4"], ["-5/6"], ["3/2"]],
};

// 1 → 3 → 3 → 1 leaky net (slope 1/4): layer-1 neuron 3 starts with weight 0 and no bias, so all six points are on
// its one surface w = 0 (x < 0 on one side, x > 0 on the other), and both one-sided fields point into it
const zeroStart: LayeredNetwork<string> = {
  activation: { kind: "leaky_relu", slope: "1/4" },
  layers: [
    { W: [["-2"], ["6/5"], ["0"]] },
    {
      W: [
        ["-1", "-2/3", "-2"],
        ["5/4", "4/3", "1/2"],
        ["2/3", "7/4", "3/5"],
      ],
      b: ["2", "-2", "8/5"],
    },
    { W: [["-2", "1/2", "9/5"]] },
  ],
};
const zeroStartData = {
  X: [["-2"], ["-2"], ["-2"], ["2"], ["1"], ["1/3"]],
  Y: [["5/6"], ["2"], ["3/2"], ["0"], ["2"], ["1/6"]],
};

// 1 → 2 → 1 ReLU net without biases: neuron 1 starts with weight 0, so all eight points are on its kink, on both
// sides of its one surface; every slope of its pairs is 0 there (PyTorch's σ′(0)), so descent never moves it
const frozenRelu: LayeredNetwork<string> = { activation: { kind: "relu" }, layers: [{ W: [["0"], ["-2"]] }, { W: [["-2", "5/3"]] }] };
const frozenReluData = {
  X: [["2"], ["-1"], ["-5/4"], ["3/2"], ["-2"], ["-1"], ["-1"], ["2"]],
  Y: [["2/3"], ["-5/3"], ["5/6"], ["1/5"], ["1/2"], ["-1/5"], ["3/2"], ["2/3"]],
};

// 2 → 2 → 1 ReLU net without biases: neuron 1 (w = (1/3, 0)) starts on its kink at the two copies of x = (0, −3/2),
// and the fields of both sides carry them away from it
const repelling: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["1/3", "0"],
        ["-1", "-7/4"],
      ],
    },
    { W: [["-9/5", "1/2"]] },
  ],
};
const repellingData = {
  X: [
    ["0", "-3/2"],
    ["2/3", "-7/6"],
    ["1", "-7/5"],
    ["-1/2", "-2/5"],
    ["0", "-3/2"],
  ],
  Y: [["0"], ["7/4"], ["1/5"], ["4/3"], ["0"]],
};

// 3 → 4 → 2 → 1 ReLU net: at the first two points only the third neuron of layer 1 is on, with the same value (it
// reads x1 alone, 2 at both), so layer 2 sees one input there and its second neuron has one surface at both
const oneInputAbove: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["0", "0", "-1/4"],
        ["-2", "0", "-1"],
        ["2", "0", "0"],
        ["-2", "-2", "0"],
      ],
      b: ["0", "-2", "5/4", "0"],
    },
    {
      W: [
        ["1", "1", "0", "2"],
        ["0", "2", "1/2", "1"],
      ],
    },
    { W: [["-2", "0"]] },
  ],
};
const oneInputAboveData = {
  X: [
    ["2", "0", "2"],
    ["2", "0", "1"],
    ["-1", "-1", "-2"],
    ["-2", "0", "0"],
    ["0", "-2", "0"],
    ["-2", "-2", "2"],
  ],
  Y: [["1/2"], ["-4/3"], ["1/2"], ["0"], ["2"], ["-1"]],
};

// 1 → 4 → 2 → 1 ReLU net without biases: at every x < 0 only layer-1 neuron 4 is on, and layer-2 neuron 1 reads
// it with weight 0, so its four pairs there start on one surface; the field with them on carries them away, the
// field with them off leaves the weight where it is (its gradient is 0), and so does descent with σ′(0) = 0
const tangentStart: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    { W: [["0"], ["2"], ["1/2"], ["-5/3"]] },
    {
      W: [
        ["-1/2", "1/2", "-1", "0"],
        ["1/2", "-4/5", "3/2", "2"],
      ],
    },
    { W: [["0", "-6/5"]] },
  ],
};
const tangentStartData = {
  X: [["0"], ["-5/4"], ["3/4"], ["-2"], ["-1"], ["8/5"], ["-5/3"]],
  Y: [["-1"], ["8/5"], ["3/2"], ["5/4"], ["1"], ["-1/2"], ["-1/3"]],
};

describe("integrateFlow: pairs that reach their kinks together", () => {
  it("should keep points that start on one surface off where only the far side's field carries them away", () => {
    // Act
    const run = integrateFlow(tangentStart, tangentStartData, { time: "2", digits: 30 });
    // Assert: the four pairs stay off and the weight stays 0, as descent keeps it (taken across because the far
    // side's field carried them away, the weight moved to 0.0034)
    expect(log(run)).toEqual([1, 3, 4, 6].map((i) => [2, 0, i, "leave", "0.000000000"]));
    const { layers } = run.params as { layers: { W: string[][] }[] };
    expect(layers[1]!.W[0]![3]).toBe("0");
    expectDescentLimit(tangentStart, tangentStartData, run, 2, [10_000, 20_000], 1e-3);
  });

  it("should slide a layer-2 surface that two points share as one group, and release both at once", () => {
    // Act
    const run = integrateFlow(oneInputAbove, oneInputAboveData, { time: "2", digits: 32 });
    // Assert: the two points slide together from t ≈ 0.30067 (where neither side's field carries them past their one
    // surface) and leave together at t ≈ 1.79069, as descent's do (at 32 digits the pair left unheld crossed at a
    // rounding-level instant, and one weight of layer 2 stayed at 0: 6·10⁻⁴ off descent at every step size)
    expect(log(run).filter((ev) => ev[0] === 2 && ev[1] === 1)).toEqual([
      [2, 1, 0, "slide", "0.3006712126"],
      [2, 1, 1, "slide", "0.3006712126"],
      [2, 1, 0, "release", "1.790689709"],
      [2, 1, 1, "release", "1.790689709"],
    ]);
    expectDescentLimit(oneInputAbove, oneInputAboveData, run, 2, [10_000, 20_000], 1e-2);
  });

  it("should leave a surface that repels on both sides the way descent's first step does, with every point on it", () => {
    // Act
    const coarse = integrateFlow(repelling, repellingData, { time: "2", digits: 16 });
    const fine = integrateFlow(repelling, repellingData, { time: "2", digits: 32 });
    // Assert: both copies leave at t = 0 to the side of σ′(0) = 0, as a point alone would and as descent does
    expect(log(fine).map((ev) => ev.slice(1))).toEqual([
      [0, 0, "leave", "0.000000000"],
      [0, 4, "leave", "0.000000000"],
      [0, 1, "slide", "0.1335945806"],
    ]);
    expect(log(coarse)).toEqual(log(fine));
    // descent zigzags across the slide of point 2 at the scale of η, so its gap halves only on average: a quarter
    // from η to η/4 (first order); taken to the other side, the endpoint would stay off
    const [wide, narrow] = [5_000, 20_000].map((steps) => descentGap(repelling, repellingData, fine, 2, steps)) as [number, number];
    expect(narrow / wide).toBeGreaterThan(0.15);
    expect(narrow / wide).toBeLessThan(0.35);
    expect(narrow).toBeLessThan(1e-4);
  });

  it("should keep a ReLU neuron that starts with every weight 0 off, as descent does, at every precision", () => {
    // Act
    const coarse = integrateFlow(frozenRelu, frozenReluData, { time: "2", digits: 16 });
    const fine = integrateFlow(frozenRelu, frozenReluData, { time: "2", digits: 32 });
    // Assert: no event; its weight and output weight stay where they were (held as a group of two of its points
    // with the other six fixed off, the group was released at t = 0 at 16 digits and its points entered: 0.9 off)
    expect(log(fine)).toEqual([]);
    expect(log(coarse)).toEqual([]);
    const [w1, , a1] = flatParams(fine.params);
    expect(Number(w1)).toBe(0);
    expect(Number(a1)).toBe(-2);
    expectDescentLimit(frozenRelu, frozenReluData, fine, 2, [10_000, 20_000], 1e-3);
  });

  it("should slide on a surface that several points share with one weight for all of them, and release them together", () => {
    // Act
    const coarse = integrateFlow(zeroStart, zeroStartData, { time: "2", digits: 16 });
    const fine = integrateFlow(zeroStart, zeroStartData, { time: "2", digits: 32 });
    // Assert: all six points slide from t = 0 and leave at one instant, as descent's points do (each pair held by a
    // weight of its own, one was released at t ≈ 0.0062 or the neuron was held at w = 0 to T: 0.011 off descent)
    const points = [0, 1, 2, 3, 4, 5];
    expect(log(fine)).toEqual([
      ...points.map((i) => [1, 2, i, "slide", "0.000000000"]),
      ...points.map((i) => [1, 2, i, "release", "0.7410724153"]),
    ]);
    expect(log(coarse)).toEqual(log(fine));
    expectDescentLimit(zeroStart, zeroStartData, fine, 2, [10_000, 20_000], 1e-3);
  });

  it("should cross the layer-1 kink first where the layer-2 pre-activations above it reach 0 with it, and watch those no more", () => {
    // Act
    const coarse = integrateFlow(deadBelow, deadBelowData, { time: "2", digits: 16 });
    const fine = integrateFlow(deadBelow, deadBelowData, { time: "2", digits: 32 });
    // Assert: two crossings of layer 1, at the same instants at both precisions (taken as layer-2 events at one
    // of them, the endpoints were 0.33 apart, neither on descent's path)
    expect(log(fine).map((ev) => ev.slice(0, 4))).toEqual([
      [1, 0, 5, "leave"],
      [1, 0, 1, "leave"],
    ]);
    expect(log(coarse)).toEqual(log(fine));
    expectDescentLimit(deadBelow, deadBelowData, fine, 2, [10_000, 20_000], 1e-3);
  });

  it("should cross a surface that several points share with all of them at once", () => {
    // Act
    const coarse = integrateFlow(shared, sharedData, { time: "2", digits: 16 });
    const fine = integrateFlow(shared, sharedData, { time: "2", digits: 32 });
    // Assert: six points leave together, as descent's pairs do (taken one at a time, some slid and the
    // endpoint was 0.12 off descent's)
    const first = log(fine).filter((ev) => ev[4] === log(fine)[0]![4]);
    expect(first.map((ev) => ev.slice(0, 4))).toEqual([0, 1, 2, 3, 4, 6].map((i) => [2, 1, i, "leave"]));
    expect(fine.events.some((ev) => ev.kind === "slide")).toBe(false);
    expect(log(coarse)).toEqual(log(fine));
    expect(descentGap(shared, sharedData, fine, 2, 20_000)).toBeLessThan(1e-4);
  });

  it("should cross a pair alone where the pairs of its unit at 0 with it are on another surface", () => {
    // Act
    const run = integrateFlow(otherSurface, otherSurfaceData, { time: "1/2", digits: 16 });
    // Assert: at t ≈ 0.0128 point 2 leaves the kink of neuron 2 of layer 2 alone, and points 1 and 8, at 0 on the
    // surface of that neuron's weight of 0 from neuron 1 of layer 1 (the only unit on at both), stay off
    const instant = run.events.filter((ev) => ev.layer === 2 && ev.neuron === 1 && Number(ev.t) > 0.0128 && Number(ev.t) < 0.0129);
    expect(instant.map((ev) => [ev.point, ev.kind])).toEqual([[1, "leave"]]);
    expectDescentLimit(otherSurface, otherSurfaceData, run, 0.5, [16_000, 32_000], 1e-3);
  });
});

// 2 → 4 → 3 → 1 ReLU net without biases, eight points: at points 1 and 8 only neuron 1 of layer 1 is on, and neuron 2
// of layer 2 reads it through a weight of 0, so both of its pairs there sit at z = 0, on the surface of that weight,
// which descent keeps at 0. When point 2 leaves that neuron's kink at t ≈ 0.0128, crossing every pair at 0 with it
// turned points 1 and 8 on as well, and the flow ended 0.0076 off descent.
const otherSurface: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["0", "2"],
        ["3/2", "-4/3"],
        ["2", "1"],
        ["3/2", "-5/3"],
      ],
    },
    {
      W: [
        ["5", "-3", "1", "1/4"],
        ["0", "3", "-3/2", "-3/2"],
        ["-1", "0", "-2", "-3"],
      ],
    },
    { W: [["2", "-1/2", "-3/2"]] },
  ],
};
const otherSurfaceData = {
  X: [
    ["-2", "-1/4"],
    ["-1/4", "-2"],
    ["3/2", "3/2"],
    ["1", "-4"],
    ["0", "-5/2"],
    ["1", "3/2"],
    ["-2", "-3/4"],
    ["-4", "0"],
  ],
  Y: [["1/2"], ["-3"], ["5/2"], ["2/3"], ["1"], ["-3/2"], ["0"], ["-1/2"]],
};

// 1 → 4 → 1 |x| net with biases, eight points: point 8 (x = −6) starts on the kink of neuron 2 (z = 2 − 2), and
// the fields of both sides carry it away (the kink repels). σ′(0) = 0 is the slope of neither side: descent's first
// step, with that slope, takes z above the kink. Put below (the side of z ≤ 0), the flow ended 0.61 off descent.
const absRepelling: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [{ W: [["-3/2"], ["-1/3"], ["-1"], ["1/2"]], b: ["-3", "-2", "6", "-1/2"] }, { W: [["6", "-5", "3/4", "2"]] }],
};
const absRepellingData = {
  X: [["0"], ["2/3"], ["4"], ["5/4"], ["2"], ["-2"], ["1/3"], ["-6"]],
  Y: [["-3"], ["3/2"], ["6"], ["-1/4"], ["1"], ["-1"], ["3"], ["-1"]],
};

// 2 → 3 → 1 |x| net with biases, eight points: points 4 and 7 start on the kink of neuron 3 (their inputs are not
// parallel: two surfaces through the start). The kink of point 4 repels; with point 7's slope at σ′(0) = 0 too, as
// in descent's first step, the field takes point 4 above, and with point 7 taken below first, below (0.02 off).
const absCorner: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    {
      W: [
        ["-1/4", "-3"],
        ["-4", "-3/2"],
        ["-3/2", "-3/2"],
      ],
      b: ["3/4", "2", "-3"],
    },
    { W: [["-3/4", "2", "-2"]] },
  ],
};
const absCornerData = {
  X: [
    ["-1/4", "2/3"],
    ["-5/3", "3/2"],
    ["-1", "3"],
    ["-3/2", "-1/2"],
    ["-1", "2"],
    ["4", "-1"],
    ["-3/4", "-5/4"],
    ["-3/2", "1"],
  ],
  Y: [["1"], ["-6"], ["1"], ["1"], ["-3"], ["-1/4"], ["3"], ["-2"]],
};

describe("integrateFlow: a single pair that starts on a kink that repels", () => {
  it("should read descent's first step with every pair on its kink at σ′(0), where two points of a unit start there", () => {
    const run = integrateFlow(absCorner, absCornerData, { time: "1/2", digits: 16 });
    expectDescentLimit(absCorner, absCornerData, run, 0.5, [16_000, 32_000], 1e-3);
  });

  it("should take the side where descent's first step takes z, with the pair's slope at σ′(0)", () => {
    // Act
    const run = integrateFlow(absRepelling, absRepellingData, { time: "1/2", digits: 16 });
    // Assert: neuron 2 never meets point 8 again; the gap to descent halves with η
    expect(run.events.filter((ev) => ev.neuron === 1)).toEqual([]);
    expectDescentLimit(absRepelling, absRepellingData, run, 0.5, [16_000, 32_000], 5e-3);
  });
});
