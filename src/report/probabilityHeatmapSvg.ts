import type { TopLevelSpec } from "vega-lite";
import { InputError } from "../errors.js";
import { PROBABILITY_QUANTITIES, QUANTITY_TITLES, type ProbabilityQuantity } from "./probabilityQuantities.js";

export { PROBABILITY_QUANTITIES, QUANTITY_TITLES, type ProbabilityQuantity };

/** A row of a probability table: fan-in, width (as `width` or `l`) and decimal texts. */
export type HeatmapRow = { dIn: number; width?: number; l?: number } & Partial<Record<ProbabilityQuantity, string>>;

/** Options of {@link probabilityHeatmapSvg}. */
export interface HeatmapOptions {
  /** figure title */
  title: string;
  /** which field to colour by (default pDisconnected) */
  value?: ProbabilityQuantity;
}

/**
 * A heat map of one probability over fan-in d_in (vertical) and width l
 * (horizontal), like the paper's appendix figures: one cell per (d_in, l),
 * coloured on a viridis scale (fixed to [0, 1] for probabilities, or on a log
 * scale over their range when they span two orders of magnitude or more), with
 * labelled axes, a colour legend and a title, as standalone SVG (Vega-Lite,
 * rendered in Node through `renderVegaLite`).
 *
 * @param rows - table rows with `dIn`, `width` (or `l`) and the chosen field as decimal text
 * @param options - title, and the field to colour by
 * @returns the SVG text
 * @throws InputError when there are no rows or a row lacks the field
 * @example (await probabilityHeatmapSvg(probabilityTable({ scheme: "xavier-normal" }, [1, 2], [1, 2, 3], [1]), { title: "Xavier normal" })).startsWith("<svg") // returns true
 */
export async function probabilityHeatmapSvg(rows: readonly HeatmapRow[], options: HeatmapOptions): Promise<string> {
  const value = options.value ?? "pDisconnected";
  if (rows.length === 0) throw new InputError({ field: "heat map", expected: "at least one row", value: "0 rows" });
  const values = rows.map((r) => {
    const width = r.width ?? r.l;
    const text = r[value];
    if (width === undefined || text === undefined)
      throw new InputError({ field: "heat map row", expected: `a row with dIn, width (or l) and ${value}`, value: JSON.stringify(r) });
    // cells span [n − 1/2, n + 1/2] on quantitative axes, so ticks stay readable for 256 widths; each
    // reaches 0.3 into its successor, which is drawn over it: no hairline gaps from anti-aliasing
    return { l0: width - 0.5, l1: width + 0.8, d0: r.dIn - 0.5, d1: r.dIn + 0.8, width, dIn: r.dIn, value: Number(text), text };
  });
  const lo = Math.min(...values.map((v) => v.l0));
  const hi = Math.max(...values.map((v) => v.l1)) - 0.3;
  const dlo = Math.min(...values.map((v) => v.d0));
  const dhi = Math.max(...values.map((v) => v.d1)) - 0.3;
  const probability = value !== "expectedPathological" && value !== "expectedComponents";
  // Probabilities that span orders of magnitude (p falls like a power of d_in) are all one dark
  // colour on a linear scale: they get a log scale over their own range instead.
  const positive = values.map((v) => v.value).filter((v) => v > 0);
  const vMin = Math.min(...positive);
  const vMax = Math.max(...positive);
  const logScale = probability && positive.length === values.length && vMax / vMin >= 100;
  const legendTitle = `${QUANTITY_TITLES[value]}${logScale ? ", log scale" : ""}`;
  const spec: TopLevelSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, fontSize: 14 },
    width: 520,
    height: 320,
    background: "white",
    data: { values },
    mark: { type: "rect", clip: true },
    encoding: {
      x: { field: "l0", type: "quantitative", title: "width l (hidden neurons)", scale: { domain: [lo, hi], nice: false, zero: false } },
      x2: { field: "l1" },
      y: {
        field: "d0",
        type: "quantitative",
        // short enough to fit beside the plot: a longer title would push the plot down
        title: "fan-in d_in (inputs + hidden bias)",
        scale: { domain: [dlo, dhi], nice: false, zero: false },
      },
      y2: { field: "d1" },
      color: {
        field: "value",
        type: "quantitative",
        title: legendTitle,
        scale: logScale
          ? { type: "log", scheme: "viridis", domain: [vMin, vMax] }
          : probability
            ? { scheme: "viridis", domain: [0, 1] }
            : { scheme: "viridis" },
        legend: {
          orient: "bottom",
          direction: "horizontal",
          gradientLength: 320,
          titleLimit: 520,
          ...(logScale ? { format: ".0e", tickCount: 6 } : {}),
        },
      },
      tooltip: [
        { field: "dIn", type: "quantitative", title: "d_in" },
        { field: "width", type: "quantitative", title: "l" },
        { field: "text", type: "nominal", title: QUANTITY_TITLES[value] },
      ],
    },
    config: { view: { stroke: null } },
  };
  // vega takes about a second to load: only when a heat map is drawn, not at every start of the CLI
  const { renderVegaLite } = await import("./renderVegaLite.js");
  return renderVegaLite(spec);
}
