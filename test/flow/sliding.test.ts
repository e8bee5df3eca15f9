import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { flatParams, maxDiff } from "./flowHelpers.js";
import { expectDescentLimit } from "../helpers/descentGap.js";
import { twoLayer } from "../helpers/twoLayer.js";

// One ReLU neuron, two points pulling z_0 = w + b in opposite directions: point 1
// (x = 2, y = 3) raises z_0, point 0 (x = 1, y = -1) lowers it only while active.
// At z_0 = 0 both one-sided fields point into the kink: the flow slides.
const net = twoLayer({ activation: { kind: "relu" as const }, W1: [["3"]], b1: ["-29/10"], W2: [["1"]] });
const data = { X: [["1"], ["2"]], Y: [["-1"], ["3"]] };
const ref = JSON.parse(readFileSync(fileURLToPath(new URL("./fixtures/sliding.json", import.meta.url)), "utf8")) as {
  slideStart: string;
  theta: string[];
};

describe("integrateFlow (sliding mode)", () => {
  it("should start sliding where the independent mpmath reference does, to 25 digits, and follow the Filippov flow to T", () => {
    // Arrange: fixtures/sliding.json from fixtures/sliding_reference.py (hand-derived sliding field, mpmath odefun at 50 digits)
    // Act
    const run = integrateFlow(net, data, { time: "3", digits: 30, samples: 7 });
    // Assert
    expect(run.events.map((ev) => [ev.neuron, ev.point, ev.kind])).toEqual([[0, 0, "slide"]]);
    expect(Math.abs(new Decimal(run.events[0]!.t).minus(ref.slideStart).toNumber())).toBeLessThan(1e-25);
    expect(maxDiff(flatParams(run.params), ref.theta)).toBeLessThan(1e-25);
    expect(Number(run.maxDrift)).toBeLessThan(1e-35);
  });

  it("should keep z = 0 while sliding and conserve c_k there", () => {
    const run = integrateFlow(net, data, { time: "3", digits: 40, samples: 7 });
    const slideAt = Number(run.events[0]!.t);
    for (const s of run.samples.filter((x) => Number(x.t) > slideAt)) {
      const p = s.params as { W1: string[][]; b1: string[] };
      expect(Math.abs(new Decimal(p.W1[0]![0]!).plus(p.b1[0]!).toNumber())).toBeLessThan(1e-38);
      expect(Math.abs(new Decimal(s.invariants[0]!).minus(run.invariants0[0]!).toNumber())).toBeLessThan(1e-35);
    }
  });

  it("should not slide with gauss, which reads the pattern from the sign of z, yet gauss still conserves c_k", () => {
    const run = integrateFlow(net, data, { time: "1/4", digits: 30, method: "gauss" });
    expect(Number(run.maxDrift)).toBeLessThan(1e-25);
  });
});

