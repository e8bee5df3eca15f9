import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkClaim } from "../../src/claims/checkClaim.js";
import {
  sgdDriftIdentity,
  sgdMomentumConservesC,
  sgdMomentumDriftSecondOrder,
  weightDecayPreservesC,
} from "../../src/claims/library/index.js";
import { runCliInProcess } from "../helpers/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "relutopo-sgd-claims-"));

describe("SGD claims", () => {
  it("should pass the SGD drift identity (momentum, dampening, Nesterov, weight decay, mini-batches)", async () => {
    const v = await checkClaim(sgdDriftIdentity, { runs: 150, seed: 7 });
    expect(v).toMatchObject({ verdict: "pass", asTagged: true });
  });

  for (const claim of [sgdMomentumConservesC, sgdMomentumDriftSecondOrder, weightDecayPreservesC]) {
    it(`should refute ${claim.name} with a small counterexample that relutopo gd --arith exact reproduces`, async () => {
      // Arrange / Act
      const v = await checkClaim(claim, { runs: 200, seed: 3 });
      // Assert
      expect(v.verdict).toBe("refuted");
      if (v.verdict !== "refuted") return;
      const w = v.witness as {
        net: { W1: unknown[] };
        data: string;
        gdFlags: string[];
        invariants: string[][];
        observedDrift: string[][];
        predictedDrift: string[][];
      };
      expect(w.net.W1.length).toBeLessThanOrEqual(2);
      expect(w.data.trim().split("\n").length - 1).toBeLessThanOrEqual(2);
      const net = join(tmp, `${claim.name}.json`);
      const data = join(tmp, `${claim.name}.csv`);
      writeFileSync(net, JSON.stringify(w.net));
      writeFileSync(data, w.data);
      const r = await runCliInProcess(["gd", "--net", net, "--data", data, ...w.gdFlags, "--json"]);
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.invariants).toEqual(w.invariants);
      expect(out.drift.observed).toEqual(w.observedDrift);
      expect(out.drift.predicted).toEqual(w.predictedDrift);
    });
  }
});
