import type { TopLevelSpec } from "vega-lite";
import { specHead } from "./_internals/specBlocks.js";
import { at } from "../scalar/at.js";

/** One trajectory drawn on a neuron's quadric: its (w, b, a) points in time order. */
export interface QuadricTrajectory {
  label: string;
  points: readonly (readonly [number, number, number])[];
}

/** What {@link quadricFigureSpec} draws. */
export interface QuadricFigureOptions {
  title: string;
  subtitle?: string;
  /** c of the hyperquadric w² + b² − a² = c. */
  c: number;
  trajectories: readonly QuadricTrajectory[];
  /** Camera azimuth and elevation in degrees. */
  azimuth?: number;
  elevation?: number;
}

type Row = Record<string, string | number>;

/**
 * A static 3-D view of one neuron's parameter space (w, b, a), drawn with
 * Vega-Lite line and point marks on projected coordinates: the hyperquadric
 * w² + b² − a² = c as a wireframe (rings of constant a, meridians of constant
 * angle; two sheets when c < 0, one when c > 0), the coordinate axes, and each
 * trajectory with its start (open circle) and end (filled square); gradient
 * descent is drawn thick and pale under the flow's thin dashed line, and a
 * trajectory small beside the quadric gets a zoomed panel. The projection and
 * the wireframe are drawing only: every number drawn comes from the cells.
 *
 * @param options - title, c, trajectories and camera angles
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example quadricFigureSpec({ title: "T", c: -1, trajectories: [] }).layer.length // returns 6
 */
