import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collapsedUnitWay } from "../../src/flow/_internals/collapsedUnit.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { at } from "../../src/scalar/at.js";
import { descentLayers, stopLine } from "./flowHelpers.js";

const ACTIVATIONS: Record<string, (z: number) => number> = {
  relu: (z) => Math.max(z, 0),
  abs: (z) => Math.abs(z),
  leaky: (z) => (z > 0 ? z : z / 3),
};

/** h(u) = −Σ B_i σ(u·x̃_i), the rate at which |w| grows along u from w = 0. */
const rate = (inputs: number[][], back: number[], sigma: (z: number) => number, u: readonly number[]): number =>
  -inputs.reduce((s, x, i) => s + at(back, i) * sigma(x.reduce((d, v, c) => d + v * at(u, c), 0)), 0);

/** Unit vectors of R^d: a fine grid on the circle for d = 2, Fibonacci points on the sphere for d = 3, ±1 for d = 1. */
function directions(d: number): number[][] {
  if (d === 1) return [[1], [-1]];
  if (d === 2) return Array.from({ length: 20000 }, (_, j) => [Math.cos((2 * Math.PI * j) / 20000), Math.sin((2 * Math.PI * j) / 20000)]);
  return Array.from({ length: 40000 }, (_, j) => {
    const z = 1 - (2 * j + 1) / 40000;
    const r = Math.sqrt(1 - z * z);
    const a = j * Math.PI * (3 - Math.sqrt(5));
    return [r * Math.cos(a), r * Math.sin(a), z];
  });
}

/** Inputs of dimension 1…3 on a small grid (parallel ones and zeros included), the errors sent back, the activation. */
const collapse = fc.integer({ min: 1, max: 3 }).chain((d) =>
  fc.record({
    inputs: fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 7 }),
    activation: fc.constantFrom("relu", "abs", "leaky"),
    backs: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 7, maxLength: 7 }),
  }),
);

