import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gd/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "relutopo-exit-"));

describe("relutopo: library errors name the flags the user typed", () => {
  // Each library throws with its own field name (init, dIn, arith, sigmaW2, method); the CLI shows the flag.
  const cases: Array<[string, string[], string]> = [
    [
      "an unknown scheme",
      ["probability", "--init", "he-normal", "--d-in", "2", "--width", "3"],
      "relutopo: invalid --init. Must be one of kaiming-normal, lecun-normal, xavier-normal, kaiming-uniform, xavier-uniform, pytorch-default. Value: `he-normal`.\n",
    ],
    [
      "pytorch-default without room for a bias",
      ["table", "probability", "--init", "pytorch-default", "--d-in", "1", "--width", "3"],
      "relutopo: invalid --d-in. Must be at least 2 for pytorch-default (it has a hidden bias, so d_in = in_features + 1). Value: `1`.\n",
    ],
    [
      "a zero variance",
      ["probability", "--sigma-w2", "0", "--sigma-a2", "1", "--d-in", "2", "--width", "3"],
      "relutopo: invalid --sigma-w2. Must be a positive number. Value: `0`.\n",
    ],
    [
      "the exact method with a uniform law",
      ["probability", "--init", "kaiming-uniform", "--method", "exact", "--d-in", "2", "--width", "3"],
      "relutopo: invalid --method. Must be monte-carlo for kaiming-uniform. Value: `exact`. It draws uniform weights, which have no closed form.\n",
    ],
    [
      "bce in exact arithmetic",
      ["gd", "--net", fixture("bias-relu.json"), "--data", fixture("bias-relu.csv"), "--lr", "1/20", "--steps", "1", "--loss", "bce"],
      "relutopo: invalid --arith. Must be decimal:D or float for binary cross-entropy. Value: `exact`. Binary cross-entropy needs exp and log, and exact arithmetic has no exp or log.\n",
    ],
  ];
  for (const [what, args, line] of cases) {
    it(`should exit 2 and print the flag for ${what}`, async () => {
      const r = await runCliInProcess(args);
      expectBadInput(r);
      expect(r.stderr).toBe(line);
    });
  }
});

describe("relutopo: paths that cannot be read or written", () => {
  it("should exit 2 with one line for a missing network file", async () => {
    const missing = join(tmp, "nope.json");
    const r = await runCliInProcess(["invariants", "--net", missing]);
    expectBadInput(r);
    expect(r.stderr).toBe(`relutopo: cannot read \`${missing}\`: no such file or directory\n`);
  });

  it("should exit 2 with one line when a heat map cannot be written (its directory is a file)", async () => {
    const file = join(tmp, "a-file");
    writeFileSync(file, "");
    const r = await runCliInProcess([
      "table",
      "probability",
      "--init",
      "xavier-normal",
      "--d-in",
      "1",
      "--width",
      "1",
      "--plot",
      join(file, "map.svg"),
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`relutopo: cannot write \`${join(file, "map.svg")}\`: a part of the path is not a directory\n`);
  });
});
