import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signsOfSum } from "../../src/flow/_internals/kinkRules.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { at } from "../../src/scalar/at.js";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { expectDescentLimit } from "../helpers/descentGap.js";
import { descentLayers, hiddenZ, stopLine } from "./flowHelpers.js";

// |x|, 2 → 3 → 2 → 1 without biases: layer 1's units 2 and 3 read only the second input, so every point's layer-1
// output lies in a plane while the points share one pattern. Points 1, 2 and 3 reach the kink of neuron 2 of layer 2
// by t ≈ 0.0019, where three surfaces meet along which only two constraints hold. The flow held all three to T = 1/2
// and ended 1.24 off descent.
const plane: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    {
      W: [
        ["-2/3", "2"],
        ["0", "3/2"],
        ["0", "-1/2"],
      ],
    },
    {
      W: [
        ["-5/3", "-1", "-4"],
        ["3", "1", "-3"],
      ],
    },
    { W: [["2", "3"]] },
  ],
};
const planeData = {
  X: [
    ["-4/3", "1/2"],
    ["2/3", "-3"],
    ["-5/3", "2"],
    ["0", "0"],
  ],
  Y: [["6"], ["1/3"], ["-3/4"], ["-1"]],
};

// |x|, 2 → 2 → 2 → 1 without biases: at point 5 neuron 1 of layer 1 slides from t ≈ 0.0576, and neuron 2 of layer 1
// reaches its kink there at t ≈ 0.0634, where the whole layer reads 0 at that point. Neuron 1 of layer 2 reads the two
// with weights of both signs, so its side near there depends on which of them leaves 0 faster. The flow crossed
// neuron 2, kept neuron 1 on its kink to T = 1/2 and ended 0.092 off descent.
const crossing: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    {
      W: [
        ["-5/2", "-2"],
        ["1", "3"],
      ],
    },
    {
      W: [
        ["-5", "3/4"],
        ["-3", "-2/3"],
      ],
    },
    { W: [["5", "-5/2"]] },
  ],
};
const crossingData = {
  X: [
    ["0", "-1/4"],
    ["-5/3", "-2"],
    ["-2", "-1"],
    ["-1/4", "-3"],
    ["-1", "1"],
    ["0", "1/3"],
  ],
  Y: [["6"], ["1/4"], ["1/2"], ["2"], ["1"], ["-3/4"]],
};

// |x|, 2 → 2 → 3 → 1 without biases: at point 2, neuron 2 of layer 1 starts on its kink (4/3·3/2 + 1/2·(−4) = 0) and so
// do neurons 1 and 2 of layer 2, which read it (weights −3 and 5/2) and neuron 1 of layer 1 through weights of 0. The
// lower pair repels on both sides. Decided one at a time, lowest layer first, the flow took neuron 2 of layer 2 below
// and ended 0.15 off descent, whose first steps take both off 0 at once.
const nestedStart: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    {
      W: [
        ["-1", "3"],
        ["4/3", "1/2"],
      ],
    },
    {
      W: [
        ["0", "-3"],
        ["0", "5/2"],
        ["-5/3", "-1"],
      ],
    },
    { W: [["-5", "-1", "2"]] },
  ],
};
const nestedStartData = {
  X: [
    ["2/3", "2/3"],
    ["3/2", "-4"],
    ["-5/3", "1/3"],
  ],
  Y: [["-1/4"], ["2"], ["-2"]],
};

// |x|, 1 → 2 → 3 → 1 with biases: neuron 1 of layer 1 starts on its kink at point 1 (−3/4 + 3/4) with outgoing
// weights of 0, so neither side's field moves its z at first order; both second-order terms take it up. Left on the
// side below by default, the flow ended 0.074 off descent.
const flatStart: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    { W: [["1"], ["0"]], b: ["3/4", "0"] },
    {
      W: [
        ["0", "-2"],
        ["0", "3/4"],
        ["0", "0"],
      ],
      b: ["-5", "1", "0"],
    },
    { W: [["-2", "0", "0"]] },
  ],
};
const flatStartData = { X: [["-3/4"], ["3/2"], ["0"]], Y: [["0"], ["0"], ["0"]] };