describe("collapsedUnitWay", () => {
  it("should find a ray where |w| grows wherever a search of the sphere finds one, and only then", () => {
    fc.assert(
      fc.property(collapse, ({ inputs, activation, backs }) => {
        // Arrange
        const sigma = ACTIVATIONS[activation]!;
        const back = inputs.map((_, i) => at(backs, i) / 2);
        // Act
        const found = collapsedUnitWay(inputs, back, sigma, 1e-20);
        // Assert: against the best rate a search of the sphere finds
        const best = Math.max(...directions(at(inputs, 0).length).map((u) => rate(inputs, back, sigma, u)));
        if (found.way === "grows") {
          expect(Math.hypot(...found.ray)).toBeCloseTo(1, 9);
          expect(rate(inputs, back, sigma, found.ray)).toBeGreaterThan(1e-9);
          // only ReLU has a cone where every σ and σ′ is 0
          if (activation !== "relu") expect(found.dead).toBe(false);
        } else {
          expect(found.way).toBe("stays");
          expect(best).toBeLessThanOrEqual(1e-9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("should see the dead cone of ReLU when every input has a bias's 1, and none when the inputs surround 0", () => {
    // Act: point 2 sends back a negative error, so |w| grows along its input, and points 1, 2 take (0, −1) below 0
    const biased = collapsedUnitWay(
      [
        [1, 1],
        [-1, 1],
      ],
      [1, -1],
      ACTIVATIONS.relu!,
      1e-20,
    );
    const around = collapsedUnitWay([[1], [-1]], [1, -1], ACTIVATIONS.relu!, 1e-20);
    // Assert
    expect(biased).toMatchObject({ way: "grows", dead: true });
    expect(around).toMatchObject({ way: "grows", dead: false, ray: [-1] });
  });

  it("should leave the answer undecided where the lines on which the kinks meet are too many to try", () => {
    // 60 inputs in general position in R^4: C(60, 3) = 34,220 triples
    const inputs = Array.from({ length: 60 }, (_, i) => [1, i, i * i, i * i * i]);
    const found = collapsedUnitWay(
      inputs,
      inputs.map(() => -1),
      ACTIVATIONS.abs!,
      1e-20,
    );
    expect(found).toEqual({ way: "undecided", subsets: 34220 });
  });
});

// 2 → 2 → 1 |x| net without biases, nine points: the weights of layer-1 neuron 1 slide on the kink of point 7
// (x = (1, 2)) from t ≈ 0.0202 and reach (0, 0) at t ≈ 0.0233, every point on its kink. Descent follows to about
// 10⁻⁵ and grows them again from t ≈ 0.15 along (2, −1), which is on that kink: at T = 0.3 they are about
// (0.05, −0.026) at every η. The flow, which held them at 0, ended 0.06 off.
const regrowing: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    {
      W: [
        ["0", "-1/3"],
        ["-1", "-2"],
      ],
    },
    { W: [["2", "2"]] },
  ],
};
const regrowingData = {
  X: [
    ["-2/3", "-1/2"],
    ["5/3", "-2"],
    ["2/3", "3/4"],
    ["2", "3/4"],
    ["1/2", "-2"],
    ["1/3", "-2/3"],
    ["1", "2"],
    ["5/4", "2"],
    ["-2/3", "-1/2"],
  ],
  Y: [["-1/2"], ["1"], ["3/2"], ["1"], ["2"], ["4/5"], ["-3/2"], ["2"], ["-1/2"]],
};

// 1 → 4 → 1 |x| net with biases, six points: layer-1 neuron 1 reaches (w, b) = (0, 0) and descent grows it again
// (|(w, b)| = 0.28 at T = 1/2 at both step sizes)
const regrowingBiased: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [{ W: [["-1/4"], ["2"], ["1"], ["0"]], b: ["1/3", "-4/3", "1", "-2"] }, { W: [["6", "6", "0", "-2/3"]] }],
};
const regrowingBiasedData = {
  X: [["1"], ["0"], ["5/2"], ["4/3"], ["-2"], ["1/2"]],
  Y: [["-4"], ["0"], ["-2"], ["0"], ["5/3"], ["-4"]],
};

// 2 → 3 → 2 → 1 leaky (1/3) net without biases, nine points: the weights of layer-1 neuron 1 reach 0 at t ≈ 0.1787
// (every point at its kink at once), and descent takes them out again along (−2, −1): about (−0.123, −0.062) at
// T = 1/2 at every η. The pairs' own tests released one pair and held the unit with the others (0.12 off).
const leakyRegrowing: LayeredNetwork<string> = {
  activation: { kind: "leaky_relu", slope: "1/3" },
  layers: [
    {
      W: [
        ["1", "-3/4"],
        ["-4", "-4/3"],
        ["-5/2", "-1/4"],
      ],
    },
    {
      W: [
        ["-5", "3/4", "0"],
        ["1", "2", "6"],
      ],
    },
    { W: [["-2", "1"]] },
  ],
};
const leakyRegrowingData = {
  X: [
    ["2/3", "3"],
    ["-2", "2"],
    ["-3/4", "6"],
    ["2", "0"],
    ["1/2", "1/4"],
    ["1/3", "4"],
    ["-2", "2/3"],
    ["2/3", "-4/3"],
    ["0", "1"],
  ],
  Y: [["0"], ["-3/2"], ["5"], ["-5/4"], ["-5/4"], ["3/2"], ["-4/3"], ["-5"], ["0"]],
};

// 1 → 3 → 2 → 1 |x| net with biases, nine points: layer-1 neuron 1, (w, b) = (0, 3/2) at the start, reaches (0, 0) at
// t ≈ 0.0251 and rests there until its field grows it again at t ≈ 0.051. Where its arrival crossed, with the pair
// that reached its kink, pairs of other surfaces that were at 0 with it, the releases of its pairs later let it go
// along +u, where descent takes −u (an exact symmetry of |x|, but 0.83 off descent in the weights).
const resting: LayeredNetwork<string> = {
  activation: { kind: "abs" },
  layers: [
    { W: [["0"], ["1"], ["3/2"]], b: ["3/2", "5/2", "-4/3"] },
    {
      W: [
        ["2", "4", "-3"],
        ["-4", "-3", "-4/3"],
      ],
      b: ["-3", "0"],
    },
    { W: [["-1", "-3"]] },
  ],
};
const restingData = {
  X: [["2/3"], ["0"], ["3/2"], ["1/4"], ["4/3"], ["3"], ["0"], ["-4/3"], ["3/4"]],
  Y: [["3/2"], ["-1"], ["-6"], ["-1/4"], ["-4/3"], ["-2/3"], ["1/2"], ["-4/3"], ["1/4"]],
};

describe("integrateFlow: a unit whose weights reach 0 and that its field grows again", () => {
  it("should stop where a unit that rested at 0 is grown again, where descent leaves 0 too", () => {
    // Act
    const line = stopLine(resting, restingData, "1/2", 16);
    // Assert
    expect(line).toMatch(
      /^taylor: neuron 1 of layer 1 has every incoming weight and its bias at 0, each point on its kink, and its field now grows it again along .* at t = 0\.051\d*; try another --method$/,
    );
    // descent: (w, b) of the unit is within O(η) of 0 at t = 0.045 and away from it at t = 0.1, by as much at two step sizes
    for (const steps of [4000, 16000]) {
      const held = at(descentLayers(resting, restingData, 0.045, steps), 0);
      expect(Math.hypot(at(at(held.W, 0), 0), at(held.b!, 0))).toBeLessThan(1e-4);
      const left = at(descentLayers(resting, restingData, 0.1, steps), 0);
      expect(Math.hypot(at(at(left.W, 0), 0), at(left.b!, 0))).toBeGreaterThan(0.03);
    }
  });

  it("should stop where a leaky unit reaches 0 at a corner of its kinks that descent leaves along a line where they meet", () => {
    // Act
    const line = stopLine(leakyRegrowing, leakyRegrowingData, "1/2", 16);
    // Assert
    expect(line).toMatch(
      /^taylor: neuron 1 of layer 1 has every incoming weight and its bias at 0, .* such as \(-0\.894, -0\.447\), .* at t = 0\.1787\d*; try another --method$/,
    );
    for (const steps of [16_000, 64_000]) {
      const [w1, w2] = at(at(descentLayers(leakyRegrowing, leakyRegrowingData, 0.5, steps), 0).W, 0);
      expect(w1!).toBeCloseTo(-0.1234, 3);
      expect(w2!).toBeCloseTo(-0.0617, 3);
    }
  });

  it("should stop (exit 3) where descent grows the unit again, at 16 and 30 digits", () => {
    // Act
    const lines = [16, 30].map((digits) => stopLine(regrowing, regrowingData, "3/10", digits));
    // Assert
    for (const line of lines) {
      expect(line).toMatch(
        /^taylor: neuron 1 of layer 1 has every incoming weight and its bias at 0, each point on its kink, and its field now grows it again along \(0\.894, -0\.447\), a ray on the kinks of some of its points: the flow can stay at 0 or leave it along that ray \(descent leaves it\), which no rule of the flow decides at t = 0\.1[56]\d*; try another --method$/,
      );
    }
    // descent: the unit is grown again along (2, −1) by T, by as much at two step sizes
    for (const steps of [3000, 6000]) {
      const [w1, w2] = at(at(descentLayers(regrowing, regrowingData, 0.3, steps), 0).W, 0);
      expect(w1!).toBeGreaterThan(0.05);
      expect(w2! / w1!).toBeCloseTo(-0.5, 2);
    }
  });

  it("should stop where a unit with a bias reaches 0 and descent grows it again", () => {
    // Act
    const line = stopLine(regrowingBiased, regrowingBiasedData, "1/2", 16);
    // Assert
    expect(line).toMatch(
      /^taylor: neuron 1 of layer 1 has every incoming weight and its bias at 0, .* its field now grows it again along /,
    );
    for (const steps of [4000, 8000]) {
      const layer = at(descentLayers(regrowingBiased, regrowingBiasedData, 0.5, steps), 0);
      expect(Math.hypot(at(at(layer.W, 0), 0), at(layer.b!, 0))).toBeGreaterThan(0.2);
    }
  });
});
