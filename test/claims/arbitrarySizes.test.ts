import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbActivation } from "../../src/claims/arbitraries/arbActivation.js";
import { arbConvNetwork } from "../../src/claims/arbitraries/arbConvNetwork.js";
import { arbConvProblem } from "../../src/claims/arbitraries/arbConvProblem.js";
import { arbDataset } from "../../src/claims/arbitraries/arbDataset.js";
import { arbDeepProblem } from "../../src/claims/arbitraries/arbDeepProblem.js";
import { arbFlowTrajectory } from "../../src/claims/arbitraries/arbFlowTrajectory.js";
import { arbGdTrajectory } from "../../src/claims/arbitraries/arbGdTrajectory.js";
import { arbInvariantVector } from "../../src/claims/arbitraries/arbInvariantVector.js";
import { arbLayeredNetwork } from "../../src/claims/arbitraries/arbLayeredNetwork.js";
import { arbNetwork } from "../../src/claims/arbitraries/arbNetwork.js";
import { arbPathologicalProblem } from "../../src/claims/arbitraries/arbPathologicalProblem.js";
import { arbProblem } from "../../src/claims/arbitraries/arbProblem.js";
import { arbRational } from "../../src/claims/arbitraries/arbRational.js";
import { exact } from "../../src/scalar/exact.js";

// Every arbitrary reaches the bounds it is given: a theorem that fails only on big inputs must
// be refuted. Sizes are uniform between min and max (fast-check biases a share of the early
// runs toward the small end), so N draws hold the maximum about N/(max − min + 1)/2 times.
const draws = <T>(arb: fc.Arbitrary<T>, n: number): T[] => fc.sample(arb, { seed: 11, numRuns: n });
const largest = (xs: readonly number[]): number => xs.reduce((m, x) => Math.max(m, x), Number.NEGATIVE_INFINITY);

