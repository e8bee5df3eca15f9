import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { networkFromSafetensors } from "../../src/net/networkFromSafetensors.js";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/safetensors/", import.meta.url));
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as Record<string, unknown>;
const tmp = (): string => mkdtempSync(join(tmpdir(), "relutopo-deep-"));

describe("relutopo invariants --net x.safetensors", () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`should print the invariants of ${file} digit for digit as the Python Fraction reference (--json)`, async () => {
      // Act
      const r = await runCliInProcess(["invariants", "--net", join(FIXTURES, file), "--json"]);
      // Assert
      expect(r.status).toBe(0);
      const { activation, ...rest } = JSON.parse(r.stdout);
      expect(rest).toEqual(expected);
      // a file without metadata gets relu, said out loud on stderr and in the JSON
      if (r.stderr === "") expect(activation.source).toBe("file");
      else {
        expect(r.stderr).toBe(`relutopo: activation not stored in ${join(FIXTURES, file)}; assuming relu — pass --activation\n`);
        expect(activation).toEqual({ name: "relu", source: "assumed" });
      }
    });
  }

  it("should print a two-layer state_dict byte for byte as the same network in the W1/b1/W2/b2 JSON form", async () => {
    // Arrange
    const file = join(FIXTURES, "f64_1hidden_linear.safetensors");
    const net = networkFromSafetensors(readFileSync(file), file);
    const json = join(tmp(), "same.json");
    const [l1, l2] = net.layers;
    writeFileSync(json, JSON.stringify({ activation: "linear", W1: l1!.W, b1: l1!.b, W2: l2!.W }));
    for (const extra of [[], ["--json"]]) {
      // Act
      const a = await runCliInProcess(["invariants", "--net", file, ...extra]);
      const b = await runCliInProcess(["invariants", "--net", json, ...extra]);
      // Assert
      expect(a.status).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
  });

  it("should print c_{l,k} per hidden layer and Q_l of a deep linear net as exact text with --exact", async () => {
    const r = await runCliInProcess(["invariants", "--net", join(FIXTURES, "bf16_3hidden_linear.safetensors"), "--exact"]);
    const expected = EXPECTED["bf16_3hidden_linear.safetensors"] as {
      layers: { layer: number; invariants: string[] }[];
      matrices: { layer: number; matrix: string[][] }[];
    };
    const lines = [
      ...expected.layers.flatMap(({ layer, invariants }) => invariants.map((c, k) => `c${layer},${k + 1} = ${c}`)),
      ...expected.matrices.flatMap(({ layer, matrix }) => [
        `W~${layer} W~${layer}^T - W${layer + 1}^T W${layer + 1} =`,
        ...matrix.map((row) => `  [${row.join(", ")}]`),
      ]),
    ];
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${lines.join("\n")}\n`);
  });

  it("should recognise safetensors by its header whatever the extension", async () => {
    const copy = join(tmp(), "model.bin");
    copyFileSync(join(FIXTURES, "f32_2hidden.safetensors"), copy);
    const r = await runCliInProcess(["invariants", "--net", copy, "--json"]);
    expect(r.status).toBe(0);
    const { activation: _, ...rest } = JSON.parse(r.stdout);
    expect(rest).toEqual(EXPECTED["f32_2hidden.safetensors"]);
  });

  it("should read deep JSON networks too (layers and state_dict forms)", async () => {
    const dir = tmp();
    const layers = join(dir, "layers.json");
    const dict = join(dir, "dict.json");
    writeFileSync(layers, '{"layers": [{"W": [[1], [2]], "b": ["1/2", 0]}, {"W": [[1, 1]]}, {"W": [[3]]}]}');
    writeFileSync(dict, '{"0.weight": [[1], [2]], "0.bias": ["1/2", 0], "2.weight": [[1, 1]], "4.weight": [[3]]}');
    for (const f of [layers, dict]) {
      const r = await runCliInProcess(["invariants", "--net", f, "--json"]);
      expect(r.status).toBe(0);
      // 1 + 1/4 − 1 = 1/4; 4 − 1 = 3; 2 − 9 = −7
      const { activation: _, ...rest } = JSON.parse(r.stdout);
      expect(rest).toEqual({
        invariants: ["1/4", "3", "-7"],
        layers: [
          { layer: 1, invariants: ["1/4", "3"] },
          { layer: 2, invariants: ["-7"] },
        ],
      });
    }
  });

  it("should exit 2 with one line naming the file for a malformed safetensors file", async () => {
    const dir = tmp();
    const bytes = readFileSync(join(FIXTURES, "f32_2hidden.safetensors"));
    const truncated = join(dir, "cut.safetensors");
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 3));
    const lying = join(dir, "lying.safetensors");
    const liar = Buffer.from(bytes);
    liar.writeBigUInt64LE(1n << 33n, 0);
    writeFileSync(lying, liar);
    for (const [file, fault] of [
      [truncated, /data_offsets .* outside the \d+ data bytes|belong to no tensor/],
      [lying, /above the limit/],
    ] as const) {
      const r = await runCliInProcess(["invariants", "--net", file, "--json"]);
      expectBadInput(r);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(fault);
    }
  });
});

describe("relutopo gd on a deep network", () => {
  it("should take two exact steps on examples/deep.safetensors exactly as the Python Fraction reference", async () => {
    // Arrange
    const expected = JSON.parse(readFileSync(join(FIXTURES, "deep_gd_expected.json"), "utf8")) as {
      params: unknown;
      losses: string[];
      invariants: string[][];
    };
    const root = fileURLToPath(new URL("../../", import.meta.url));
    // Act
    const r = await runCliInProcess(
      ["gd", "--net", "examples/deep.safetensors", "--data", "examples/deep.csv", "--lr", "1/10", "--steps", "2", "--json"],
      { cwd: root },
    );
    // Assert
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as typeof expected & { drift: { observed: string[][]; predicted: string[][] } };
    expect(out.params).toEqual(expected.params);
    expect(out.losses).toEqual(expected.losses);
    expect(out.invariants).toEqual(expected.invariants);
    expect(out.drift.observed).toEqual(out.drift.predicted);
    expect(out.invariants[2]).not.toEqual(out.invariants[0]);
  });

  it("should accept a two-layer safetensors file where a two-layer network is read, and refuse a deeper one with one line", async () => {
    const two = join(FIXTURES, "f32_1hidden.safetensors");
    const ok = await runCliInProcess(["components", "--net", two, "--json"]);
    expect(ok.stderr).toMatch(/^relutopo: activation not stored in .*; assuming relu — pass --activation\n$/);
    expect(ok.status).toBe(0);
    const deep = await runCliInProcess(["components", "--net", join(FIXTURES, "f32_2hidden.safetensors"), "--json"]);
    expectBadInput(deep);
    expect(deep.stderr).toMatch(/needs one hidden layer .* `3 weight layers`/);
  });
});