// A neuron that dies: no hidden bias and d = 1, so every z_i = w·x_i reaches 0 at
// the same instant t* (w → 0 under the active field). Past t* the neuron is
// frozen (w = 0, a constant) and only b2 moves: ḃ = −2(b − ȳ), so
// b(T) = ȳ + (b(s) − ȳ)·e^{−2(T − s)} for any sample time s > t*.
describe("integrateFlow (every pre-activation of a neuron at 0 at once)", () => {
  const dying = twoLayer({ activation: { kind: "relu" as const }, W1: [["-1/5"]], W2: [["-3/5"]], b2: ["3/5"] });
  const dyingData = { X: [["-3"], ["-4"], ["-5/4"]], Y: [["11/4"], ["0"], ["2"]] };

  it("should stop the neuron at w = 0 and then follow the closed-form flow of b2", () => {
    // Act
    const run = integrateFlow(dying, dyingData, { time: "1/4", digits: 30, samples: 5 });
    // Assert: one kink instant, the neuron frozen there, b2 on its exponential
    const times = new Set(run.events.map((ev) => ev.t));
    expect(times.size).toBe(1);
    const tStar = Number([...times][0]);
    expect(tStar).toBeGreaterThan(0.08);
    expect(tStar).toBeLessThan(0.0825);
    const at = (s: (typeof run.samples)[number]): string[] => flatParams(s.params);
    const after = run.samples.filter((s) => Number(s.t) > tStar);
    expect(after.length).toBe(3);
    const [w, a] = at(after[0]!);
    for (const s of after) {
      expect(Math.abs(Number(at(s)[0]))).toBeLessThan(1e-30);
      expect(maxDiff([at(s)[1]!], [a!])).toBeLessThan(1e-30);
    }
    expect(Math.abs(Number(w))).toBeLessThan(1e-30);
    const Dec = Decimal.clone({ precision: 60 });
    const yBar = new Dec("4.75").div(3);
    const b = (s: (typeof run.samples)[number]): Decimal => new Dec(at(s)[2]!);
    const predicted = yBar.plus(
      b(after[0]!)
        .minus(yBar)
        .times(Dec.exp(new Dec(-2).times(new Dec(after[2]!.t).minus(after[0]!.t)))),
    );
    expect(predicted.minus(b(after[2]!)).abs().toNumber()).toBeLessThan(1e-26);
    expect(Number(run.maxDrift)).toBeLessThan(1e-35);
  });

  it("should place t* and the endpoint alike at 30 and 60 digits", () => {
    const lo = integrateFlow(dying, dyingData, { time: "1/4", digits: 30 });
    const hi = integrateFlow(dying, dyingData, { time: "1/4", digits: 60 });
    expect(maxDiff([lo.events[0]!.t], [hi.events[0]!.t])).toBeLessThan(1e-26);
    expect(maxDiff(flatParams(lo.params), flatParams(hi.params))).toBeLessThan(1e-26);
  });
});

// Neuron 1 starts at w = 0 with no bias and d = 1: both of its points sit on the
// kink and their x are dependent, so one constraint ż = 0 holds both there. Both
// one-sided fields of w point into w = 0 at t = 0 (ẇ = −19.46 above, +4.2 below),
// so the flow slides; while it does, z ≡ 0 makes the output weight a_1 constant.
// The points share the one surface w = 0 (x = 2 and −3, on its two sides), so one
// Filippov weight λ holds them both: it leaves [0, 1] at t ≈ 0.0113, and both points
// leave together to w < 0, as descent does.
describe("integrateFlow (sliding points that are linearly dependent)", () => {
  const net = twoLayer({ activation: { kind: "leaky_relu" as const, slope: "-3/10" }, W1: [["3/2"], ["0"]], W2: [["2", "2"]] });
  const data = { X: [["2"], ["-3"]], Y: [["1"], ["3"]] };

  it("should slide with both points on the surface, release them together, and agree at 30 and 50 digits", () => {
    const lo = integrateFlow(net, data, { time: "1/2", digits: 30 });
    const hi = integrateFlow(net, data, { time: "1/2", digits: 50 });
    const log = (run: typeof lo) => run.events.map((ev) => [Number(ev.t).toPrecision(10), ev.neuron, ev.point, ev.kind]);
    expect(log(lo)).toEqual([
      ["0.000000000", 1, 0, "slide"],
      ["0.000000000", 1, 1, "slide"],
      ["0.01130016885", 1, 0, "release"],
      ["0.01130016885", 1, 1, "release"],
    ]);
    expect(log(hi)).toEqual(log(lo));
    const [, w1] = flatParams(lo.params);
    expect(Number(w1)).toBeLessThan(-0.4);
    expect(maxDiff(flatParams(lo.params), flatParams(hi.params))).toBeLessThan(1e-26);
    expect(Number(lo.maxDrift)).toBeLessThan(1e-35);
    // held by the pair at x = 2 alone, with the other point's slope fixed, it stayed at w = 0 to T, 0.44 off descent
    expectDescentLimit(net, data, lo, 0.5, [5_000, 10_000], 1e-4);
  });
});
