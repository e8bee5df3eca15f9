import { describe, expect, it } from "vitest";
import type { ProbabilityCell } from "../../src/experiments/probabilityCell.js";
import { probabilitySummary } from "../../src/experiments/probabilitySummary.js";
import { reproduceConfig } from "../../src/experiments/reproduceConfig.js";

/** A grid whose values name their (d_in, l), so a wrong corner shows. */
const cell = (scheme: string, dIns: number[], widths: number[]): ProbabilityCell => ({
  scheme,
  e: 1,
  digits: 20,
  rows: dIns.flatMap((dIn) => widths.map((l) => ({ dIn, l, pNeuron: `p${dIn}.${l}`, pDisconnected: `P${dIn}.${l}` }))),
});

describe("probabilitySummary", () => {
  it("should pick the four corners of each scheme's grid, keyed and by name", () => {
    // Arrange
    const config = { ...reproduceConfig("tiny", 1, "probability").probability, dIn: [1, 2, 3, 4, 5], widths: [1, 2, 3] };
    // Act
    const s = probabilitySummary(config, [cell("xavier-normal", config.dIn, config.widths)]);
    // Assert
    expect(s.results.schemes["xavier-normal"]).toEqual({
      "dIn=2,l=1": { pNeuron: "p2.1", pDisconnected: "P2.1" },
      "dIn=2,l=3": { pNeuron: "p2.3", pDisconnected: "P2.3" },
      "dIn=5,l=1": { pNeuron: "p5.1", pDisconnected: "P5.1" },
      "dIn=5,l=3": { pNeuron: "p5.3", pDisconnected: "P5.3" },
    });
    expect(Object.keys(s.results.schemes["xavier-normal"]!)).toEqual(["dIn=2,l=1", "dIn=2,l=3", "dIn=5,l=1", "dIn=5,l=3"]);
    expect(s.corners["xavier-normal"]!.deep).toEqual({ pNeuron: "p5.1", pDisconnected: "P5.1" });
    expect([s.dMax, s.lMax, s.results.dIn, s.results.widths]).toEqual([5, 3, [1, 5], [1, 3]]);
  });

  it("should record null for a corner the grid does not have", () => {
    // Arrange: no fan-in 2 in the grid
    const config = { ...reproduceConfig("tiny", 1, "probability").probability, dIn: [1, 3], widths: [1, 2] };
    // Act
    const s = probabilitySummary(config, [cell("kaiming-normal", config.dIn, config.widths)]);
    // Assert
    expect(s.results.schemes["kaiming-normal"]!["dIn=2,l=1"]).toBeNull();
    expect(s.corners["kaiming-normal"]!.small).toBeUndefined();
    expect(s.results.schemes["kaiming-normal"]!["dIn=3,l=2"]).toEqual({ pNeuron: "p3.2", pDisconnected: "P3.2" });
  });
});
