import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

describe("relutopo laws", () => {
  it("should print the issue's example: four certified laws of a 3,4,1 ReLU net", async () => {
    const r = await runCliInProcess(["laws", "--widths", "3,4,1", "--json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ count: "4", lower: "4", upper: "4", certified: true, parameters: 16, known: { count: "4" } });
    expect(j.laws[0]).toBe("w11^2 + w12^2 + w13^2 - a1^2");
    expect(typeof j.seconds).toBe("number");
  });

  it("should count 5 laws of a linear 1,3,1 net and list the dependent products apart", async () => {
    const j = JSON.parse((await runCliInProcess(["laws", "--widths", "1,3,1", "--activation", "linear", "--json"])).stdout);
    expect([j.count, j.upper, j.certified, j.laws.length, j.dependentLaws.length]).toEqual(["5", "5", true, 5, 4]);
    expect(j.known.reason).toMatch(/rank ≤ d_in \+ e = 2 < r = 3/);
  });

  it("should count the momentum flow's laws: none for relu, the rotation charges for a linear net", async () => {
    const relu = JSON.parse((await runCliInProcess(["laws", "--widths", "2,3,1", "--dynamics", "momentum", "--json"])).stdout);
    expect([relu.dynamics, relu.count, relu.certified]).toEqual(["momentum", "0", true]);
    const linear = JSON.parse(
      (await runCliInProcess(["laws", "--widths", "2,3,2", "--activation", "linear", "--dynamics", "momentum", "--json"])).stdout,
    );
    expect([linear.count, linear.lower, linear.upper, linear.certified, linear.laws.length]).toEqual(["3", "3", "3", true, 3]);
    expect(linear.laws[0]).toMatch(/^exp\(t\)\*\(/);
    const table = await runCliInProcess([
      "table",
      "laws",
      "--widths-grid",
      "1;2..3;1",
      "--activation",
      "linear",
      "--dynamics",
      "gradient,momentum",
    ]);
    expect(table.status).toBe(0);
    // 1,2,1: gradient flow 3, momentum 2; 1,3,1: gradient flow 5, momentum 6 (over-parameterised)
    expect(table.stdout).toMatch(/\| 1,2,1 \| linear \| no \| 4 \| 3 \|.*\| 2 \| 2 \| 2 \| true \|/);
    expect(table.stdout).toMatch(/\| 1,3,1 \| linear \| no \| 6 \| 5 \|.*\| 6 \| 6 \| 6 \| true \|/);
  });

  it("should refuse an unknown dynamics with exit code 2", async () => {
    expectBadInput(await runCliInProcess(["laws", "--widths", "2,3,1", "--dynamics", "adam"]));
  });

  it("should include the biases in the laws with --bias", async () => {
    const j = JSON.parse((await runCliInProcess(["laws", "--widths", "2,2,1", "--bias", "--json"])).stdout);
    expect(j.laws).toEqual(["w11^2 + w12^2 + b1^2 - a1^2", "w21^2 + w22^2 + b2^2 - a2^2"]);
  });

  it("should print a table whose counts all agree with the closed forms", async () => {
    const r = await runCliInProcess([
      "table",
      "laws",
      "--widths-grid",
      "1..2;1..4;1..2",
      "--activation",
      "relu,linear",
      "--bias",
      "no,yes",
      "--format",
      "json",
    ]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<Record<string, string>>;
    expect(rows.length).toBe(2 * 4 * 2 * 2 * 2);
    for (const row of rows) expect([row.certified, row["closed form"], row.agrees]).toEqual(["true", row.count, "true"]);
    expect(rows.find((row) => row.widths === "1,3,1" && row.activation === "linear" && row.bias === "no")).toMatchObject({
      parameters: "6",
      count: "5",
    });
  });

  it.each([
    [["laws", "--widths", ""]],
    [["laws", "--widths", "3,4"]],
    [["laws", "--widths", "3,0,1"]],
    [["laws", "--widths", "3,4,1", "--degree", "0"]],
    [["laws", "--widths", "3,4,1", "--activation", "tanh"]],
    [["table", "laws", "--widths-grid", "1..2;3"]],
    [["table", "laws", "--widths-grid", "1;2;1", "--bias", "maybe"]],
  ])("should reject %j with exit code 2 and one line", async (args) => {
    expectBadInput(await runCliInProcess(args));
  });
});