describe("integrateFlow at a start on a kink", () => {
  it("should take a pair that neither side's field moves at first order to the side its first terms beyond rounding take, as descent does", () => {
    // Act
    const run = integrateFlow(flatStart, flatStartData, { time: "1/2", digits: 16 });
    // Assert: the gap to descent halves with η
    expectDescentLimit(flatStart, flatStartData, run, 0.5, [8000, 16000], 1e-3);
  });
});

// |x|, 1 → 2 → 3 → 1 with biases: neuron 2 of layer 2 slides at point 1 from t ≈ 0.0273, and neuron 2 of layer 1,
// which it reads through the weight 3/4 (to start with), crosses its kink there at t ≈ 0.0281. Crossed as one
// surface, the flow went on and ended 0.69 off descent.
const underSlide: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    { W: [["1"], ["1"]], b: ["1", "1"] },
    {
      W: [
        ["0", "-2"],
        ["0", "3/4"],
        ["0", "1"],
      ],
      b: ["-5", "1", "-2"],
    },
    { W: [["-2", "-4", "-1"]] },
  ],
};
const underSlideData = { X: [["-3/4"], ["0"], ["-1/3"]], Y: [["-1"], ["-2"], ["1"]] };

// |x|, 1 → 2 → 3 → 1 with biases: neuron 2 of layer 2 holds points 2 and 3 on its kink, and with the three points on
// one pattern of layer 1 (1-d inputs) its z at point 1 is a combination of those and stays 0 with them. Neuron 2 of
// layer 1 crosses its kink at point 1 at t ≈ 0.0369, under that pair; descent slides there instead, and the flow,
// which crossed, ended 0.0037 off it.
const underZero: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    { W: [["1"], ["1"]], b: ["1", "1"] },
    {
      W: [
        ["0", "-2"],
        ["0", "1"],
        ["1", "1/2"],
      ],
      b: ["0", "1", "-3/2"],
    },
    { W: [["-1", "-3", "-2"]] },
  ],
};
const underZeroData = { X: [["-3/4"], ["2"], ["-1/3"]], Y: [["-1/2"], ["-3/2"], ["1"]] };

// |x|, 1 → 2 → 3 → 1 with biases: at t ≈ 0.00068 neuron 2 of layer 1 is released at point 1 while neuron 2 of layer 2
// comes to hold points 1 and 3, whose constraints keep that pair's z at 0 whichever side it is read on. The flow
// read it on its side, kept it at 0 to T and ended 0.36 off descent, which takes it off its kink at t ≈ 0.0026.
const releasedHeld: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    { W: [["1"], ["4/3"]], b: ["1", "1"] },
    {
      W: [
        ["2", "-5/3"],
        ["-2", "3/2"],
        ["1", "3/4"],
      ],
      b: ["-5", "1", "-1"],
    },
    { W: [["-2", "-6", "-2"]] },
  ],
};
const releasedHeldData = { X: [["-3/4"], ["2"], ["-1/3"]], Y: [["-1/2"], ["-5/2"], ["1"]] };

// ReLU, 2 → 3 → 3 → 1 without biases: at point 6 (x = (0, −2)) neuron 1 of layer 1 starts on its kink and slides, and
// neuron 1 of layer 2 reads it through the weight 3 and neuron 2 of layer 1, which is on, through a weight of 0; at
// points 3 and 4 it reads only that weight of 0, so its three pairs share the surface of that weight. Descent's
// chatter on the lower kink turns the pair at point 6 on half the time, and the weight of 0 grows at once; the flow
// held the three off and ended 0.36 off descent.
const zeroWeightAbove: LayeredNetwork<string> = {
  activation: { kind: "relu" },
  layers: [
    {
      W: [
        ["4", "0"],
        ["-4/3", "-3/2"],
        ["-1", "3"],
      ],
    },
    {
      W: [
        ["3", "0", "-5"],
        ["5/4", "5/2", "-2"],
        ["-4", "6", "-1/2"],
      ],
    },
    { W: [["-3/2", "5", "0"]] },
  ],
};
const zeroWeightAboveData = {
  X: [
    ["1/2", "1/3"],
    ["-1", "0"],
    ["-1", "-3/2"],
    ["-2", "-1"],
    ["5/2", "1/2"],
    ["0", "-2"],
    ["3", "4/3"],
  ],
  Y: [["-5/4"], ["0"], ["2/3"], ["1"], ["-1"], ["-2"], ["-6"]],
};

