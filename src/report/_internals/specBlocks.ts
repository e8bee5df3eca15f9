/**
 * Small builders of the Vega-Lite blocks the figures share, so that a figure's
 * look is decided once: the schema and title, the series colours and their
 * legends, the categorical axis, the error bars of paired effects and the
 * labelled floor of loss curves. Each returns a fresh object: vega-lite may
 * normalise a spec in place, and one figure must not change another's.
 * @internal
 */
import { SERIES_COLOURS } from "./bandLayers.js";
import { at } from "../../scalar/at.js";

/** The title of a figure: a plain string, or a title with a subtitle (an empty one when absent). @internal */
export type FigureTitle = string | { title: string; subtitle?: string | undefined };

/**
 * The head every figure spec starts with: the Vega-Lite schema, the title
 * and, for a single view, its size (a concatenated or faceted figure sizes its
 * panels instead).
 *
 * @param title - a plain title, or the options' title and subtitle
 * @param size - width and height of a single view, if it is one
 * @returns `$schema`, `title` and, with `size`, `width` and `height`, in that order
 * @internal
 */
export function specHead(
  title: FigureTitle,
  size?: { width: number; height: number },
): { $schema: string; title: string | { text: string; subtitle: string }; width?: number; height?: number } {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: typeof title === "string" ? title : { text: title.title, subtitle: title.subtitle ?? "" },
    ...(size ? { width: size.width, height: size.height } : {}),
  };
}

/**
 * The colour scale of an ordered set of series in the line colours: the
 * i-th series takes the i-th colour (cycling past ten), so a series keeps its
 * colour in every panel, layer and legend of a figure.
 *
 * @param order - the series in legend order
 * @returns a scale with that domain and the matching colours
 * @internal
 */
export function seriesColourScale(order: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...order], range: order.map((_, i) => at(SERIES_COLOURS, i % SERIES_COLOURS.length)) };
}

/**
 * A nominal colour channel in the line colours (see `seriesColourScale`):
 * field, title, legend sort and legend as each figure wants them, keys in the
 * order Vega-Lite is given them everywhere.
 *
 * @param field - the data field that names the series
 * @param order - the series in legend order
 * @param options - the legend's title, whether the legend sorts by `order`, and the legend (null hides it)
 * @returns the channel definition
 * @internal
 */
export function seriesColour(
  field: string,
  order: readonly string[],
  options: { title?: string; sort?: boolean; legend?: Record<string, unknown> | null } = {},
): Record<string, unknown> {
  return {
    field,
    type: "nominal",
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(options.sort ? { sort: order } : {}),
    scale: seriesColourScale(order),
    ...(options.legend !== undefined ? { legend: options.legend } : {}),
  };
}

/**
 * A titled quantitative position channel, with anything more (scale, axis)
 * after the title.
 *
 * @param field - the data field
 * @param title - the axis title (null for none)
 * @param more - further properties of the channel
 * @returns the channel definition
 * @internal
 */
export function quantitativeAxis<T extends object = object>(
  field: string,
  title: string | null,
  more?: T,
): { field: string; type: "quantitative"; title: string | null } & T {
  return { field, type: "quantitative" as const, title, ...(more ?? ({} as T)) };
}

/**
 * The x channel of a figure with one group per category (e.g. per
 * optimiser): categories in the given order, labels upright and small enough
 * for long names side by side; with `fixDomain`, the domain is the order
 * itself, so a category with no data keeps its place.
 *
 * @param title - the axis title
 * @param order - the categories left to right
 * @param fixDomain - whether the scale's domain is `order`
 * @returns the channel definition
 * @internal
 */
export function categoryAxis(title: string, order: readonly string[], fixDomain = false): Record<string, unknown> {
  return {
    field: "category",
    type: "nominal",
    title,
    sort: order,
    ...(fixDomain ? { scale: { domain: order } } : {}),
    axis: { labelAngle: 0, labelLimit: 150, labelFontSize: 10 },
  };
}

/** Legends whose labels may be long (an optimiser with its settings, a neuron's kind). @internal */
export function longLegendLabels(): { legend: { labelLimit: number } } {
  return { legend: { labelLimit: 320 } };
}

/** Line styles of two runs told apart by dashes: the first solid, the second dashed. @internal */
export function solidThenDashed(): [number, number][] {
  return [
    [1, 0],
    [6, 3],
  ];
}

/**
 * The points of a loss curve a log scale can draw: losses ≤ 0 left out, each
 * kept point numbered in drawing order (so a line joins them in time order).
 *
 * @param points - (time, loss) pairs
 * @returns `{ t, loss, order }` for each positive loss
 * @internal
 */