describe("arbitraries reach their bounds", () => {
  it("arbProblem: inputs, width, outputs and points up to their maxima", () => {
    const ps = draws(arbProblem({ inputs: { max: 8 }, width: { max: 64 }, outputs: { max: 5 }, points: { max: 64 } }), 800);
    expect(largest(ps.map((p) => p.net.layers[0]!.W[0]!.length))).toBe(8);
    expect(largest(ps.map((p) => p.net.layers[0]!.W.length))).toBe(64);
    expect(largest(ps.map((p) => p.net.layers[1]!.W.length))).toBe(5);
    expect(largest(ps.map((p) => p.data.X.length))).toBe(64);
    expect(Math.min(...ps.map((p) => p.data.X.length))).toBe(1);
  });

  it("arbNetwork: inputs, width and outputs up to their maxima", () => {
    const ns = draws(arbNetwork({ inputs: { max: 8 }, width: { max: 64 }, outputs: { max: 5 } }), 800);
    expect([
      largest(ns.map((n) => n.layers[0]!.W[0]!.length)),
      largest(ns.map((n) => n.layers[0]!.W.length)),
      largest(ns.map((n) => n.layers[1]!.W.length)),
    ]).toEqual([8, 64, 5]);
  });

  it("arbDataset: points up to 64", () => {
    const ds = draws(arbDataset(2, 1, { points: { max: 64 } }), 800);
    expect(largest(ds.map((d) => d.X.length))).toBe(64);
  });

  it("arbDeepProblem: depth, width, inputs, outputs and points up to their maxima", () => {
    const ps = draws(
      arbDeepProblem({ depth: { max: 6 }, width: { max: 12 }, inputs: { max: 5 }, outputs: { max: 4 }, points: { max: 20 }, kinks: false }),
      500,
    );
    expect(largest(ps.map((p) => p.net.layers.length))).toBe(6);
    expect(largest(ps.flatMap((p) => p.net.layers.slice(0, -1).map((l) => l.W.length)))).toBe(12);
    expect(largest(ps.map((p) => p.net.layers[0]!.W[0]!.length))).toBe(5);
    expect(largest(ps.map((p) => p.net.layers.at(-1)!.W.length))).toBe(4);
    expect(largest(ps.map((p) => p.data.X.length))).toBe(20);
  });

  it("arbLayeredNetwork: depth and width up to their maxima", () => {
    const ns = draws(arbLayeredNetwork({ depth: { max: 6 }, width: { max: 12 } }), 500);
    expect(largest(ns.map((n) => n.layers.length))).toBe(6);
    expect(largest(ns.flatMap((n) => n.layers.slice(0, -1).map((l) => l.W.length)))).toBe(12);
  });

  it("arbConvProblem: convolutions, channels, size, kernel, stride, padding, groups, poolings, outputs and points up to their maxima", () => {
    const ps = draws(
      arbConvProblem({
        convolutions: { max: 3 },
        channels: { max: 4 },
        size: { max: 6 },
        kernel: { max: 4 },
        stride: { max: 3 },
        padding: 2,
        outputs: { max: 3 },
        points: { max: 9 },
      }),
      300,
    );
    const convs = ps.flatMap((p) => p.net.layers.slice(0, -1));
    const conv = (f: (c: NonNullable<(typeof convs)[number]["conv"]>) => readonly number[]): number =>
      largest(convs.flatMap((l) => (l.conv ? f(l.conv) : [])));
    expect(largest(ps.map((p) => p.net.layers.length - 1))).toBe(3);
    expect(largest(convs.map((l) => l.W.length))).toBe(4);
    expect(largest(ps.map((p) => p.net.input!.channels))).toBe(4);
    expect(largest(ps.flatMap((p) => p.net.input!.size))).toBe(6);
    expect([conv((c) => c.kernel), conv((c) => c.stride!), conv((c) => c.padding!), conv((c) => [c.groups])]).toEqual([4, 3, 2, 4]);
    expect(new Set(convs.flatMap((l) => (l.pool ? [l.pool.kind] : [])))).toEqual(new Set(["max", "avg"]));
    expect(new Set(ps.map((p) => p.net.input!.size.length))).toEqual(new Set([1, 2]));
    expect(largest(ps.map((p) => p.net.layers.at(-1)!.W.length))).toBe(3);
    expect(largest(ps.map((p) => p.data.X.length))).toBe(9);
    // every data row is one input tensor: channels × the spatial size
    for (const p of ps)
      for (const x of p.data.X) expect(x.length).toBe(p.net.input!.channels * p.net.input!.size.reduce((a, b) => a * b, 1));
  });

  it("arbConvNetwork: convolutions and channels up to their maxima", () => {
    const ns = draws(arbConvNetwork({ convolutions: { max: 3 }, channels: { max: 5 } }), 300);
    expect(largest(ns.map((n) => n.layers.length - 1))).toBe(3);
    expect(largest(ns.flatMap((n) => n.layers.slice(0, -1).map((l) => l.W.length)))).toBe(5);
  });

  it("arbInvariantVector: length up to 30 and as many distinct values as allowed", () => {
    const cs = draws(arbInvariantVector({ length: { max: 30 }, distinct: 5 }), 800);
    expect(largest(cs.map((c) => c.length))).toBe(30);
    expect(largest(cs.map((c) => new Set(c.filter((v) => v !== "0")).size))).toBe(5);
  });

  it("arbPathologicalProblem: width up to its maximum, every neuron pathological with which: all", () => {
    const ps = draws(arbPathologicalProblem({ width: { max: 20 }, which: "all" }), 400);
    expect(largest(ps.map((p) => p.pathological.length))).toBe(20);
  });

  it("arbRational: numerators and denominators up to their maxima", () => {
    const qs = draws(arbRational({ maxNum: 50, maxDen: 40 }), 3000).map(exact.parse);
    expect(largest(qs.map((q) => Math.abs(Number(exact.toString(q).split("/")[0]))))).toBe(50);
    expect(largest(qs.map((q) => Number(exact.toString(q).split("/")[1] ?? "1")))).toBe(40);
  });

  it("arbActivation: every kind, and leaky slopes out to ±1", () => {
    const as = draws(arbActivation(), 600);
    expect(new Set(as.map((a) => a.kind))).toEqual(new Set(["relu", "leaky_relu", "abs", "linear"]));
    const slopes = as.flatMap((a) => (a.kind === "leaky_relu" ? [Number(exact.toNumber(exact.parse(a.slope)))] : []));
    expect([Math.min(...slopes), Math.max(...slopes)]).toEqual([-1, 1]);
  });

  it("arbGdTrajectory and arbFlowTrajectory: steps and times up to their maxima", () => {
    const gd = draws(arbGdTrajectory({ steps: { max: 6 }, width: { max: 1 }, points: { max: 1 } }), 150);
    expect(largest(gd.map((t) => t.steps))).toBe(6);
    const flow = draws(arbFlowTrajectory({ times: ["1/64", "1/32"], digits: 12 }), 40);
    expect(new Set(flow.map((t) => t.time))).toEqual(new Set(["1/64", "1/32"]));
  });
});
