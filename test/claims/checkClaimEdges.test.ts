import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbNetwork } from "../../src/claims/arbitraries/arbNetwork.js";
import type { Claim } from "../../src/claims/claim.js";
import { checkClaim } from "../../src/claims/checkClaim.js";
import { exact } from "../../src/scalar/exact.js";

// biome-ignore lint/suspicious/noExplicitAny: test claims of any argument shape
const claim = (c: { tag: "theorem" | "false"; arbitraries: unknown; predicate: (...args: any[]) => unknown }): Claim =>
  ({ name: "c", statement: "s", ...c }) as Claim;

describe("checkClaim: a predicate that returns neither true, false nor undefined", () => {
  const returns: [string, () => unknown, RegExp][] = [
    ["a number", () => 3, /returned 3 \(a number\)/],
    ["the string true", () => "true", /returned "true" \(a string\)/],
    ["null", () => null, /returned null,/],
    ["an object", () => ({ ok: false }), /returned an object \(\{"ok":false\}\)/],
    ["a rational", () => exact.parse("1/2"), /returned a rational \(1\/2\)/],
    ["a promise of a number", async () => 0, /returned a Promise of 0 \(a number\)/],
  ];
  for (const [what, predicate, reason] of returns) {
    it(`should judge ${what} an error naming it, never a refutation, for a false claim too`, async () => {
      for (const tag of ["theorem", "false"] as const) {
        const v = await checkClaim(claim({ tag, arbitraries: [fc.nat(5)], predicate: predicate as () => boolean }), { runs: 20 });
        expect(v.verdict).toBe("error");
        expect(v.asTagged).toBe(false);
        if (v.verdict === "error") expect(v.reason).toMatch(reason);
      }
    });
  }

  it("should still judge async predicates resolving to a boolean", async () => {
    const refuted = await checkClaim(claim({ tag: "false", arbitraries: [fc.nat(100)], predicate: async (n: number) => n < 50 }), {
      runs: 100,
    });
    expect([refuted.verdict, refuted.asTagged]).toEqual(["refuted", true]);
    if (refuted.verdict === "refuted") expect(refuted.counterexample).toEqual([50]);
    const passed = await checkClaim(claim({ tag: "theorem", arbitraries: [fc.nat(100)], predicate: async (n: number) => n >= 0 }), {
      runs: 50,
    });
    expect([passed.verdict, passed.asTagged]).toEqual(["pass", true]);
  });

  it("should keep the kind of the first failure while shrinking: a false found first stays a refutation", async () => {
    // fails by returning false at n ≥ 10 and by returning a number at n ≥ 60: the shrunk case is 10, refuted
    const v = await checkClaim(
      claim({
        tag: "false",
        arbitraries: [fc.integer({ min: 10, max: 59 })],
        predicate: (n: number) => (n >= 60 ? (1 as unknown as boolean) : n < 10),
      }),
      { runs: 20 },
    );
    expect(v.verdict).toBe("refuted");
  });
});

describe("checkClaim: a predicate that mutates its input", () => {
  it("should print and keep the case as drawn, not as the predicate left it", async () => {
    const mutating = claim({
      tag: "false",
      arbitraries: { net: arbNetwork({ width: { min: 1, max: 1 } }) },
      predicate: ({ net }: { net: { layers: { W: string[][] }[] } }): boolean => {
        const drawn = net.layers[1]!.W[0]![0]!;
        net.layers[1]!.W[0]![0] = "0";
        return drawn === "0";
      },
    });
    const v = await checkClaim(mutating, { runs: 50 });
    expect(v.verdict).toBe("refuted");
    if (v.verdict !== "refuted") return;
    // the witness is the network file's JSON (W1, W2 for two layers); the counterexample the drawn layers
    const net = (v.witness as { net: { W2: string[][] } }).net;
    expect(net.W2[0]![0]).not.toBe("0");
    expect((v.counterexample[0] as { net: { layers: { W: string[][] }[] } }).net.layers[1]!.W[0]![0]).toBe(net.W2[0]![0]);
  });
});

describe("checkClaim: replaying a path", () => {
  const under50 = claim({ tag: "theorem", arbitraries: [fc.nat(100)], predicate: (n: number) => n < 50 });

  it("should run exactly the failing case at the path, once, with the same counterexample", async () => {
    const found = await checkClaim(under50, { runs: 100, seed: 7 });
    expect(found.verdict).toBe("refuted");
    if (found.verdict !== "refuted") return;
    const again = await checkClaim(under50, { seed: 7, path: found.path });
    expect(again).toMatchObject({ verdict: "refuted", runs: 1, shrinks: 0, replayed: found.path, counterexample: found.counterexample });
  });

  it("should say that the case at a path passes, and search no further", async () => {
    const drawn = fc.sample(fc.nat(100), { seed: 7, numRuns: 30 });
    const ok = drawn.findIndex((n) => n < 50);
    const bad = drawn.findIndex((n) => n >= 50);
    expect(ok).toBeGreaterThanOrEqual(0);
    expect(bad).toBeGreaterThanOrEqual(0);
    const pass = await checkClaim(under50, { seed: 7, path: String(ok) });
    expect(pass).toMatchObject({ verdict: "pass", runs: 1, replayed: String(ok), asTagged: true });
    const fail = await checkClaim(under50, { seed: 7, path: String(bad) });
    expect(fail).toMatchObject({ verdict: "refuted", runs: 1, shrinks: 0, counterexample: [drawn[bad]] });
  });

  it("should replay a shrink step of a path", async () => {
    const found = await checkClaim(under50, { runs: 100, seed: 3 });
    if (found.verdict !== "refuted") throw new Error("expected a refutation");
    const parts = found.path.split(":");
    expect(parts.length).toBeGreaterThan(1);
    // one step before the end of shrinking: a failing case no smaller than the final one
    const before = await checkClaim(under50, { seed: 3, path: parts.slice(0, -1).join(":") });
    expect(before.verdict).toBe("refuted");
    if (before.verdict === "refuted") expect(before.counterexample[0] as number).toBeGreaterThanOrEqual(found.counterexample[0] as number);
  });
});
