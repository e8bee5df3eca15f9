import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const REAL = new URL("../fixtures/torch/real/", import.meta.url).pathname;
const EXPECTED = (await import("../fixtures/torch/real/expected.json", { with: { type: "json" } })).default as Record<string, string[][]>;
const dir = mkdtempSync(join(tmpdir(), "relutopo-pytorch-"));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("relutopo on a user's own PyTorch file", () => {
  it("should say out loud that relu is assumed when the file stores no activation, on stderr and in the JSON", async () => {
    const r = await runCliInProcess(["invariants", "--net", `${REAL}named.pt`, "--json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`relutopo: activation not stored in ${REAL}named.pt; assuming relu — pass --activation\n`);
    const out = JSON.parse(r.stdout);
    expect(out.activation).toEqual({ name: "relu", source: "assumed" });
    expect(out.layers.map((l: { invariants: string[] }) => l.invariants)).toEqual(EXPECTED["named.pt"]);
  });

  it("should take --activation silently, read a checkpoint under --key and a sub-chain with --layers", async () => {
    const a = await runCliInProcess([
      "invariants",
      "--net",
      `${REAL}checkpoint_weights.pt`,
      "--key",
      "weights",
      "--activation",
      "leaky_relu:1/10",
      "--json",
    ]);
    expect(a.stderr).toBe("");
    expect(JSON.parse(a.stdout)).toMatchObject({
      invariants: EXPECTED["checkpoint.pt"]![0],
      activation: { name: "leaky_relu:1/10", source: "flag" },
    });
    const b = await runCliInProcess(["invariants", "--net", `${REAL}named.pt`, "--layers", "fc2,fc3", "--activation", "relu", "--json"]);
    expect(JSON.parse(b.stdout).invariants).toEqual(EXPECTED["named.pt --layers fc2,fc3"]![0]);
  });

  it("should refuse, exit 2 in one line, an activation that conflicts with the file and a non-homogeneous one", async () => {
    const conflict = await runCliInProcess(["inspect", "--net", "examples/deep.safetensors", "--activation", "abs"], {
      cwd: new URL("../../", import.meta.url).pathname,
    });
    expectBadInput(conflict);
    expect(conflict.stderr).toMatch(
      /^relutopo: invalid --activation\. Must be the activation `examples\/deep\.safetensors` stores, relu, or none\. Value: `abs`\.\n$/,
    );
    for (const command of [["invariants"], ["inspect"], ["obstruction", "--need-positive", "1"]]) {
      const r = await runCliInProcess([...command, "--net", `${REAL}named.pt`, "--activation", "tanh"]);
      expectBadInput(r);
      expect(r.stderr).toMatch(
        /^relutopo: invalid --activation\. Must be positively homogeneous .* Value: `tanh`\. Under tanh no c is conserved/,
      );
    }
    const json = await runCliInProcess(["invariants", "--net", write("tanh.json", '{"activation": "Tanh", "W1": [[1]], "W2": [[1]]}')]);
    expectBadInput(json);
    expect(json.stderr).toMatch(
      /^relutopo: invalid network activation\. Must be positively homogeneous .* Value: `Tanh`\. Under tanh no c is conserved/,
    );
  });

  it("should refuse a number with a no-break space, a bad --max-seconds, and 0 beside 00", async () => {
    expectBadInput(await runCliInProcess(["invariants", "--net", write("nbsp.json", '{"W1": [["1\\u00a0"]], "W2": [[1]]}')]));
    const cap = await runCliInProcess(["inspect", "--net", write("ok.json", '{"W1": [[1]], "W2": [[1]]}'), "--max-seconds", "abc"]);
    expectBadInput(cap);
    expect(cap.stderr).toMatch(/--max-seconds/);
    const zeros = await runCliInProcess(["invariants", "--net", write("zeros.json", '{"0.weight": [[1]], "00.weight": [[1]]}')]);
    expectBadInput(zeros);
    expect(zeros.stderr).toMatch(/Modules `0` and `00` are ambiguous/);
  });

  it("should print decimals to 6 significant digits, --digits more, --exact the fractions", async () => {
    const net = write("thirds.json", '{"activation": "relu", "W1": [["1/3"], ["2"]], "W2": [[1, "1/7"]]}');
    // 1/9 − 1 = −8/9; 4 − 1/49 = 195/49
    expect((await runCliInProcess(["invariants", "--net", net])).stdout).toBe("c1 = -0.888889\nc2 = 3.97959\n");
    expect((await runCliInProcess(["invariants", "--net", net, "--digits", "12"])).stdout).toBe(
      "c1 = -0.888888888889\nc2 = 3.97959183673\n",
    );
    expect((await runCliInProcess(["invariants", "--net", net, "--exact"])).stdout).toBe("c1 = -8/9\nc2 = 195/49\n");
  });

  it("should summarise a long layer (count per sign, min, max, pathological) and print it whole with --all", async () => {
    // 13 hidden neurons, one output: c_k = k² − 1, so c1 = 0 and the rest are positive; neuron 13 gets a big output weight
    const W1 = Array.from({ length: 13 }, (_, k) => [String(k + 1)]);
    const W2 = [Array.from({ length: 13 }, (_, k) => (k === 12 ? "20" : "1"))];
    const net = write("long.json", JSON.stringify({ activation: "relu", W1, W2 }));
    const r = await runCliInProcess(["invariants", "--net", net]);
    expect(r.stdout).toBe(
      "c: 13 values: 1 < 0, 1 = 0, 11 > 0; min -231 (#13), max 143 (#12); pathological (c < 0, one output): [13] (--all prints every value)\n",
    );
    expect((await runCliInProcess(["invariants", "--net", net, "--all"])).stdout.split("\n")).toHaveLength(14);
  });

  it("should report the binary cross-entropy with --loss bce, equal to the float computation to 12 digits", async () => {
    const net = write("bce.json", '{"activation": "relu", "W1": [["1"], ["-1"]], "b1": ["1/2", "0"], "W2": [["2", "-1"]]}');
    const data = write("bce.csv", "x,y\n1,1\n-1,0\n0,1\n");
    const r = await runCliInProcess(["inspect", "--net", net, "--data", data, "--loss", "bce", "--json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const f = (x: number): number => 2 * Math.max(0, x + 0.5) - Math.max(0, -x);
    const bce = (z: number, y: number): number => Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - y * z;
    const expected = (bce(f(1), 1) + bce(f(-1), 0) + bce(f(0), 1)) / 3;
    expect(out.data.lossKind).toBe("bce");
    expect(Number(out.data.loss)).toBeCloseTo(expected, 12);
  });
});
