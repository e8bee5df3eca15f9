import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "../helpers/runCli.js";

// `relutopo gd` on the networks of the batch-normalisation fixture, PyTorch's Linear → BatchNorm1d → ReLU → Linear
// and Conv2d → BatchNorm2d → ReLU → MaxPool2d → flatten → Linear (ε = 1e-5): one step against θ − η∇L with
// PyTorch's float64 gradient, γ and β included.
const REF = JSON.parse(readFileSync(new URL("../fixtures/batchnorm/torch_reference.json", import.meta.url), "utf8"));
interface Case {
  network: { layers: { W: number[][]; b: number[]; norm?: { gamma: number[]; beta: number[] } }[] };
  X: number[][];
  Y: number[][];
  grad: { W: number[][]; b: number[]; gamma?: number[]; beta?: number[] }[];
}
const dir = mkdtempSync(join(tmpdir(), "relutopo-gd-bn-"));
/** The gd arguments of one fixture case: its network and data written to files. */
function caseArgs(name: string): string[] {
  const c = REF[name] as Case;
  const net = join(dir, `${name}.json`);
  const data = join(dir, `${name}.csv`);
  writeFileSync(net, JSON.stringify(c.network));
  const header = [...c.X[0]!.map((_, k) => `x${k + 1}`), ...c.Y[0]!.map((_, k) => `y${k + 1}`)].join(",");
  writeFileSync(data, `${[header, ...c.X.map((x, i) => [...x, ...c.Y[i]!].join(","))].join("\n")}\n`);
  return ["gd", "--net", net, "--data", data, "--lr", "1/8", "--steps", "1"];
}
const args = caseArgs("linearBatchNorm1d");

describe("relutopo gd on a network with BatchNorm", () => {
  it.each([
    ["linearBatchNorm1d", 4],
    ["convBatchNorm2d", 3],
  ])(
    "should take PyTorch's step on W, b, γ and β of %s in decimal, and give the kernel's drift as predicted (%i channels)",
    (name, channels) => {
      const CASE = REF[name] as Case;
      const r = runCli([...caseArgs(name), "--arith", "decimal:40", "--json"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as {
        params: { layers: { W: string[][]; b: string[]; norm?: { gamma: string[]; beta: string[] } }[] };
        batchNorm: { kernel: string[][]; bias: string[][]; kernelDrift: { observed: string[][]; predicted: string[][] } };
      };
      // θ_1 = θ_0 − ∇L/8 with PyTorch's gradient, to float64's precision
      const expectStep = (got: readonly string[], start: readonly number[], grad: readonly number[]): void => {
        got.forEach((v, k) => {
          expect(Number(v)).toBeCloseTo(start[k]! - grad[k]! / 8, 12);
        });
      };
      CASE.network.layers.forEach((layer, l) => {
        const g = CASE.grad[l]!;
        const p = out.params.layers[l]!;
        for (const [r, row] of layer.W.entries()) expectStep(p.W[r]!, row, g.W[r]!);
        expectStep(p.b, layer.b, g.b);
        if (layer.norm !== undefined) {
          expectStep(p.norm!.gamma, layer.norm.gamma, g.gamma!);
          expectStep(p.norm!.beta, layer.norm.beta, g.beta!);
        }
      });
      // one entry per channel; the drift of ‖K_j‖² is its prediction to 10^−30 in 40 digits, and is not zero at ε = 1e-5
      expect(out.batchNorm.kernel[1]!.length).toBe(channels);
      out.batchNorm.kernelDrift.observed[0]!.forEach((v, k) => {
        expect(Math.abs(Number(v) - Number(out.batchNorm.kernelDrift.predicted[0]![k]))).toBeLessThan(1e-30);
        expect(Number(v)).toBeGreaterThan(0);
      });
      expect(out.batchNorm.bias[1]!.map(Number)).toEqual(CASE.network.layers[0]!.b);
    },
  );

  it("should print the BatchNorm laws in text", () => {
    const r = runCli([...args, "--arith", "decimal:40"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\n\|K_1,3\|\^2 {2}\S+ {2}-> {2}\S+\n/);
    expect(r.stdout).toMatch(/\nb_1,0 \(before BN\) {2}1\.125 {2}-> {2}1\.125\d*\n/);
    expect(r.stdout).toMatch(/largest \|observed - predicted\| drift of \|K\|\^2 \(epsilon-corrected\) over all steps and channels: /);
  });

  it("should refuse exact arithmetic in one line, √(σ² + ε) being irrational", () => {
    const r = runCli([...args, "--arith", "exact"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/irrational/);
  });
});