describe("integrateFlow where more kinks meet than its rules decide", () => {
  it("should stop at t = 0 where a pair sliding with its unit's group reads a sliding pair of its point below, where descent leaves at once", () => {
    // Act
    const stop = stopLine(zeroWeightAbove, zeroWeightAboveData, "1/2", 16);
    // Assert
    expect(stop).toBe(
      "taylor: nested sliding at point 6: neuron 1 of layer 1 and neuron 1 of layer 2 slide together and the second's gradient depends on the first's undefined slope at its kink, which the integrator does not decide at t = 0; try another --method",
    );
    // Assert: descent grows the weight of 0 from neuron 2 of layer 1 to neuron 1 of layer 2 at once (by 0.002 at
    // t = 10⁻⁵, at two step sizes), where a flow that holds those pairs off keeps it at 0
    for (const steps of [1000, 4000]) {
      const w = at(at(at(descentLayers(zeroWeightAbove, zeroWeightAboveData, 1e-5, steps), 1).W, 0), 1);
      expect(w).toBeGreaterThan(0.0015);
    }
  });

  it("should stop where a pair let go from its kink is kept there by held pairs whose constraints its own is a combination of", () => {
    // Act
    const stop = stopLine(releasedHeld, releasedHeldData, "1/2", 16);
    // Assert
    expect(stop).toMatch(
      /^taylor: point 1 of neuron 2 of layer 1 is let go from its kink but kept there by held pairs .* at t = 0\.000676175691113\d*; try another --method$/,
    );
    // Assert: descent takes the pair off its kink by t = 0.004, by as much at two step sizes
    for (const steps of [16000, 64000]) {
      const z = hiddenZ(descentLayers(releasedHeld, releasedHeldData, 0.004, steps), releasedHeldData.X, 1, -1);
      expect(at(at(z, 0), 1)).toBeGreaterThan(0.02);
    }
  });

  it("should stop where a pair crosses its kink under a pair of its point that the held pairs of its unit keep at 0", () => {
    // Act
    const stop = stopLine(underZero, underZeroData, "1/2", 16);
    // Assert
    expect(stop).toMatch(
      /^taylor: at point 1, neuron 2 of layer 1 crosses its kink while neuron 2 of layer 2, which reads it, is on its own: .* at t = 0\.0368564073033\d*; try another --method$/,
    );
    // Assert: descent keeps the lower pair at its kink past that instant (z of order η at t = 0.04), where the flow
    // had crossed (z = 0.0053 at t = 0.04)
    for (const steps of [8000, 32000]) {
      const z = hiddenZ(descentLayers(underZero, underZeroData, 0.04, steps), underZeroData.X, 1, -1);
      expect(Math.abs(at(at(z, 0), 1))).toBeLessThan(1e-4);
    }
  });

  it("should stop where a pair crosses its kink under a held pair of its point that reads it, after following descent to there", () => {
    // Act
    const stop = stopLine(underSlide, underSlideData, "1/2", 16);
    // Assert
    expect(stop).toMatch(
      /^taylor: at point 1, neuron 2 of layer 1 crosses its kink while neuron 2 of layer 2, which reads it, is on its own: .* at t = 0\.0281407008979\d*; try another --method$/,
    );
    // Assert: up to there the flow is descent's limit
    const run = integrateFlow(underSlide, underSlideData, { time: "0.028", digits: 16 });
    expectDescentLimit(underSlide, underSlideData, run, 0.028, [8000, 16000], 1e-3);
  });

  it("should stop at t = 0 where a pair that repels on both sides starts on its kink under a pair that reads it, also on its kink", () => {
    // Act
    const stop = stopLine(nestedStart, nestedStartData, "1/2", 16);
    // Assert
    expect(stop).toBe(
      "taylor: at point 2, neuron 2 of layer 1 starts on its kink with the fields on both sides carrying it away, and neuron 1 of layer 2, joined to it by a weight, starts on its kink too: the way they leave depends on both, which no rule of the flow decides at t = 0; try another --method",
    );
    // Assert: descent takes neuron 2 of layer 2 above its kink at point 2 at once, by a margin that does not shrink with η
    for (const steps of [1000, 4000]) {
      const z = hiddenZ(descentLayers(nestedStart, nestedStartData, 1e-5, steps), nestedStartData.X, 2, -1);
      expect(at(at(z, 1), 1)).toBeGreaterThan(0.04);
    }
  });

  it("should stop where three points hold one unit's kink on surfaces that meet along two constraints, which descent leaves", () => {
    // Act
    const stop = stopLine(plane, planeData, "1/2", 16);
    // Assert: the stop names the third point and the time the three meet
    expect(stop).toMatch(
      /^taylor: point 3 of neuron 2 of layer 2 is on its kink where more surfaces meet than constraints hold, .* at t = 0\.00190101635163\d*; try another --method$/,
    );
    // Assert: descent is on the corner at t = 0.005 (z of order η) and has left it at t = 0.01 at points 1 and 3
    for (const steps of [8000, 32000]) {
      const early = hiddenZ(descentLayers(plane, planeData, 0.005, steps), planeData.X, 2, -1).slice(0, 3);
      for (const z of early) expect(Math.abs(at(z, 1))).toBeLessThan(1e-3);
      const late = hiddenZ(descentLayers(plane, planeData, 0.01, steps), planeData.X, 2, -1);
      expect(at(at(late, 0), 1)).toBeGreaterThan(0.04);
      expect(at(at(late, 2), 1)).toBeGreaterThan(0.04);
    }
  });

  it("should stop where a unit crosses its kink at a point whose layer reads 0 but for a held unit, both feeding a pair above with weights of both signs", () => {
    // Act
    const stop = stopLine(crossing, crossingData, "1/2", 16);
    // Assert
    expect(stop).toMatch(
      /^taylor: at point 5, neuron 1 of layer 2 reads nothing but neuron 2 of layer 1 and units on their kinks, .* at t = 0\.063429564111298\d*; try another --method$/,
    );
    // Assert: descent holds neuron 1 of layer 1 on its kink at point 5 at t = 0.06 and has left it by t = 0.1
    for (const steps of [8000, 32000]) {
      const held = hiddenZ(descentLayers(crossing, crossingData, 0.06, steps), crossingData.X, 1, -1);
      expect(Math.abs(at(at(held, 4), 0))).toBeLessThan(1e-4);
      const left = hiddenZ(descentLayers(crossing, crossingData, 0.1, steps), crossingData.X, 1, -1);
      expect(at(at(left, 4), 0)).toBeLessThan(-0.1);
    }
  });
});

