import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertClaim } from "../../src/claims/assertClaim.js";
import { arbNetwork } from "../../src/claims/arbitraries/arbNetwork.js";
import { arbDataset } from "../../src/claims/arbitraries/arbDataset.js";
import { checkClaim } from "../../src/claims/checkClaim.js";
import { defineClaim } from "../../src/claims/defineClaim.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { networkIn } from "../../src/net/networkIn.js";
import { exact } from "../../src/scalar/exact.js";

/** Throws below −10, returns false above 10, holds in between: both ways of failing, apart. */
function twoWayPredicate(x: number): boolean {
  if (x < -10) throw new RangeError(`x = ${x} is below -10`);
  return x <= 10;
}

describe("checkClaim", () => {
  it("should judge a predicate that throws `error`, never `refuted`, with the message and a replayable case", async () => {
    // Arrange: a false claim whose predicate misuses the library on every draw
    const misuse = defineClaim({
      name: "bce-in-exact",
      statement: "the BCE gradient is empty (stated through a loss exact arithmetic refuses)",
      tag: "false",
      arbitraries: [arbNetwork({ outputs: { max: 1 } }), arbDataset(1, 1)],
      predicate: (net, data) => {
        fc.pre(net.layers[0]!.W[0]!.length === 1);
        // bce needs a logarithm: exact arithmetic refuses it
        const { grad } = lossAndGradient(networkIn(net, exact), datasetIn(data, exact), exact, "bce");
        return grad.layers[0]!.W.length === 0;
      },
    });
    // Act
    const v = await checkClaim(misuse, { runs: 30, seed: 4 });
    // Assert
    expect(v.verdict).toBe("error");
    expect(v.asTagged).toBe(false);
    if (v.verdict !== "error") return;
    expect(v.reason).toMatch(/^the predicate threw /);
    expect(v.path).toMatch(/^\d+(:\d+)*$/);
    expect(Object.keys(v.witness!).sort()).toEqual(["data", "net"]);
    const replay = await checkClaim(misuse, { seed: 4, path: v.path });
    expect(replay).toMatchObject({ verdict: "error", path: v.path, reason: v.reason });
  });

  it("should count a throw as a refutation only when the claim sets refuteOnThrow", async () => {
    const claim = {
      name: "x-small",
      statement: "x ≤ 10",
      tag: "false" as const,
      arbitraries: [fc.integer({ min: -100, max: 0 })] as [fc.Arbitrary<number>],
      predicate: twoWayPredicate,
    };
    const plain = await checkClaim(defineClaim(claim), { runs: 50, seed: 2 });
    const declared = await checkClaim(defineClaim({ ...claim, refuteOnThrow: true }), { runs: 50, seed: 2 });
    expect(plain.verdict).toBe("error");
    expect(declared).toMatchObject({ verdict: "refuted", asTagged: true, counterexample: [-11] });
  });

  it("should give a verdict that says how its own counterexample fails: error ⇔ it throws, refuted ⇔ it returns false", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 30 }), async (seed) => {
        // Arrange: draws fail by throwing (x < −10) or by returning false (x > 10)
        const claim = defineClaim({
          name: "two-way",
          statement: "|x| ≤ 10",
          tag: "false",
          arbitraries: [fc.integer({ min: -100, max: 100 })],
          predicate: twoWayPredicate,
        });
        // Act
        const v = await checkClaim(claim, { runs: 20, seed });
        // Assert: the independent oracle is the predicate itself, run on the reported case
        if (v.verdict === "pass") return;
        const [x] = v.counterexample as [number];
        if (v.verdict === "error") {
          expect(() => twoWayPredicate(x)).toThrow(RangeError);
          expect(x).toBe(-11); // shrunk among throwing cases only
        } else {
          expect(twoWayPredicate(x)).toBe(false);
          expect(x).toBe(11); // shrunk among false-returning cases only
        }
      }),
      { numRuns: 25 },
    );
  });

  it("should still discard draws with fc.pre rather than report an error", async () => {
    const claim = defineClaim({
      name: "even-is-even",
      statement: "an even n is even",
      tag: "theorem",
      arbitraries: [fc.nat(50)],
      predicate: (n: number) => {
        fc.pre(n % 2 === 0);
        return n % 2 === 0;
      },
    });
    const v = await checkClaim(claim, { runs: 30, seed: 7 });
    expect(v.verdict).toBe("pass");
    expect(v.skipped).toBeGreaterThan(0);
  });

  it("should name the counterexample after a record of named arbitraries", async () => {
    const claim = defineClaim({
      name: "named",
      statement: "every net has one neuron and steps < 2",
      tag: "false",
      arbitraries: { net: arbNetwork(), steps: fc.nat(5), lr: fc.constant("1/2") },
      predicate: ({ net, steps }) => net.layers[0]!.W.length === 1 && steps < 2,
    });
    const v = await checkClaim(claim, { runs: 100, seed: 1 });
    expect(v.verdict).toBe("refuted");
    if (v.verdict !== "refuted") return;
    expect(Object.keys(v.witness).sort()).toEqual(["lr", "net", "steps"]);
    expect(v.witness.lr).toBe("1/2");
    expect((v.witness.net as { W1: unknown[] }).W1.length === 1 ? v.witness.steps : 2).toBe(2);
  });

  it("should name the counterexample after argNames with array arbitraries", async () => {
    const claim = defineClaim({
      name: "sum",
      statement: "a + b < 5",
      tag: "false",
      arbitraries: [fc.nat(9), fc.nat(9)],
      argNames: ["a", "b"],
      predicate: (a: number, b: number) => a + b < 5,
    });
    const v = await checkClaim(claim, { runs: 100, seed: 3 });
    expect(v.verdict).toBe("refuted");
    if (v.verdict !== "refuted") return;
    expect(Object.keys(v.witness)).toEqual(["a", "b"]);
    expect((v.witness.a as number) + (v.witness.b as number)).toBe(5);
  });

  it("should report an arbitrary that throws while drawing as an error verdict, not a throw", async () => {
    const broken = fc.nat().map(() => {
      throw new Error("no draw");
    });
    const v = await checkClaim(
      defineClaim({ name: "b", statement: "s", tag: "theorem", arbitraries: [broken], predicate: (_: never) => true }),
      { runs: 5 },
    );
    expect(v).toMatchObject({ verdict: "error", asTagged: false });
    expect(v.verdict === "error" && v.reason).toContain("no draw");
  });
});

