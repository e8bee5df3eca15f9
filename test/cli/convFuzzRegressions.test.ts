import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// Two cases of the held-out PyTorch fuzz (bench/conv_fuzz_reference.py, seed 0; regenerate with
// `/usr/bin/python3 bench/conv_fuzz_reference.py DIR 239 0` and copy cases 0 and 238), with torch's answers:
// name_sorted: Conv2d `conv11` → ReLU → Conv2d `act11` (groups 2) → ReLU → Flatten → Linear `feat12` → ReLU →
//   Linear `linear9`, its safetensors file laid out as save_file does it, sorted by name, where `act11` first
//   also chains (two 1-channel groups reading it) and was read as the first layer;
// nested: an nn.Sequential of two named nn.Sequentials (Conv1d → ReLU → Conv1d → ReLU → MaxPool1d, then
//   Flatten → Linear), whose printed repr was refused.
const DIR = fileURLToPath(new URL("../fixtures/convfuzz/", import.meta.url));
const sorted = JSON.parse(readFileSync(`${DIR}name_sorted.expected.json`, "utf8")) as { modules: string[]; layers: string[][] };
const nested = JSON.parse(readFileSync(`${DIR}nested.expected.json`, "utf8")) as {
  layers: string[][];
  loss: string;
  lr: string;
  start: { W: string[][]; b?: string[] }[];
  grad: { W: string[][]; b?: string[] }[];
  step: { W: string[][]; b?: string[] }[];
};

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

describe("a printed nn.Sequential of nested nn.Sequentials (held-out fuzz case)", () => {
  it("should run gd with its modules in order and take torch's float64 step to 1e-10", async () => {
    const r = await runCliInProcess([
      "gd",
      "--arch",
      `${DIR}nested.arch.txt`,
      "--net",
      `${DIR}nested.pt`,
      "--data",
      `${DIR}nested.csv`,
      "--lr",
      nested.lr,
      "--steps",
      "1",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { losses: string[]; invariants: string[][]; params: { layers: { W: string[][]; b?: string[] }[] } };
    expect(Math.abs(num(out.losses[0]!) - Number(nested.loss))).toBeLessThan(1e-10);
    expect(out.invariants[0]).toEqual(nested.layers.flat());
    nested.step.forEach((layer, l) => {
      const ours = out.params.layers[l]!;
      expect(ours.b === undefined).toBe(layer.b === undefined);
      const pairs: [string, string, string, string][] = [
        ...layer.W.flat().map((v, k): [string, string, string, string] => [
          ours.W.flat()[k]!,
          v,
          nested.start[l]!.W.flat()[k]!,
          nested.grad[l]!.W.flat()[k]!,
        ]),
        ...(layer.b ?? []).map((v, k): [string, string, string, string] => [
          ours.b![k]!,
          v,
          nested.start[l]!.b![k]!,
          nested.grad[l]!.b![k]!,
        ]),
      ];
      for (const [got, torchStep, start, torchGrad] of pairs) {
        expect(Math.abs(num(got) - Number(torchStep))).toBeLessThan(1e-10);
        // the gradient (θ₀ − θ₁)/η
        expect(Math.abs((Number(start) - num(got)) / num(nested.lr) - Number(torchGrad))).toBeLessThan(1e-10);
      }
    });
  });
});
