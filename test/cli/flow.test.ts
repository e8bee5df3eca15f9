import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "../helpers/runCli.js";

const NET = fileURLToPath(new URL("../../bench/flow/net.json", import.meta.url));
const DATA = fileURLToPath(new URL("../../bench/flow/data.csv", import.meta.url));

describe("relutopo flow", () => {
  it("should print the issue's schema: D-digit numbers, events with 0-based indices, K samples", () => {
    const r = runCli(["flow", "--net", NET, "--data", DATA, "--time", "1", "--digits", "20", "--samples", "3", "--json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      "digits",
      "method",
      "time",
      "params",
      "invariants0",
      "invariantsT",
      "maxDrift",
      "loss0",
      "lossT",
      "events",
      "signChanges",
      "samples",
    ]);
    expect([j.digits, j.method, j.time, j.samples.length]).toEqual([20, "taylor", "1", 3]);
    expect(j.events.map((ev: { neuron: number; point: number; kind: string }) => [ev.neuron, ev.point, ev.kind])).toEqual([
      [2, 3, "leave"],
      [3, 3, "leave"],
    ]);
    expect(Number(j.maxDrift)).toBeLessThan(1e-20);
  });

  it.each([
    [["--time", "0"]],
    [["--time", "-1"]],
    [["--time", "1", "--digits", "9"]],
    [["--time", "1", "--digits", "1001"]],
    [["--time", "1", "--method", "euler"]],
  ])("should reject %j with exit code 2 and one line", (args) => {
    expectBadInput(runCli(["flow", "--net", NET, "--data", DATA, ...args]));
  });

  it("should exit 3 with one line naming the method, where, and the flag to change when the Gauss-Legendre stage equations diverge", () => {
    // Arrange: one step of length 20 is far beyond the field's Lipschitz constant.
    const args = ["flow", "--net", NET, "--data", DATA, "--time", "20", "--method", "gauss", "--steps", "1"];
    // Act
    const r = runCli(args);
    // Assert
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("relutopo: gauss: the stage equations diverge at step length 20; raise --steps\n");
  });

  it("should integrate the same problem with enough steps (exit 0), so exit 3 above is about the step, not the problem", () => {
    const r = runCli([
      "flow",
      "--net",
      NET,
      "--data",
      DATA,
      "--time",
      "1",
      "--digits",
      "12",
      "--method",
      "gauss",
      "--steps",
      "64",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).method).toBe("gauss");
  });
});