export function logLossPoints(points: readonly (readonly [number, number])[]): { t: number; loss: number; order: number }[] {
  return points.filter(([, v]) => v > 0).map(([t, loss], order) => ({ t, loss, order }));
}

/**
 * A training-loss figure: the curves' line layer on fields `t` and `loss`
 * (log scale), then the labelled floor if any. The figures of loss curves
 * differ only in the line's mark, the x title and how runs are told apart.
 *
 * @param title - the figure's title
 * @param values - the points, from `logLossPoints` with the runs' labels
 * @param line - the line's mark, the x-axis title, and the channels that tell runs apart
 * @param floor - a horizontal reference with its label, if any
 * @returns the spec (schema, title, size, layers)
 * @internal
 */
export function lossFigure(
  title: string,
  values: readonly object[],
  line: { mark: object; xTitle: string; channels: Record<string, unknown> },
  floor: { value: number; label: string } | undefined,
): Record<string, unknown> {
  return {
    ...specHead(title, { width: 480, height: 300 }),
    layer: [
      {
        data: { values },
        mark: line.mark,
        encoding: {
          x: quantitativeAxis("t", line.xTitle),
          y: quantitativeAxis("loss", "training loss (mean squared error)", { scale: { type: "log" } }),
          ...line.channels,
        },
      },
      ...floorLayers(floor),
    ],
  };
}

/**
 * A labelled horizontal floor under loss curves (e.g. the best loss reachable):
 * a thin solid green rule, unlike any run's line, with its label in bold at
 * the right end; no layers without a floor.
 */
function floorLayers(floor: { value: number; label: string } | undefined): Record<string, unknown>[] {
  if (!floor) return [];
  return [
    {
      data: { values: [{ y: floor.value, label: floor.label }] },
      // a reference, not a run: solid, green and thin, unlike any run's line
      mark: { type: "rule", color: "#2ca02c", strokeWidth: 1.2 },
      encoding: { y: { field: "y", type: "quantitative" } },
    },
    {
      data: { values: [{ y: floor.value, label: floor.label }] },
      mark: { type: "text", align: "right", dy: -7, x: "width", color: "#2ca02c", fontWeight: "bold" },
      encoding: { y: { field: "y", type: "quantitative" }, text: { field: "label" } },
    },
  ];
}

/**
 * A dashed grey rule at c = 0, under the points or lines of a figure of invariants: the line
 * that separates pathological neurons (c < 0) from the others.
 *
 * @returns the layer
 * @internal
 */
export function zeroRuleLayer(): {
  data: { values: { y: number }[] };
  mark: { type: "rule"; color: string; strokeDash: number[] };
  encoding: { y: { field: string; type: "quantitative" } };
} {
  return {
    data: { values: [{ y: 0 }] },
    mark: { type: "rule", color: "#888888", strokeDash: [4, 3] },
    encoding: { y: { field: "y", type: "quantitative" } },
  };
}

/**
 * The three layers of a paired-effects figure on fields `lo`, `hi`, `mean`,
 * `series`: a rule at zero (no effect), the ± one standard-error bars, then
 * the dots whose legend names the series. The bars take their colour from a
 * copy of the series field, so their hidden legend does not merge with the
 * dots'.
 *
 * @param values - the effects, each with `lo` and `hi`
 * @param encoding - the x channel, the series offset within a category (if any), the y title, the colour channel
 * @returns the three layers
 * @internal
 */
export function effectLayers(
  values: readonly object[],
  encoding: { x: object; xOffset?: object; yTitle: string; color: object },
): Record<string, unknown>[] {
  const { x, xOffset, yTitle, color } = encoding;
  return [
    {
      data: { values: [{ y: 0 }] },
      mark: { type: "rule", color: "#333", strokeWidth: 1 },
      encoding: { y: { field: "y", type: "quantitative" } },
    },
    {
      data: { values },
      mark: { type: "rule", strokeWidth: 2 },
      transform: [{ calculate: "datum.series", as: "bar" }],
      encoding: {
        x,
        ...(xOffset ? { xOffset: { ...xOffset, field: "bar" } } : {}),
        // 10 px between the longest bar and the frame, so a bar that ends there does not read as cut off
        y: quantitativeAxis("lo", yTitle, { scale: { padding: 10 } }),
        y2: { field: "hi" },
        stroke: { ...color, field: "bar", legend: null },
      },
    },
    {
      data: { values },
      mark: { type: "point", filled: true, size: 60 },
      encoding: {
        x,
        ...(xOffset ? { xOffset } : {}),
        y: quantitativeAxis("mean", yTitle, { scale: { padding: 10 } }),
        color: { ...color, legend: { orient: "bottom" } },
      },
    },
  ];
}
