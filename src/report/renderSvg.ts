import * as vega from "vega";
import * as vl from "vega-lite";

/**
 * Renders a Vega-Lite specification to a standalone SVG string in Node
 * (no browser, no canvas: vega's SVG renderer with estimated text widths).
 * Every figure relutopo writes goes through here, so all share one look.
 */
export async function renderVegaLite(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  return view.toSVG();
}