describe("signsOfSum", () => {
  it("should give exactly the signs that Σ w·σ(z) takes over magnitudes on each unit's allowed sides", () => {
    const slopes: Record<string, number> = { relu: 0, abs: -1, leaky: 1 / 3 };
    fc.assert(
      fc.property(
        fc.constantFrom("relu", "abs", "leaky"),
        fc.array(fc.record({ w: fc.integer({ min: -3, max: 3 }), side: fc.constantFrom(-1, 0, 1) }), { minLength: 1, maxLength: 4 }),
        (activation, terms) => {
          // Arrange: σ with the activation's slope below, and every choice of side and magnitude in 1, 10⁴ per unit
          const below = at(Object.values(slopes), Object.keys(slopes).indexOf(activation));
          const sigma = (z: number): number => (z > 0 ? z : below * z);
          const choices = terms.map(({ side }) => (side === 0 ? [-1, -1e4, 1, 1e4] : [side, side * 1e4]));
          const seen = new Set<number>();
          const visit = (u: number, sum: number): void => {
            if (u === terms.length) {
              if (sum !== 0) seen.add(Math.sign(sum));
              return;
            }
            for (const z of at(choices, u)) visit(u + 1, sum + at(terms, u).w * sigma(z));
          };
          visit(0, 0);
          // Act
          const signs = signsOfSum(terms, below);
          // Assert
          expect([...signs].sort()).toEqual([...seen].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
