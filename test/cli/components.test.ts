import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "relutopo-components-"));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
// two pathological neurons with negative output weights, one healthy neuron
const NET = write(
  "net.json",
  JSON.stringify({
    W1: [
      ["1/2", "0"],
      ["0", "1/2"],
      ["2", "1"],
    ],
    b1: ["0", "0", "1"],
    W2: [["-1", "-2", "1"]],
  }),
);

describe("relutopo components", () => {
  it("should report the issue's example exactly", async () => {
    const r = await runCliInProcess(["components", "--c", "-2,4,3/2,0", "--d-in", "3", "--e", "1", "--json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      dIn: 3,
      e: 1,
      l: 4,
      betti: ["2", "0", "4", "0", "2"],
      poincare: "2 + 4t^2 + 2t^4",
      components: "2",
      pathological: [0],
      positiveSplit: [],
      strictOrbits: "2",
      effective: "2",
    });
  });

  it("should read c, d_in and e from a network and name its component", async () => {
    const j = JSON.parse((await runCliInProcess(["components", "--net", NET, "--json", "--list"])).stdout);
    expect(j).toMatchObject({ dIn: 3, e: 1, components: "4", pathological: [0, 1], strictOrbits: "4", effective: "3", componentOf: "--" });
    expect(j.list).toEqual(["++", "+-", "-+", "--"]);
  });

  it("should read a --c-file of 100,000 values and count 2^k components in BigInt", async () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? "-1/3" : i % 3 === 1 ? "2" : "0"));
    const file = write("c.txt", values.join("\n"));
    const r = await runCliInProcess(["components", "--c-file", file, "--d-in", "2", "--e", "1", "--json"]);
    const j = JSON.parse(r.stdout);
    expect(j.components).toBe((1n << 33334n).toString());
    expect(j.effective).toBe("33335");
    expect(j.strictOrbits).toBe("33335");
    expect(j.betti).toBeUndefined();
    expect(j.poincare).toBe("2^33334 (1 + t)^33333");
  });
});

describe("relutopo obstruction", () => {
  it("should find the paper's obstruction: both locked negative, two positive needed", async () => {
    const r = await runCliInProcess(["obstruction", "--net", NET, "--need-positive", "2", "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ obstructed: true, lockedNegative: [0, 1], lockedPositive: [], free: [2] });
    expect(
      JSON.parse((await runCliInProcess(["obstruction", "--net", NET, "--need-positive", "1", "--need-negative", "2", "--json"])).stdout)
        .obstructed,
    ).toBe(false);
  });
});

describe("relutopo table components", () => {
  it("should list every split of l with its counts", async () => {
    const r = await runCliInProcess(["table", "components", "--d-in", "1..2", "--e", "1", "--width", "2", "--format", "csv"]);
    const lines = r.stdout.trim().split("\n");
    // 2 values of d_in × 6 splits of l = 2 into (neg, zero, pos), plus the header
    expect(lines).toHaveLength(13);
    expect(lines).toContain("1,1,2,2,0,0,4,4,4,4,3,3");
    expect(lines).toContain("2,1,2,0,0,2,1 2 1,1 + 2t + t^2,1,1,1,1");
  });

  it("should write a LaTeX tabular", async () => {
    const r = await runCliInProcess(["table", "components", "--d-in", "2", "--e", "1", "--width", "1", "--format", "tex"]);
    expect(r.stdout.startsWith("\\begin{tabular}{rrrrrrrrrrrr}")).toBe(true);
    expect(r.stdout.trim().endsWith("\\end{tabular}")).toBe(true);
    expect(r.stdout).toContain("d\\_in & e & l");
  });
});

describe("relutopo components: bad input", () => {
  const cases: Array<[string, string[]]> = [
    ["a non-number in --c", ["components", "--c", "1,foo", "--d-in", "2"]],
    ["--d-in 0", ["components", "--c", "1,2", "--d-in", "0"]],
    ["--c without --d-in", ["components", "--c", "1,2"]],
    ["both --net and --c", ["components", "--net", NET, "--c", "1"]],
    ["--net with --d-in", ["components", "--net", NET, "--d-in", "2"]],
    ["no source", ["components", "--d-in", "2"]],
    ["an empty --c", ["components", "--c", " , ", "--d-in", "2"]],
    ["a missing --c-file", ["components", "--c-file", join(tmp, "none.txt"), "--d-in", "2"]],
    [
      "obstruction on a vector output",
      ["obstruction", "--net", write("e2.json", JSON.stringify({ W1: [[1]], W2: [[1], [2]] })), "--need-positive", "1"],
    ],
    ["a negative requirement", ["obstruction", "--net", NET, "--need-positive", "-1"]],
    ["a reversed range", ["table", "components", "--d-in", "3..1", "--e", "1", "--width", "1"]],
    ["an unknown format", ["table", "components", "--d-in", "1", "--e", "1", "--width", "1", "--format", "xlsx"]],
  ];
  for (const [what, args] of cases) {
    it(`should exit 2 with one stderr line for ${what}`, async () => {
      expectBadInput(await runCliInProcess(args));
    });
  }
});
