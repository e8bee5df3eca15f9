import { describe, expect, it } from "vitest";
import { probabilityTable } from "../../src/probability/probabilityTable.js";
import { probabilityHeatmapSvg } from "../../src/report/probabilityHeatmapSvg.js";

describe("probabilityHeatmapSvg", () => {
  it("should draw one coloured cell per (d_in, l) with labelled axes, a legend and a title", async () => {
    // Arrange: d_in = 1 has P(disconnected) = 1 (every neuron splits), the top of the colour scale
    const rows = probabilityTable({ scheme: "kaiming-normal" }, [1, 2, 3], [1, 2, 3, 4], [1], { digits: 10 });
    // Act
    const svg = await probabilityHeatmapSvg(rows, { title: "Kaiming normal test map" });
    // Assert
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/aria-roledescription="rect mark"/g)).toHaveLength(12);
    expect(svg).toContain("Kaiming normal test map");
    expect(svg).toContain("width l (hidden neurons)");
    expect(svg).toContain("fan-in d_in");
    expect(svg).toContain("role-legend");
    expect(svg).toContain("P(H(c) disconnected)");
    // the four d_in = 1 cells are viridis at 1; the others are not
    expect(svg.match(/fill="rgb\(253, 231, 37\)"/g)).toHaveLength(4);
  });

  it("should accept rows that name the width l and colour any quantity", async () => {
    const svg = await probabilityHeatmapSvg([{ dIn: 2, l: 3, pNeuron: "0.25" }], { title: "t", value: "pNeuron" });
    expect(svg).toContain("P(neuron pathological)");
  });

  it("should reject an empty table and rows without the quantity", async () => {
    await expect(probabilityHeatmapSvg([], { title: "t" })).rejects.toThrow(/at least one row/);
    await expect(probabilityHeatmapSvg([{ dIn: 1, width: 1 }], { title: "t" })).rejects.toThrow(/pDisconnected/);
  });
});
