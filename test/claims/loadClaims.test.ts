import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { claimsOf } from "../../src/claims/_internals/claimsOf.js";
import { isClaim } from "../../src/claims/isClaim.js";
import { exact } from "../../src/scalar/exact.js";

const good = { name: "good", statement: "n ≥ 0", tag: "theorem", arbitraries: [fc.nat()], predicate: (n: number) => n >= 0 };

function problemOf(mod: Record<string, unknown>): string {
  try {
    claimsOf(mod, "m.ts");
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  return "no error";
}

describe("claimsOf", () => {
  it("should ignore exports that are not meant as claims: helpers, constants, arithmetics, arbitraries", () => {
    const claims = claimsOf(
      { good, helper: () => 1, SIZE: 3, exact, sizes: [1, 2], arb: fc.nat(), config: { name: "x", runs: 3 } },
      "m.ts",
    );
    expect(claims.map((c) => c.name)).toEqual(["good"]);
  });

  it("should reject, naming the export, an object that looks like a claim but has an unknown tag", () => {
    const message = problemOf({ good, bad: { ...good, name: "bad", tag: "thm" } });
    expect(message).toBe(
      "invalid claim export. Must be a claim. Value: `bad`. In `m.ts`: invalid tag of claim `bad`. Must be theorem or false. Value: `thm`.",
    );
  });

  it("should reject `property` written for `predicate`, and count further invalid exports on the same line", () => {
    const { predicate: _, ...rest } = good;
    const message = problemOf({
      a: { ...rest, name: "a", property: good.predicate },
      b: { tag: "false" },
      c: [good, { ...good, name: "c", arbitraries: [] }],
    });
    expect(message).toMatch(
      /^invalid claim export\. Must be a claim\. Value: `a`\. In `m.ts`: invalid field `property` of claim `a`\. .* \(and 2 more invalid export\(s\)\)$/,
    );
    expect(message).not.toContain("\n");
  });

  it("should accept a record of named arbitraries and reject argNames that do not fit", () => {
    expect(isClaim({ ...good, arbitraries: { n: fc.nat() }, predicate: ({ n }: { n: number }) => n >= 0 })).toBe(true);
    expect(problemOf({ x: { ...good, argNames: ["n", "m"] } })).toContain("invalid argNames of claim `good`");
    expect(problemOf({ x: { ...good, arbitraries: { n: fc.nat() }, argNames: ["n"] } })).toContain("invalid argNames of claim `good`");
  });

  it("should keep the default export, the claims array and named claims once each", () => {
    const other = { ...good, name: "other" };
    expect(claimsOf({ default: good, claims: [good, other], other }, "m.ts").map((c) => c.name)).toEqual(["good", "other"]);
  });
});
