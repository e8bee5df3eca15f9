import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { caseBudget } from "../../src/claims/_internals/caseBudget.js";

describe("caseBudget", () => {
  it("should stay quiet for the first second, then stop once cases done project past the cap", () => {
    // Arrange: a clock the test moves, 0.1 s a case, 100 cases, a 4 s share of the cap (10 s projected, past 2 × 4 s)
    let ms = 0;
    const budget = caseBudget("slow", 100, 4, () => ms);
    // Act / Assert: before a second has passed, no projection
    ms = 500;
    expect(() => budget(5)).not.toThrow();
    ms = 1000;
    let err: unknown;
    try {
      budget(10);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConvergenceError);
    expect((err as ConvergenceError).describe((f) => `--${f}`)).toBe(
      "check: over its work cap at run time: projected to take ~10 s (10 cases in 1.0 s), past the ~8 s left of twice the cap at case 11 of 100 of claim `slow`; raise --maxSeconds",
    );
  });

  it("should let a claim through whose projection stays within twice the cap", () => {
    let ms = 0;
    const budget = caseBudget("busy", 100, 5, () => ms);
    ms = 1000;
    expect(() => budget(12)).not.toThrow(); // ~8.3 s projected: past the 5 s share, within 10 s
  });
});
