import { quantitativeAxis, seriesColour, seriesColourScale } from "./specBlocks.js";

/** Ten distinct line colours (Tableau 10): a series keeps its colour in every panel and in the legend. */
export const SERIES_COLOURS: readonly string[] = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

/**
 * The two layers of a band plot on fields `x`, `mean`, `lo`, `hi`, `series`: a pale band
 * without a legend, then the mean line with markers, whose legend shows the line colour
 * (a stroke symbol), so the legend swatch is the colour of the line it names.
 *
 * @internal
 */
export function bandLayers(options: {
  xTitle: string;
  yTitle: string;
  seriesTitle: string;
  seriesOrder: readonly string[];
  integerX?: boolean;
  xDomain?: [number, number];
}): Record<string, unknown>[] {
  const x = quantitativeAxis("x", options.xTitle, {
    axis: options.integerX ? { tickMinStep: 1, format: "d" } : {},
    ...(options.xDomain ? { scale: { domain: options.xDomain, nice: false } } : {}),
  });
  return [
    {
      mark: { type: "area", opacity: 0.15 },
      // the band's colour from a copy of the series field: vega-lite merges the legends of one
      // field across channels, and the band's (pale) legend must not stand in for the line's
      transform: [{ calculate: "datum.series", as: "band" }],
      encoding: {
        x,
        y: quantitativeAxis("lo", options.yTitle, { scale: { zero: false } }),
        y2: { field: "hi" },
        fill: { field: "band", type: "nominal", scale: seriesColourScale(options.seriesOrder), legend: null },
      },
    },
    {
      mark: { type: "line", point: { filled: true, size: 36 }, strokeWidth: 2 },
      encoding: {
        x,
        y: quantitativeAxis("mean", options.yTitle),
        color: seriesColour("series", options.seriesOrder, {
          title: options.seriesTitle,
          legend: { symbolType: "stroke", symbolStrokeWidth: 3, symbolSize: 200 },
        }),
      },
    },
  ];
}