describe("assertClaim", () => {
  it("should reject a throwing predicate as not checked, keeping the verdict as cause and the replay", async () => {
    const claim = defineClaim({
      name: "t",
      statement: "s",
      tag: "theorem",
      arbitraries: [fc.integer({ min: -100, max: -50 })],
      predicate: twoWayPredicate,
    });
    const err = await assertClaim(claim, { runs: 10, seed: 1 }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(
      /could not be checked .*the predicate threw RangeError: x = -50 is below -10\ncounterexample: \{"arg0":-50\}.*\nreplay with \{ seed: 1, path: "[\d:]+" \}$/,
    );
    expect((err?.cause as { verdict: string } | undefined)?.verdict).toBe("error");
  });

  it("should fall back to the default JSON, with witnessError, when a claim's witness is not JSON (a bigint, a cycle)", async () => {
    for (const [witness, error] of [
      [(): Record<string, unknown> => ({ n: 1n }), "Do not know how to serialize a BigInt"],
      [
        (): Record<string, unknown> => {
          const o: Record<string, unknown> = {};
          o.self = o;
          return o;
        },
        "Converting circular structure to JSON",
      ],
    ] as const) {
      // Arrange: a false claim refuted at once, its counterexample a natural number
      const claim = defineClaim({
        name: "odd-json",
        statement: "n > 100",
        tag: "false",
        arbitraries: { n: fc.nat(9) },
        predicate: ({ n }) => n > 100,
        witness,
      });
      // Act
      const v = await checkClaim(claim, { runs: 5, seed: 1 });
      // Assert: the shrunk case 0 under its name, and why the claim's own witness was not used
      expect(v.verdict).toBe("refuted");
      if (v.verdict !== "refuted") return;
      expect(v.witness.n).toBe(0);
      expect(String(v.witness.witnessError)).toContain(error);
      expect(() => JSON.stringify(v.witness)).not.toThrow();
    }
  });
});
