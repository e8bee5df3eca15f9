import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gd/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "relutopo-cli-"));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

const NET = write(
  "net.json",
  JSON.stringify({
    activation: "relu",
    W1: [
      [2, "1/4"],
      ["-1", 0.5],
    ],
    b1: ["1/4", "-3/2"],
    W2: [["1/2", -3]],
  }),
);
const DATA = write("data.csv", "x1,x2,y\n1,0,1\n0,1,-1/2\n-1,2,0.25\n");

describe("relutopo invariants", () => {
  it("should print the exact c_k as JSON", async () => {
    const r = await runCliInProcess(["invariants", "--net", NET, "--json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ invariants: ["31/8", "-11/2"], activation: { name: "relu", source: "file" } });
  });

  it("should add the matrix W̃1W̃1ᵀ − W2ᵀW2 for linear nets", async () => {
    const lin = write(
      "lin.json",
      JSON.stringify({
        activation: "linear",
        W1: [
          ["1", "2"],
          ["0", "1"],
        ],
        W2: [["1", "1"]],
      }),
    );
    const r = await runCliInProcess(["invariants", "--net", lin, "--json"]);
    // W1W1ᵀ = [[5,2],[2,1]], W2ᵀW2 = [[1,1],[1,1]]
    expect(JSON.parse(r.stdout)).toEqual({
      invariants: ["4", "0"],
      matrix: [
        ["4", "1"],
        ["1", "0"],
      ],
      activation: { name: "linear", source: "file" },
    });
  });

  it("should read JSON numbers from their text, not through a double", async () => {
    const p = write("big.json", '{"W1": [[0.1, 12345678901234567890123]], "W2": [[1e-30]]}');
    const r = await runCliInProcess(["invariants", "--net", p, "--json"]);
    expect(JSON.parse(r.stdout).invariants[0]).toBe(
      // (1/10)² + 12345678901234567890123² − (10⁻³⁰)², as Python's fractions computes it
      "152415787532388367504942236884722755800955129009999999999999999999999999999999999999999999999999999999999/1000000000000000000000000000000000000000000000000000000000000",
    );
  });
});

describe("relutopo gd --arith exact", () => {
  for (const name of ["bias-relu", "nobias-leaky", "kink-abs"]) {
    it(`should equal the independent Python-fractions reference digit for digit (${name})`, async () => {
      const r = await runCliInProcess([
        "gd",
        "--net",
        fixture(`${name}.json`),
        "--data",
        fixture(`${name}.csv`),
        "--lr",
        "1/20",
        "--steps",
        "3",
        "--json",
      ]);
      expect(r.status).toBe(0);
      const got = JSON.parse(r.stdout);
      const want = JSON.parse(readFileSync(fixture(`${name}.expected.json`), "utf8"));
      expect(got.params).toEqual(want.params);
      expect(got.losses).toEqual(want.losses);
      expect(got.invariants).toEqual(want.invariants);
      expect(got.drift).toEqual(want.drift);
      // exact mode: observed ≡ predicted
      expect(got.drift.observed).toEqual(got.drift.predicted);
    });
  }

  it("should run binary cross-entropy in decimal with D digits and in float", async () => {
    const bce = async (arith: string) =>
      JSON.parse(
        (
          await runCliInProcess([
            "gd",
            "--net",
            NET,
            "--data",
            DATA,
            "--lr",
            "1/10",
            "--steps",
            "2",
            "--arith",
            arith,
            "--loss",
            "bce",
            "--json",
          ])
        ).stdout,
      );
    const dec = await bce("decimal:40");
    const flt = await bce("float");
    expect(dec.losses).toHaveLength(3);
    expect(dec.losses[0].replace(/^0\.|-/g, "").length).toBeGreaterThanOrEqual(39);
    expect(Math.abs(Number(dec.losses[2]) - Number(flt.losses[2]))).toBeLessThan(1e-12);
  });
});

describe("relutopo: bad input", () => {
  const bad: Array<[string, string[]]> = [
    ["malformed JSON", ["invariants", "--net", write("bad.json", "{W1: [[1]]")]],
    ["W2 of the wrong width", ["invariants", "--net", write("shape.json", JSON.stringify({ W1: [[1], [2]], W2: [[1]] }))]],
    ["ragged W1", ["invariants", "--net", write("ragged.json", JSON.stringify({ W1: [[1, 2], [3]], W2: [[1, 1]] }))]],
    ["b1 of the wrong length", ["invariants", "--net", write("b1.json", JSON.stringify({ W1: [[1]], b1: [1, 2], W2: [[1]] }))]],
    ["a non-number weight", ["invariants", "--net", write("nan.json", JSON.stringify({ W1: [["NaN"]], W2: [[1]] }))]],
    ["an unknown activation", ["invariants", "--net", write("act.json", JSON.stringify({ activation: "sigmoid", W1: [[1]], W2: [[1]] }))]],
    ["an unknown key", ["invariants", "--net", write("key.json", JSON.stringify({ W1: [[1]], W2: [[1]], B1: [1] }))]],
    ["a missing file", ["invariants", "--net", join(tmp, "nope.json")]],
    ["a CSV of the wrong width", ["gd", "--net", NET, "--data", write("wide.csv", "a,b,c,d\n1,2,3,4\n"), "--lr", "1", "--steps", "1"]],
    ["a non-number in the CSV", ["gd", "--net", NET, "--data", write("word.csv", "a,b,y\n1,x,3\n"), "--lr", "1", "--steps", "1"]],
    ["a CSV without data rows", ["gd", "--net", NET, "--data", write("empty.csv", "a,b,y\n"), "--lr", "1", "--steps", "1"]],
    ["--lr 0", ["gd", "--net", NET, "--data", DATA, "--lr", "0", "--steps", "1"]],
    ["--lr negative", ["gd", "--net", NET, "--data", DATA, "--lr", "-1/2", "--steps", "1"]],
    ["--lr not a number", ["gd", "--net", NET, "--data", DATA, "--lr", "fast", "--steps", "1"]],
    ["--steps -1", ["gd", "--net", NET, "--data", DATA, "--lr", "1", "--steps", "-1"]],
    ["--steps 1.5", ["gd", "--net", NET, "--data", DATA, "--lr", "1", "--steps", "1.5"]],
    ["an unknown option", ["gd", "--net", NET, "--data", DATA, "--lr", "1", "--steps", "1", "--schedule", "cosine"]],
    ["an unknown arithmetic", ["gd", "--net", NET, "--data", DATA, "--lr", "1", "--steps", "1", "--arith", "quad"]],
    ["bce in exact arithmetic", ["gd", "--net", NET, "--data", DATA, "--lr", "1", "--steps", "1", "--loss", "bce"]],
    ["an unknown loss", ["gd", "--net", NET, "--data", DATA, "--lr", "1", "--steps", "1", "--loss", "hinge"]],
    ["an unknown command", ["train"]],
  ];
  for (const [what, args] of bad) {
    it(`should exit 2 with one stderr line for ${what}`, async () => {
      expectBadInput(await runCliInProcess(args));
    });
  }
});
