import type { TopLevelSpec } from "vega-lite";

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
 * trajectory with its start (circle) and end (square). The projection and
 * the wireframe are drawing only: every number drawn comes from the cells.
 *
 * @param options - title, c, trajectories and camera angles
 * @returns a Vega-Lite specification, for `renderVegaLite`
 * @example quadricFigureSpec({ title: "T", c: -1, trajectories: [] }).layer.length // returns 5
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
  const marks: Row[] = [];
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
      marks.push({ trajectory: tr.label, point: "start", x: x0, y: y0 }, { trajectory: tr.label, point: "end", x: x1, y: y1 });
    }
  }
  // Same span on both axes so the quadric is not distorted.
  const all = [...wire, ...axes, ...path];
  const xs = all.map((r) => r.x as number);
  const ys = all.map((r) => r.y as number);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * 1.05;
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const x = { field: "x", type: "quantitative" as const, axis: null, scale: { domain: [cx - span / 2, cx + span / 2] } };
  const y = { field: "y", type: "quantitative" as const, axis: null, scale: { domain: [cy - span / 2, cy + span / 2] } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title, subtitle: options.subtitle ?? "" },
    width: 360,
    height: 360,
    layer: [
      {
        data: { values: wire },
        mark: { type: "line", strokeWidth: 0.6, color: "#9aa5b1", opacity: 0.7 },
        encoding: { x, y, detail: { field: "id" }, order: { field: "order" } },
      },
      {
        data: { values: axes },
        mark: { type: "line", strokeWidth: 1, color: "#333", strokeDash: [4, 3] },
        encoding: { x, y, detail: { field: "id" }, order: { field: "order" } },
      },
      {
        data: { values: labels },
        mark: { type: "text", fontSize: 14, fontStyle: "italic", dx: 8, dy: -4 },
        encoding: { x, y, text: { field: "text" } },
      },
      {
        data: { values: path },
        mark: { type: "line", strokeWidth: 2.2 },
        encoding: {
          x,
          y,
          order: { field: "order" },
          color: {
            field: "trajectory",
            type: "nominal",
            title: "trajectory",
            scale: { range: ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"] },
          },
        },
      },
      {
        data: { values: marks },
        mark: { type: "point", filled: true, size: 70 },
        encoding: {
          x,
          y,
          color: { field: "trajectory", type: "nominal", title: "trajectory" },
          shape: { field: "point", type: "nominal", title: "marker", scale: { domain: ["start", "end"], range: ["circle", "square"] } },
        },
      },
    ],
    config: { view: { stroke: null }, legend: { labelLimit: 320 } },
  };
}
