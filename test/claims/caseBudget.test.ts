import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { caseBudget } from "../../src/claims/_internals/caseBudget.js";

describe("caseBudget", () => {
  it("should stay quiet for the first second, then stop once cases done project past the cap", () => {
    // Arrange: a clock the test moves, 0.1 s a case, 100 cases, a 5 s cap (10 s projected)
    let ms = 0;
    const budget = caseBudget("slow", 100, 5, () => ms);
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
      "check: over its work cap at run time: projected to take ~10 s (10 cases in 1.0 s), past the ~5 s left of the cap at case 11 of 100 of claim `slow`; raise --maxSeconds",
    );
  });

  it("should let a claim through whose projection stays within the cap", () => {
    let ms = 0;
    const budget = caseBudget("fast", 100, 5, () => ms);
    ms = 1000;
    expect(() => budget(50)).not.toThrow(); // 2 s projected
  });
});
