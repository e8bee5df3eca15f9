import type { TopLevelSpec } from "vega-lite";

/**
 * Renders a Vega-Lite specification to a standalone SVG string in Node
 * (no browser, no canvas: vega's SVG renderer with estimated text widths).
 * Every figure relutopo writes goes through here, so all share one look.
 * vega and vega-lite are loaded on first use: they take ~0.5 s to import,
 * which commands that draw nothing should not pay.
 *
 * @param spec - a Vega-Lite specification
 * @returns the SVG text
 * @example (await renderVegaLite({ data: { values: [{ x: 1, y: 2 }] }, mark: "point", encoding: { x: { field: "x", type: "quantitative" } } })).startsWith("<svg") // returns true
 */
export async function renderVegaLite(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  return view.toSVG();
}