export function quadricFigureSpec(options: QuadricFigureOptions): TopLevelSpec {
  const az = ((options.azimuth ?? 35) * Math.PI) / 180;
  const el = ((options.elevation ?? 22) * Math.PI) / 180;
  const project = (w: number, b: number, a: number): [number, number] => {
    const x = w * Math.cos(az) - b * Math.sin(az);
    const depth = w * Math.sin(az) + b * Math.cos(az);
    return [x, a * Math.cos(el) + depth * Math.sin(el)];
  };
  const { c } = options;
  // Extent: enough to hold every trajectory and the waist/vertices of the quadric.
  let extent = 1.4 * Math.sqrt(Math.abs(c));
  for (const tr of options.trajectories)
    for (const [w, b, a] of tr.points) extent = Math.max(extent, 1.1 * Math.hypot(w, b), 1.1 * Math.abs(a));
  const aMax = Math.sqrt(Math.max(extent * extent - c, 0));
  const aMin = c < 0 ? Math.sqrt(-c) : 0;
  const wire: Row[] = [];
  const line = (id: string, pts: [number, number, number][]): void =>
    pts.forEach(([w, b, a], order) => {
      const [x, y] = project(w, b, a);
      wire.push({ id, order, x, y });
    });
  const radius = (a: number): number => Math.sqrt(Math.max(c + a * a, 0));
  const sheets: [number, number][] =
    c < 0
      ? [
          [aMin, aMax],
          [-aMax, -aMin],
        ]
      : [[-aMax, aMax]];
  const N = 48;
  sheets.forEach(([lo, hi], s) => {
    for (let m = 0; m < 12; m++) {
      const phi = (2 * Math.PI * m) / 12;
      line(
        `meridian-${s}-${m}`,
        Array.from({ length: N + 1 }, (_, i) => {
          const a = lo + ((hi - lo) * i) / N;
          return [radius(a) * Math.cos(phi), radius(a) * Math.sin(phi), a];
        }),
      );
    }
    for (let r = 0; r <= 6; r++) {
      const a = lo + ((hi - lo) * r) / 6;
      line(
        `ring-${s}-${r}`,
        Array.from({ length: N + 1 }, (_, i) => {
          const phi = (2 * Math.PI * i) / N;
          return [radius(a) * Math.cos(phi), radius(a) * Math.sin(phi), a];
        }),
      );
    }
  });
  const axes: Row[] = [];
  const labels: Row[] = [];
  const axisEnds: [string, [number, number, number]][] = [
    ["w", [extent, 0, 0]],
    ["b", [0, extent, 0]],
    ["a", [0, 0, aMax]],
  ];
  for (const [name, end] of axisEnds) {
    const [x0, y0] = project(-end[0], -end[1], -end[2]);
    const [x1, y1] = project(...end);
    axes.push({ id: name, order: 0, x: x0, y: y0 }, { id: name, order: 1, x: x1, y: y1 });
    labels.push({ x: x1, y: y1, text: name });
  }
  const path: Row[] = [];
  const starts: Row[] = [];
  const ends: Row[] = [];
  for (const tr of options.trajectories) {
    tr.points.forEach(([w, b, a], order) => {
      const [x, y] = project(w, b, a);
      path.push({ trajectory: tr.label, order, x, y });
    });
    const first = tr.points[0];
    const last = tr.points.at(-1);
    if (first && last) {
      const [x0, y0] = project(...first);
      const [x1, y1] = project(...last);
      // `marked` copies the label: vega-lite merges one field's legends across layers, and the
      // markers' colour legend (hidden) must not hide the lines'
      starts.push({ trajectory: tr.label, marked: tr.label, point: "start", x: x0, y: y0 });
      ends.push({ trajectory: tr.label, marked: tr.label, point: "end", x: x1, y: y1 });
    }
  }
  // Same span on both axes so the quadric is not distorted.
  const all = [...wire, ...axes, ...path];
  const box = (rows: readonly Row[], pad: number): { x: [number, number]; y: [number, number]; span: number } => {
    const xs = rows.map((r) => r.x as number);
    const ys = rows.map((r) => r.y as number);
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * pad;
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    return { x: [cx - span / 2, cx + span / 2], y: [cy - span / 2, cy + span / 2], span };
  };
  const full = box(all, 1.05);
  // GD underneath, thick and pale; the flow on top, thin and dashed: where they coincide both show.
  const labels0 = options.trajectories.map((t) => t.label);
  const styles = labels0.map((_, i) => at(TRAJECTORY_STYLES, i % TRAJECTORY_STYLES.length));
  const byTrajectory = (key: keyof (typeof TRAJECTORY_STYLES)[number], title: string | null) => ({
    field: "trajectory",
    // ordinal in the given order: width and opacity are not for unordered fields
    type: "ordinal" as const,
    sort: labels0,
    title,
    scale: { domain: labels0, range: styles.map((st) => st[key]) },
  });
  const view = (domain: { x: [number, number]; y: [number, number] }, axisLabels: boolean): Record<string, unknown>[] => {
    const x = { field: "x", type: "quantitative" as const, axis: null, scale: { domain: domain.x, nice: false, zero: false } };
    const y = { field: "y", type: "quantitative" as const, axis: null, scale: { domain: domain.y, nice: false, zero: false } };
    return [
      {
        data: { values: wire },
        mark: { type: "line", strokeWidth: 0.6, color: "#9aa5b1", opacity: 0.7, clip: true },
        encoding: { x, y, detail: { field: "id" }, order: { field: "order" } },
      },
      {
        data: { values: axes },
        mark: { type: "line", strokeWidth: 1, color: "#333", strokeDash: [4, 3], clip: true },
        encoding: { x, y, detail: { field: "id" }, order: { field: "order" } },
      },
      ...(axisLabels
        ? [
            {
              data: { values: labels },
              mark: { type: "text", fontSize: 14, fontStyle: "italic", dx: 8, dy: -4 },
              encoding: { x, y, text: { field: "text" } },
            },
          ]
        : []),
      {
        data: { values: path },
        mark: { type: "line", clip: true },
        encoding: {
          x,
          y,
          order: { field: "order" },
          color: { ...byTrajectory("color", "trajectory") },
          strokeWidth: { ...byTrajectory("width", "trajectory") },
          strokeDash: { ...byTrajectory("dash", "trajectory") },
          opacity: { ...byTrajectory("opacity", "trajectory") },
        },
      },
      {
        data: { values: starts },
        mark: { type: "point", filled: false, size: 170, strokeWidth: 2.2, clip: true },
        encoding: {
          x,
          y,
          stroke: { ...byTrajectory("color", "trajectory"), field: "marked", legend: null },
          shape: { field: "point", type: "nominal", title: "marker", scale: { domain: ["start", "end"], range: ["circle", "square"] } },
        },
      },
      {
        data: { values: ends },
        mark: { type: "point", filled: true, size: 45, clip: true },
        encoding: {
          x,
          y,
          fill: { ...byTrajectory("color", "trajectory"), field: "marked", legend: null },
          shape: { field: "point", type: "nominal", title: "marker", scale: { domain: ["start", "end"], range: ["circle", "square"] } },
        },
      },
    ];
  };
  const main = { width: 340, height: 340, layer: view(full, true) };
  // A trajectory small beside the quadric (e.g. a neuron that barely moves) gets a zoomed view
  // of its own, so its start and end markers do not sit on top of each other.
  const moved = path.length > 0 ? box([...path, ...starts, ...ends], 1) : null;
  const zoom = moved !== null && moved.span < 0.2 * full.span;
  // no frame around the views; one vertical legend below them, for long trajectory labels
  const config = { view: { stroke: null }, legend: { labelLimit: 320, orient: "bottom", direction: "vertical" } };
  if (zoom) {
    const span = Math.max(moved.span * 1.6, full.span / 200);
    const cx = (moved.x[0] + moved.x[1]) / 2;
    const cy = (moved.y[0] + moved.y[1]) / 2;
    const factor = full.span / span;
    const zoomDomain = { x: [cx - span / 2, cx + span / 2] as [number, number], y: [cy - span / 2, cy + span / 2] as [number, number] };
    return {
      ...specHead(options),
      hconcat: [
        main,
        {
          width: 240,
          height: 240,
          title: {
            text: `zoom on the trajectory (× ${factor >= 10 ? Math.round(factor) : factor.toFixed(1)})`,
            fontSize: 12,
            fontWeight: "normal",
          },
          layer: [...view(zoomDomain, false), ...zoomAxes(project, zoomDomain)],
        },
      ],
      resolve: { scale: { x: "independent", y: "independent" } },
      config,
    } as unknown as TopLevelSpec;
  }
  return {
    ...specHead(options),
    ...main,
    config,
  } as unknown as TopLevelSpec;
}

