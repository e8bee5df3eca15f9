import { describe, expect, it } from "vitest";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { networkIn } from "../../src/net/networkIn.js";
import { exact } from "../../src/scalar/exact.js";
import { TOY_NETS, TOY_OBSTRUCTED_FLOOR } from "../../src/experiments/toyProblem.js";
import { runCliInProcess } from "../helpers/runCli.js";

describe("relutopo demo", () => {
  it("should tour the report's toy: its c_k numbered from 1, the obstructed start's component, the stall at its floor", async () => {
    // Arrange: the c_k of both starts, computed apart from the demo
    const c = (start: "obstructed" | "good"): string[] => neuronInvariants(networkIn(TOY_NETS[start], exact), exact).map(exact.toString);
    // Act
    const r = await runCliInProcess(["demo"]);
    // Assert
    expect(r.status).toBe(0);
    const [c1, c2] = c("obstructed");
    expect(r.stdout).toContain(`obstructed start: c1 = ${c1}, c2 = ${c2};`);
    const [g1, g2] = c("good");
    expect(r.stdout).toContain(`good start: c1 = ${g1}, c2 = ${g2};`);
    expect(r.stdout).toContain("this start lies in the one with output-weight signs (-, -)");
    expect(r.stdout).toContain("no neuron is pathological (every c_k > 0); H(c) has 1 component");
    expect(r.stdout).not.toMatch(/c_?0\b/);
    // one line per step, two numbered neurons each
    expect(r.stdout.match(/^ {4}step \d: c1 [+-]\S+, c2 [+-]\S+$/gm)).toHaveLength(6);
    expect(r.stdout).toContain("each change equals eta^2 (|g_w|^2 - |g_a|^2) exactly: true");
    // the obstructed long run ends at its floor, the good one well below it
    const finals = [...r.stdout.matchAll(/float GD steps: loss \S+ -> (\S+),/g)].map((m) => Number(m[1]));
    const [num, den] = TOY_OBSTRUCTED_FLOOR.split("/").map(Number) as [number, number];
    expect(finals[0]).toBeCloseTo(num / den, 5);
    expect(finals[1]).toBeLessThan(0.01);
  });
});
