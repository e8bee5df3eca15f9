import { describe, expect, it } from "vitest";
import { probabilityTable } from "../../src/probability/probabilityTable.js";
import { bandFigureSpec } from "../../src/report/bandFigureSpec.js";
import { bandSmallMultiplesSpec } from "../../src/report/bandSmallMultiplesSpec.js";
import { pairedEffectSpec } from "../../src/report/pairedEffectSpec.js";
import { probabilityHeatmapSvg } from "../../src/report/probabilityHeatmapSvg.js";
import { quadricFigureSpec } from "../../src/report/quadricFigureSpec.js";
import { renderVegaLite } from "../../src/report/renderVegaLite.js";
import { sideBySideBandSpec } from "../../src/report/sideBySideBandSpec.js";

/** The part of an SVG inside its legend group(s). */
const legendOf = (svg: string): string => svg.slice(svg.indexOf("role-legend"));
/** The stroke colours a string names. */
const strokes = (svg: string): Set<string> => new Set([...svg.matchAll(/stroke="(#[0-9a-f]{6}|rgb\([^)]*\))"/g)].map((m) => m[1]!));

const points = ["l = 1", "l = 2", "l = 3"].flatMap((series, i) =>
  [0, 1, 2].map((x) => ({ series, x, mean: 1 + i + x / 10, lo: 0.9 + i, hi: 1.1 + i + x / 10 })),
);
const labels = { title: "T", xTitle: "x", yTitle: "y", seriesTitle: "width", seriesOrder: ["l = 1", "l = 2", "l = 3"] };

describe("report figures", () => {
  it("should give band plots a legend in the line colours, one entry per series, at full opacity", async () => {
    for (const spec of [
      bandFigureSpec(points, labels),
      sideBySideBandSpec(points, points, { ...labels, leftXTitle: "a", rightXTitle: "b" }),
    ]) {
      const svg = await renderVegaLite(spec);
      const legend = legendOf(svg);
      // one legend, naming the three series, its symbols stroked in the first three series colours
      expect(svg.match(/class="mark-group role-legend"/g)).toHaveLength(1);
      for (const s of labels.seriesOrder) expect(legend).toContain(`>${s}</text>`);
      for (const colour of ["#1f77b4", "#ff7f0e", "#2ca02c"]) {
        expect(strokes(legend).has(colour)).toBe(true);
        // and each colour is a line's stroke in the plot itself
        expect(svg.slice(0, svg.indexOf("role-legend"))).toMatch(new RegExp(`mark-line role-mark[\\s\\S]*stroke="${colour}"`));
      }
      // the symbols are not drawn in the band's pale opacity
      const symbols = legend.slice(legend.indexOf("role-legend-symbol"), legend.indexOf("role-legend-label"));
      expect(symbols).not.toMatch(/opacity="0\.\d+"/);
    }
  });

  it("should draw one panel per series in small multiples and a zero rule with bars for paired effects", async () => {
    const many = Array.from({ length: 16 }, (_, i) => `l = ${i + 1}`);
    const pts = many.flatMap((series, i) =>
      Array.from({ length: i + 2 }, (_, x) => ({ series, x, mean: x === 0 ? 2 : 1, lo: 0.9, hi: 1.1 })),
    );
    const svg = await renderVegaLite(
      bandSmallMultiplesSpec(pts, {
        title: "T",
        xTitle: "l₊",
        yTitle: "y",
        panelOrder: many,
        highlight: { x: 0, label: "zero", otherLabel: "rest" },
      }),
    );
    for (const s of many) expect(svg).toContain(`>${s}</text>`);
    // the 16 highlighted points at x = 0 are red
    expect(svg.match(/fill="#d62728"/g)?.length).toBeGreaterThanOrEqual(16);
    const effects = await renderVegaLite(
      pairedEffectSpec(
        [
          { series: "a", x: 1, mean: 0.2, se: 0.01 },
          { series: "b", x: 2, mean: -0.1, se: 0.02 },
        ],
        { ...labels, seriesOrder: ["a", "b"] },
      ),
    );
    expect(effects.match(/aria-roledescription="rule mark"/g)?.length ?? effects.match(/role-rule/g)?.length).toBeGreaterThan(0);
    expect(legendOf(effects)).toContain(">a</text>");
  });

  it("should put the heat map right under its title, with the whole legend title, on a log scale when values span decades", async () => {
    // Arrange: p falls from 1/2 (d_in = 1) to about 1e-9 (d_in = 32, l = 64)
    const rows = probabilityTable({ scheme: "kaiming-normal" }, [1, 2, 32], [1, 32, 64], [1], { digits: 12 });
    // Act
    const neuron = await probabilityHeatmapSvg(rows, { title: "K", value: "pNeuron" });
    const disconnected = await probabilityHeatmapSvg(
      probabilityTable({ scheme: "kaiming-normal" }, [1, 2, 3], [1, 2], [1], { digits: 12 }),
      {
        title: "K",
      },
    );
    // Assert
    expect(neuron).toContain(">P(neuron pathological), log scale</text>");
    expect(disconnected).toContain(">P(H(c) disconnected)</text>");
    expect(disconnected).not.toContain("log scale");
    for (const svg of [neuron, disconnected]) {
      const top = Number(/<g fill="none" stroke-miterlimit="4" transform="translate\(\d+(?:\.\d+)?,(\d+(?:\.\d+)?)\)"/.exec(svg)![1]);
      expect(top).toBeLessThan(40);
      expect(svg).not.toContain("…");
    }
  });

  it("should zoom on a trajectory that barely moves, and not on one that crosses the quadric", () => {
    const small = quadricFigureSpec({
      title: "T",
      c: -1,
      trajectories: [
        {
          label: "gd",
          points: [
            [0.5, 0.2, -1.2],
            [0.51, 0.2, -1.21],
          ],
        },
        {
          label: "flow",
          points: [
            [0.5, 0.2, -1.2],
            [0.505, 0.2, -1.205],
          ],
        },
      ],
    }) as { hconcat?: unknown[] };
    expect(small.hconcat).toHaveLength(2);
    const large = quadricFigureSpec({
      title: "T",
      c: 1,
      trajectories: [
        {
          label: "gd",
          points: [
            [1, 0, 0],
            [0, 2, 1.7],
          ],
        },
      ],
    }) as {
      hconcat?: unknown[];
      layer?: unknown[];
    };
    expect(large.hconcat).toBeUndefined();
    expect(large.layer).toHaveLength(6);
  });
});
