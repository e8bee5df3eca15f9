import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fraction from "fraction.js";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// The laws of each fixture, computed by its generator in Python Fractions from the torch tensors.
const DIR = new URL("../fixtures/layernorm/", import.meta.url).pathname;
interface Laws {
  c: string[];
  layerNorm: { normSquared: string; biasSum: string; columnSums: string[] };
}
const EXPECTED = JSON.parse(readFileSync(`${DIR}expected.json`, "utf8")) as Record<string, Laws>;
const tmp = mkdtempSync(join(tmpdir(), "relutopo-ln-"));

async function json(args: string[]): Promise<Record<string, unknown>> {
  const r = await runCliInProcess([...args, "--json", "--activation", "relu"]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const sub = (a: string, b: string): string => new Fraction(a).sub(new Fraction(b)).toFraction();

describe("LayerNorm after a linear layer", () => {
  for (const file of ["ln_mlp.pt", "ln_mlp.safetensors", "ln_mlp.json"])
    it(`should read ${file} and give c from γ, β and the whole-layer laws exactly`, async () => {
      const out = await json(["invariants", "--net", `${DIR}${file}`]);
      const want = EXPECTED.ln_mlp!;
      expect(out.invariants).toEqual(want.c);
      expect(out.layerNorm).toEqual([{ layer: 1, ...want.layerNorm }]);
      expect(out.batchNorm).toBeUndefined();
    });

  it("should name in inspect which law holds for which tensor, the scale law exact only at ε = 0", async () => {
    const out = await json(["inspect", "--net", `${DIR}ln_mlp.pt`]);
    const arch = out.architecture as { layers: Record<string, unknown>[] };
    expect(arch.layers[0]).toMatchObject({ weight: "0.weight", layerNorm: "1", eps: "1/100000" });
    expect(arch.layers[0]!.batchNorm).toBeUndefined();
    const laws = out.laws as { law: string; unit: string; quantity: string; exact: boolean }[];
    expect(laws.map((l) => [l.law, l.unit, l.quantity, l.exact])).toEqual([
      ["rescaling", "neuron", "1.weight[j]² + 1.bias[j]² − ‖readers of neuron j in 3.weight‖²", true],
      ["scale invariance", "layer", "‖0.weight‖² + ‖0.bias‖²", false],
      ["shift invariance", "layer", "Σ_j 0.bias[j]", true],
      ["shift invariance", "layer", "Σ_j 0.weight[j, c] for every column c", true],
    ]);
    expect(out.layerNorm).toEqual([{ layer: 1, ...EXPECTED.ln_mlp!.layerNorm }]);
    const zero = await json(["inspect", "--net", `${DIR}ln_mlp.pt`, "--bn-eps", "0"]);
    expect((zero.laws as { law: string; exact: boolean }[]).find((l) => l.law === "scale invariance")!.exact).toBe(true);
    const text = await runCliInProcess(["inspect", "--net", `${DIR}ln_mlp.pt`, "--activation", "relu"]);
    expect(text.stdout).toMatch(/^network: linear 0\.weight \(4 units, LayerNorm 1\) -> linear 3\.weight/);
    expect(text.stdout).toMatch(/\n {2}shift invariance of layer 1: Σ_j 0\.bias\[j\]: /);
  });

  it("should follow the laws through a torch SGD step in track, each drift the exact difference", async () => {
    const out = await json(["track", `${DIR}ln_step0.pt`, `${DIR}ln_step1.pt`]);
    const cps = out.checkpoints as { layerNorm: Laws["layerNorm"][] }[];
    expect(cps.map((cp) => cp.layerNorm)).toEqual([
      [{ layer: 1, ...EXPECTED.ln_step0!.layerNorm }],
      [{ layer: 1, ...EXPECTED.ln_step1!.layerNorm }],
    ]);
    const [a, b] = [EXPECTED.ln_step0!.layerNorm, EXPECTED.ln_step1!.layerNorm];
    const drift = out.drift as { layerNorm: Laws["layerNorm"][] }[];
    expect(drift[1]!.layerNorm).toEqual([
      {
        layer: 1,
        normSquared: sub(b.normSquared, a.normSquared),
        biasSum: sub(b.biasSum, a.biasSum),
        columnSums: b.columnSums.map((v, c) => sub(v, a.columnSums[c]!)),
      },
    ]);
    // float32 rounding moves the shift laws a little; the scale law moves by the step's η²‖g‖² and more
    expect(new Fraction(drift[1]!.layerNorm[0]!.normSquared).abs().compare(new Fraction(1, 100))).toBe(1);
    expect(new Fraction(drift[1]!.layerNorm[0]!.biasSum).abs().compare(new Fraction(1, 1e6))).toBe(-1);
  });

  it("should refuse gd and flow on a LayerNorm network in one line", async () => {
    const data = join(tmp, "d.csv");
    writeFileSync(data, "x1,x2,x3,y1,y2\n1,2,3,0,1\n");
    for (const args of [
      ["gd", "--net", `${DIR}ln_mlp.pt`, "--data", data, "--lr", "0.1", "--steps", "1"],
      ["flow", "--net", `${DIR}ln_mlp.pt`, "--data", data, "--time", "0.1"],
    ]) {
      const r = await runCliInProcess(args);
      expectBadInput(r);
      expect(r.stderr).toMatch(/Must be a network without LayerNorm for gd and flow/);
    }
  });

  it("should refuse a normalisation after a convolution, a LayerNorm over two dimensions and one without its bias in one line", async () => {
    const cases: [string, RegExp][] = [
      ["ln_conv.pt", /`1\.weight` follows the convolution `0\.weight` without running statistics \(GroupNorm, InstanceNorm or LayerNorm\)/],
      ["ln_2d.pt", /`1\.weight` of shape \[2, 3\] belongs to a LayerNorm over more than one dimension/],
      ["ln_nobias.pt", /The LayerNorm `1` has no `1\.bias` \(bias=False\)/],
    ];
    for (const [file, message] of cases) {
      const r = await runCliInProcess(["invariants", "--net", `${DIR}${file}`]);
      expectBadInput(r);
      expect(r.stderr).toMatch(message);
    }
    // a sub-chain that skips the LayerNorm would pair 0.weight with 3.weight directly: refused, and read when named
    const skipped = await runCliInProcess(["invariants", "--net", `${DIR}ln_mlp.pt`, "--layers", "0,3"]);
    expectBadInput(skipped);
    expect(skipped.stderr).toMatch(/The chain leaves out the LayerNorm `1` after `0`; name it after `0` to read it/);
    expect((await json(["invariants", "--net", `${DIR}ln_mlp.pt`, "--layers", "0,1,3"])).invariants).toEqual(EXPECTED.ln_mlp!.c);
  });

  it("should read a { layers } file with a LayerNorm, and refuse one on a convolution or of an unknown kind", async () => {
    const norm = { kind: "layer", gamma: ["2", "1"], beta: ["1", "0"], eps: "0" };
    const good = join(tmp, "good.json");
    writeFileSync(
      good,
      JSON.stringify({
        layers: [
          {
            W: [
              ["1", "2"],
              ["3", "4"],
            ],
            b: ["1", "1"],
            norm,
          },
          { W: [["1", "3"]] },
        ],
      }),
    );
    const out = await json(["invariants", "--net", good]);
    // c_j = γ_j² + β_j² − W2[0, j]²: 4 + 1 − 1, 1 − 9; ‖W1‖² + ‖b1‖² = 30 + 2
    expect(out.invariants).toEqual(["4", "-8"]);
    expect(out.layerNorm).toEqual([{ layer: 1, normSquared: "32", biasSum: "2", columnSums: ["4", "6"] }]);
    const conv = join(tmp, "conv.json");
    writeFileSync(
      conv,
      JSON.stringify({
        layers: [{ W: [["1"]], conv: { kernel: [1], groups: 1 }, norm: { ...norm, gamma: ["1"], beta: ["0"] } }, { W: [["1"]] }],
      }),
    );
    const kind = join(tmp, "kind.json");
    writeFileSync(
      kind,
      JSON.stringify({
        layers: [
          {
            W: [
              ["1", "2"],
              ["3", "4"],
            ],
            norm: { ...norm, kind: "group" },
          },
          { W: [["1", "3"]] },
        ],
      }),
    );
    const last = join(tmp, "last.json");
    writeFileSync(
      last,
      JSON.stringify({
        layers: [
          {
            W: [
              ["1", "2"],
              ["3", "4"],
            ],
          },
          { W: [["1", "3"]], norm: { ...norm, gamma: ["1"], beta: ["0"] } },
        ],
      }),
    );
    for (const [file, message] of [
      [last, /invalid layer normalisation of layers\[1\] .*Must be on a hidden layer/],
      [conv, /a LayerNorm after a linear layer only/],
      [kind, /Must be batch or layer/],
    ] as const) {
      const r = await runCliInProcess(["invariants", "--net", file]);
      expectBadInput(r);
      expect(r.stderr).toMatch(message);
    }
  });
});
