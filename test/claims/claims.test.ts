import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { arbProblem, arbInvariantVector } from "../../src/claims/index.js";
import { checkClaim } from "../../src/claims/checkClaim.js";
import { defineClaim } from "../../src/claims/defineClaim.js";
import { BUILTIN_CLAIMS } from "../../src/claims/library/index.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { networkIn } from "../../src/net/networkIn.js";
import { exact } from "../../src/scalar/exact.js";
import { runs } from "../helpers/campaign.js";

describe("checkClaim", () => {
  it("should pass a theorem and refute a false claim, with the seed and a replay path", async () => {
    const theorem = defineClaim({
      name: "t",
      statement: "c_k is c_k",
      tag: "theorem",
      arbitraries: [arbProblem()],
      predicate: ({ net }) => neuronInvariants(networkIn(net, exact), exact).length === net.layers[0]!.W.length,
    });
    const falseClaim = defineClaim({
      name: "f",
      statement: "every c_k is ≥ 0",
      tag: "false",
      arbitraries: [arbProblem()],
      predicate: ({ net }) => neuronInvariants(networkIn(net, exact), exact).every((c) => exact.sign(c) >= 0),
    });
    const pass = await checkClaim(theorem, { runs: 50, seed: 3 });
    const refuted = await checkClaim(falseClaim, { runs: 50, seed: 3 });
    expect(pass).toMatchObject({ verdict: "pass", runs: 50, seed: 3, asTagged: true });
    expect(refuted.verdict).toBe("refuted");
    if (refuted.verdict !== "refuted") return;
    // shrunk toward one neuron with a negative invariant
    const net = (refuted.counterexample[0] as unknown as { net: { layers: { W: unknown[] }[] } }).net;
    expect(net.layers[0]!.W).toHaveLength(1);
    const replay = await checkClaim(falseClaim, { seed: 3, path: refuted.path });
    expect(replay.verdict).toBe("refuted");
  });

  it("should refute every built-in false claim with at most 3 neurons and 3 points, and pass every theorem (fast claims, 60 runs; 20 in npm test)", {
    tags: ["long"],
  }, async () => {
    for (const claim of BUILTIN_CLAIMS.filter((c) => !/flow-conserves|gauss|flow-keeps|component-constant/.test(c.name))) {
      const v = await checkClaim(claim, { runs: runs(60, 20), seed: 11 });
      expect(v.asTagged, claim.name).toBe(true);
      if (v.verdict === "refuted") {
        const w = v.witness as { net?: { W1?: unknown[]; layers?: { W: unknown[] }[] }; data?: string };
        if (w.net?.W1) expect(w.net.W1.length, claim.name).toBeLessThanOrEqual(3);
        // a network of any depth: at most 3 neurons in each hidden layer
        if (w.net?.layers) for (const { W } of w.net.layers.slice(0, -1)) expect(W.length, claim.name).toBeLessThanOrEqual(3);
        if (w.net) expect(w.net.W1 ?? w.net.layers, claim.name).toBeDefined();
        if (w.data) expect(w.data.trim().split("\n").length - 1, claim.name).toBeLessThanOrEqual(3);
      }
    }
  });

  it("should have at least 14 built-in claims, both tags, unique names", () => {
    const names = BUILTIN_CLAIMS.map((c) => c.name);
    expect(names.length).toBeGreaterThanOrEqual(14);
    expect(new Set(names).size).toBe(names.length);
    expect(BUILTIN_CLAIMS.filter((c) => c.tag === "theorem").length).toBeGreaterThanOrEqual(7);
    expect(BUILTIN_CLAIMS.filter((c) => c.tag === "false").length).toBeGreaterThanOrEqual(7);
  });
});

describe("the arbitraries inside vitest through @fast-check/vitest", () => {
  test.prop([arbInvariantVector({ length: { min: 1, max: 5 } })])("should draw c vectors of the asked length with exact entries", (c) => {
    expect(c.length).toBeGreaterThanOrEqual(1);
    expect(c.length).toBeLessThanOrEqual(5);
    for (const v of c) expect(exact.toString(exact.parse(v))).toBe(exact.toString(exact.parse(v)));
  });

  test.prop([arbProblem({ width: { min: 2, max: 2 }, outputs: { min: 1, max: 1 } })])(
    "should draw networks of the asked shape",
    ({ net, data }) => {
      expect(net.layers[0]!.W).toHaveLength(2);
      expect(net.layers[1]!.W).toHaveLength(1);
      expect(data.X.length).toBe(data.Y.length);
    },
  );

  it("should shrink toward simpler rationals", () => {
    const out = fc.check(
      fc.property(arbProblem(), ({ net }) =>
        net.layers[0]!.W.flat().every((v) => exact.abs(exact.parse(v)).compare(exact.parse("1")) <= 0),
      ),
      { seed: 5 },
    );
    expect(out.failed).toBe(true);
    // the smallest weight that breaks |w| ≤ 1 is an integer 2 or -2, or a simple fraction just above 1
    const w = (out.counterexample![0] as unknown as { net: { layers: { W: string[][] }[] } }).net.layers[0]!.W.flat().filter(
      (v) => exact.abs(exact.parse(v)).compare(exact.one) > 0,
    );
    expect(w).toHaveLength(1);
    expect(w[0]!.replace("-", "").length).toBeLessThanOrEqual(3);
  });
});
