import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// Cases of the held-out PyTorch fuzz (bench/conv_fuzz_reference.py; regenerate with
// `/usr/bin/python3 bench/conv_fuzz_reference.py DIR 239 0` and copy cases 0 and 238, and with
// `… DIR 173 10 wide` cases 43 and 172), with torch's answers (the exact c from the stored floats, torch's float64 step):
// name_sorted (seed 0, case 0): Conv2d `conv11` → ReLU → Conv2d `act11` (groups 2) → ReLU → Flatten → Linear `feat12`
//   → ReLU → Linear `linear9`, its safetensors file laid out as save_file does it, sorted by name, where `act11` first
//   also chains (two 1-channel groups reading it) and was read as the first layer;
// nested (seed 0, case 238): an nn.Sequential of two named nn.Sequentials (Conv1d → ReLU → Conv1d → ReLU → MaxPool1d,
//   then Flatten → Linear), whose printed repr was refused;
// mixed_precision (`… DIR 87 12 wide`, case 86): Conv2d `module.conv10` → LeakyReLU → Conv2d `module.head6` →
//   BatchNorm2d `module.m12` (kept in float32) → LeakyReLU → AvgPool2d → Flatten → Linear `module.bn8`, in float16:
//   save_file lays out the float32 run first, each run sorted by name;
// same_padding, valid_padding (seed 10 wide, cases 172 and 43): a Conv2d printed with `padding=same` (3 × 3 kernel,
//   LeakyReLU) and one with `padding=valid` (groups 2, average pooling), which were refused.
const DIR = fileURLToPath(new URL("../fixtures/convfuzz/", import.meta.url));
const sorted = JSON.parse(readFileSync(`${DIR}name_sorted.expected.json`, "utf8")) as { modules: string[]; layers: string[][] };
interface TorchStep {
  layers: string[][];
  loss: string;
  lr: string;
  start: { W: string[][]; b?: string[] }[];
  grad: { W: string[][]; b?: string[] }[];
  step: { W: string[][]; b?: string[] }[];
}
const torchStep = (name: string): TorchStep => JSON.parse(readFileSync(`${DIR}${name}.expected.json`, "utf8")) as TorchStep;

/** The exact rational a gd value prints, as a double (the values here are far from overflow). */
const num = (text: string): number => {
  const [p = "0", q = "1"] = text.split("/");
  return Number((BigInt(p) * 2n ** 200n) / BigInt(q)) / 2 ** 200;
};

describe("the safetensors file of named modules sorted by name (held-out fuzz case)", () => {
  it("should refuse in one line, naming --layers, rather than read the layers in name order", async () => {
    const r = await runCliInProcess(["invariants", "--net", `${DIR}name_sorted.safetensors`, "--json"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/sorted by name.*`act11`, `conv11`.*--layers/);
  });

  it("should give torch's exact c per channel, digit for digit, with the order --layers names", async () => {
    const r = await runCliInProcess([
      "invariants",
      "--net",
      `${DIR}name_sorted.safetensors`,
      "--json",
      "--layers",
      sorted.modules.join(","),
    ]);
    expect(r.status).toBe(0);
    const got = (JSON.parse(r.stdout) as { layers: { invariants: string[] }[] }).layers.map((l) => l.invariants);
    // the first layer has 4 channels (conv11), not act11's 2
    expect(got.map((l) => l.length)).toEqual([4, 2, 4]);
    expect(got).toEqual(sorted.layers);
  });
});

describe("the safetensors file of named modules in two precisions, sorted by dtype then name (held-out fuzz case)", () => {
  const mixed = JSON.parse(readFileSync(`${DIR}mixed_precision.expected.json`, "utf8")) as {
    modules: string[];
    layers: string[][];
    kernel: Record<string, string[]>;
  };
  const file = `${DIR}mixed_precision.safetensors`;

  it("should refuse in one line, naming --layers, and read torch's exact c and ‖K‖² with the order --layers names", async () => {
    const refused = await runCliInProcess(["invariants", "--net", file, "--json"]);
    expectBadInput(refused);
    expect(refused.stderr).toMatch(/sorted by name.*--layers/);
    const r = await runCliInProcess(["invariants", "--net", file, "--json", "--layers", mixed.modules.join(",")]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { layers: { invariants: string[] }[]; batchNorm: { layer: number; kernelNormSquared: string[] }[] };
    expect(out.layers.map((l) => l.invariants)).toEqual(mixed.layers);
    expect(out.batchNorm.map((b) => [String(b.layer), b.kernelNormSquared])).toEqual(Object.entries(mixed.kernel));
  });
});

describe("printed architectures the reader refused (held-out fuzz cases)", () => {
  it.each([
    ["nested", "an nn.Sequential of nested nn.Sequentials"],
    ["same_padding", "a convolution with padding=same"],
    ["valid_padding", "a convolution with padding=valid"],
  ])("should run exact gd on %s (%s) and take torch's float64 step to 1e-10", async (name) => {
    const torch = torchStep(name);
    const r = await runCliInProcess([
      "gd",
      "--arch",
      `${DIR}${name}.arch.txt`,
      "--net",
      `${DIR}${name}.pt`,
      "--data",
      `${DIR}${name}.csv`,
      "--lr",
      torch.lr,
      "--steps",
      "1",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { losses: string[]; invariants: string[][]; params: { layers: { W: string[][]; b?: string[] }[] } };
    expect(Math.abs(num(out.losses[0]!) - Number(torch.loss))).toBeLessThan(1e-10);
    expect(out.invariants[0]).toEqual(torch.layers.flat());
    torch.step.forEach((layer, l) => {
      const ours = out.params.layers[l]!;
      expect(ours.b === undefined).toBe(layer.b === undefined);
      const start = torch.start[l]!;
      const grad = torch.grad[l]!;
      const pairs: [string, string, string, string][] = [
        ...layer.W.flat().map((v, k): [string, string, string, string] => [ours.W.flat()[k]!, v, start.W.flat()[k]!, grad.W.flat()[k]!]),
        ...(layer.b ?? []).map((v, k): [string, string, string, string] => [ours.b![k]!, v, start.b![k]!, grad.b![k]!]),
      ];
      for (const [got, torchNext, theta0, torchGrad] of pairs) {
        expect(Math.abs(num(got) - Number(torchNext))).toBeLessThan(1e-10);
        // the gradient (θ₀ − θ₁)/η
        expect(Math.abs((Number(theta0) - num(got)) / num(torch.lr) - Number(torchGrad))).toBeLessThan(1e-10);
      }
    });
  });

  it("should refuse padding=same on an even kernel in one line (it pads one side more)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relutopo-same-"));
    const arch = join(dir, "arch.txt");
    writeFileSync(arch, readFileSync(`${DIR}same_padding.arch.txt`, "utf8").replace("kernel_size=(3, 3)", "kernel_size=(2, 2)"));
    const r = await runCliInProcess(["gd", "--arch", arch, "--data", `${DIR}same_padding.csv`, "--lr", "1/8", "--steps", "1"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/padding=same with an odd kernel/);
  });
});