/**
 * The axes of a zoomed panel, where the quadric's own axes lie outside the
 * view: from a corner, one arrow along each of w, b and a, all of one round
 * length in parameter units, which a label states (the panel's scale bar).
 */
function zoomAxes(
  project: (w: number, b: number, a: number) => [number, number],
  domain: { x: [number, number]; y: [number, number] },
): Record<string, unknown>[] {
  const span = domain.x[1] - domain.x[0];
  const corner = { x: domain.x[0], y: domain.y[0] };
  const units: [string, [number, number]][] = [
    ["w", project(1, 0, 0)],
    ["b", project(0, 1, 0)],
    ["a", project(0, 0, 1)],
  ];
  const longest = Math.max(...units.map(([, [x, y]]) => Math.hypot(x, y)));
  // a round length (1, 2 or 5 times a power of ten) whose longest arrow spans about a sixth of the panel
  const raw = span / 6 / longest;
  const power = 10 ** Math.floor(Math.log10(raw));
  const length = [5, 2, 1].map((m) => m * power).find((v) => v <= raw) ?? power;
  const origin = { x: corner.x + 0.2 * span, y: corner.y + 0.16 * span };
  const arrows: Row[] = [];
  const tips: Row[] = [];
  for (const [name, [ux, uy]] of units) {
    const tip = { x: origin.x + length * ux, y: origin.y + length * uy };
    arrows.push({ id: name, order: 0, ...origin }, { id: name, order: 1, ...tip });
    tips.push({ ...tip, text: name });
  }
  const x = { field: "x", type: "quantitative" as const, axis: null, scale: { domain: domain.x, nice: false, zero: false } };
  const y = { field: "y", type: "quantitative" as const, axis: null, scale: { domain: domain.y, nice: false, zero: false } };
  return [
    {
      data: { values: arrows },
      mark: { type: "line", strokeWidth: 1.2, color: "#333" },
      encoding: { x, y, detail: { field: "id" }, order: { field: "order" } },
    },
    {
      data: { values: tips },
      mark: { type: "text", fontSize: 12, fontStyle: "italic", dx: 6, dy: -3 },
      encoding: { x, y, text: { field: "text" } },
    },
    {
      data: { values: [{ ...origin, text: `axes w, b, a: each arrow ${Number(length.toPrecision(1))}` }] },
      mark: { type: "text", fontSize: 10, align: "left", dy: 16, dx: -30, color: "#333" },
      encoding: { x, y, text: { field: "text" } },
    },
  ];
}

/** Line styles of the trajectories in order: gradient descent (thick, pale, solid), then the flow (thin, dark, dashed). */
const TRAJECTORY_STYLES = [
  { color: "#f28e2b", width: 6, dash: [1, 0], opacity: 0.55 },
  { color: "#1f4e9c", width: 1.8, dash: [5, 3], opacity: 1 },
  { color: "#2ca02c", width: 2, dash: [2, 2], opacity: 1 },
  { color: "#9467bd", width: 2, dash: [8, 2], opacity: 1 },
] as const;
