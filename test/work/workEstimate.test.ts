import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { formatWork } from "../../src/work/formatWork.js";
import { progressBudget } from "../../src/work/progressBudget.js";
import { stepBudget } from "../../src/work/stepBudget.js";
import { workEstimate } from "../../src/work/workEstimate.js";

describe("workEstimate and formatWork", () => {
  it("should round an estimate in its largest unit", () => {
    expect(formatWork({ seconds: 840, detail: "10^8 rows" })).toBe("~14 min (10^8 rows)");
    expect(formatWork({ seconds: 42.4, detail: "x" })).toBe("~42 s (x)");
    expect(formatWork({ seconds: 0.004, detail: "x" })).toBe("~0.004 s (x)");
    expect(formatWork({ seconds: 9000, detail: "x" })).toBe("~2.5 h (x)");
    expect(formatWork({ seconds: 4e17, detail: "x" })).toBe("~1e+10 years (x)");
    expect(formatWork({ seconds: Number.POSITIVE_INFINITY, detail: "x" })).toBe("forever (x)");
  });

  test.prop([fc.double({ min: 0, max: 1e12, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    "should be units × cost, never negative or NaN",
    (units, cost) => {
      const w = workEstimate(units, cost, "d");
      expect(w.seconds).toBe(units * cost);
    },
  );

  it("should count a NaN size as infinite work", () => {
    expect(workEstimate(Number.NaN, 1, "d").seconds).toBe(Number.POSITIVE_INFINITY);
    expect(workEstimate(Number.POSITIVE_INFINITY, 0, "d").seconds).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("stepBudget", () => {
  /** A clock driven by the test: each step takes the next duration, in seconds. */
  function run(durations: number[], steps: number, cap: number): number {
    let t = 0;
    const check = stepBudget("gd", steps, cap, "maxSeconds", () => t * 1000);
    for (let i = 0; i < durations.length; i++) {
      t += durations[i]!;
      check(i + 1);
    }
    return t;
  }

  it("should stop a run whose steps double once the projection passes the cap", () => {
    // 0.1, 0.2, 0.4, … s: step 3 is the first of a quarter second or more, and the 37 steps left are projected at ~0.8·2^37 s
    const doubling = Array.from({ length: 40 }, (_, i) => 0.1 * 2 ** i);
    let err: unknown;
    try {
      run(doubling, 40, 60);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConvergenceError);
    const c = err as ConvergenceError;
    expect(c.at).toBe("step 3 of 40");
    expect(c.describe((f) => (f === "maxSeconds" ? "--max-seconds" : f))).toMatch(
      /^gd: stopped: the run is projected to take ~[\d.e+]+ years \(each step ×2\.0 the last\), over twice the cap of ~60 s at step 3 of 40; raise --max-seconds$/,
    );
  });

  it("should let a run through whose one step a pause of the process made fifty times as long", () => {
    // 10 ms a step, step 200 of 1000 half a second: 10.5 s in all; the pause is not a growth
    const paused = Array.from({ length: 1000 }, (_, i) => (i === 199 ? 0.5 : 0.01));
    expect(run(paused, 1000, 60)).toBeCloseTo(10.49, 9);
  });

  it("should project from a pause as from the steps around it, and still stop a run that grows after it", () => {
    // 10 ms steps, a pause, then steps that double from 20 ms: stopped once the doubling shows in three ratios
    const durations = [...Array(50).fill(0.01), 0.5, ...Array.from({ length: 30 }, (_, i) => 0.02 * 2 ** i)];
    expect(() => run(durations, 100, 60)).toThrow(/each step ×2\.0 the last\), over twice the cap of ~60 s at step 5[0-9] of 100/);
  });

  it("should let a run of steady steps within the cap finish", () => {
    expect(run(Array(100).fill(0.5), 100, 60)).toBe(50);
  });

  it("should let a steady run through that ends past the cap but within twice it (a busy machine)", () => {
    // 1.1 s a step, 100 steps: 110 s against a 60 s cap, under the run-time limit of 120 s
    expect(run(Array(100).fill(1.1), 100, 60)).toBeCloseTo(110, 9);
  });

  it("should stop a steady run whose steps add up past twice the cap", () => {
    // 1.3 s a step: 130 s projected from the first step on, past 2 × 60 s
    expect(() => run(Array(100).fill(1.3), 100, 60)).toThrow(/over twice the cap of ~60 s at step 1 of 100/);
  });
});

describe("progressBudget", () => {
  it("should stop a run projected past the cap from its fraction done, and let a run on pace finish", () => {
    let t = 0;
    const slow = progressBudget("taylor", 60, "maxSeconds", () => t);
    t = 2000; // 2 s for 1 % → 200 s projected, past 2 × 60 s
    expect(() => slow(0.01)).toThrow(ConvergenceError);
    t = 0;
    const busy = progressBudget("taylor", 60, "maxSeconds", () => t);
    for (let i = 1; i <= 10; i++) {
      t = i * 11_000; // 11 s per tenth: 110 s in all, past the cap but within twice it
      busy(i / 10);
    }
    expect(t).toBe(110_000);
  });

  it("should name the fraction done and the option in the message", () => {
    let t = 0;
    const check = progressBudget("rk4", 10, "maxSeconds", () => t);
    t = 6000;
    expect(() => check(0.25)).toThrow(
      "rk4: stopped: the run is projected to take ~24 s (6.0 s so far), over twice the cap of ~10 s at 25 % of the way; raise maxSeconds",
    );
  });
});
