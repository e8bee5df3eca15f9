import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const dir = fileURLToPath(new URL("../fixtures/conv/", import.meta.url));
const reference = JSON.parse(readFileSync(`${dir}gd_reference.json`, "utf8")) as { cases: { losses: string[]; arch: unknown }[] };

describe("relutopo gd --arch on a convolutional checkpoint", () => {
  it("should run exactly, print c per channel and the drift identity, with the loss PyTorch's float64 run has", async () => {
    const r = await runCliInProcess(
      ["gd", "--arch", "gd_conv2d.arch.txt", "--net", "gd_conv2d.pt", "--data", "gd_conv2d.csv", "--lr", "1/8", "--steps", "1", "--json"],
      {
        cwd: dir,
      },
    );
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      losses: string[];
      invariants: string[][];
      drift: { observed: string[][]; predicted: string[][] };
    };
    // 4 channels of the first convolution, 2 of the second
    expect(out.invariants[0]!.length).toBe(6);
    expect(out.drift.observed).toEqual(out.drift.predicted);
    const torch = reference.cases[0]!.losses;
    out.losses.forEach((v, t) => {
      const [p = "0", q = "1"] = v.split("/");
      expect(Number(p) / Number(q)).toBeCloseTo(Number(torch[t]), 12);
    });
  });

  it("should read back the network its --json prints, stride, padding, pooling and input shape included, without --arch", async () => {
    const args = ["--data", "gd_conv2d.csv", "--lr", "1/8", "--steps", "1", "--arith", "float", "--json"];
    const first = await runCliInProcess(["gd", "--arch", "gd_conv2d.arch.txt", "--net", "gd_conv2d.pt", ...args], { cwd: dir });
    const file = join(mkdtempSync(join(tmpdir(), "relutopo-params-")), "params.json");
    writeFileSync(file, JSON.stringify((JSON.parse(first.stdout) as { params: unknown }).params));
    const again = await runCliInProcess(["gd", "--net", file, ...args], { cwd: dir });
    expect(again.status).toBe(0);
    const losses = (r: typeof first): string[] => (JSON.parse(r.stdout) as { losses: string[] }).losses;
    // the second run starts where the first ended
    expect(losses(again)[0]).toBe(losses(first)[1]);
  });

  it("should draw PyTorch's default initialisation from the architecture alone", async () => {
    const r = await runCliInProcess(
      [
        "gd",
        "--arch",
        "gd_conv2d.arch.txt",
        "--data",
        "gd_conv2d.csv",
        "--lr",
        "1/100",
        "--steps",
        "1",
        "--init-seed",
        "3",
        "--arith",
        "decimal:30",
      ],
      { cwd: dir },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^c_2,1 /m);
    expect(r.stdout).toMatch(/^c_1,3 /m);
  });

  it("should refuse in one line a convolutional checkpoint without --arch, and one whose shapes differ from the architecture", async () => {
    const missing = await runCliInProcess(["gd", "--net", "gd_conv2d.pt", "--data", "gd_conv2d.csv", "--lr", "1/8", "--steps", "1"], {
      cwd: dir,
    });
    expectBadInput(missing);
    expect(missing.stderr).toMatch(/--arch/);
    const arch = JSON.stringify({ ...(reference.cases[0]!.arch as object), input: [2, 6, 6] }).replace('"out":4', '"out":6');
    const file = join(mkdtempSync(join(tmpdir(), "relutopo-arch-")), "arch.json");
    writeFileSync(file, arch);
    const wrong = await runCliInProcess(
      ["gd", "--arch", file, "--net", "gd_conv2d.pt", "--data", "gd_conv2d.csv", "--lr", "1/8", "--steps", "1"],
      {
        cwd: dir,
      },
    );
    expectBadInput(wrong);
    expect(wrong.stderr).toMatch(/layer 1 \(Conv2d\)/);
  });
});

describe("relutopo gd --arch on a Conv2d + BatchNorm checkpoint", () => {
  const bn = JSON.parse(readFileSync(`${dir}gd_bn_reference.json`, "utf8")) as { losses: string[]; kernel: string[] };
  const args = ["gd", "--net", "conv2d_bn.pt", "--data", "gd_conv2d_bn.csv", "--lr", "1/100", "--steps", "2", "--arith", "float", "--json"];

  it("should train the BatchNorm the architecture names as PyTorch's float64 SGD does, the kernel drift as predicted", async () => {
    const r = await runCliInProcess([...args, "--arch", "gd_conv2d_bn.arch.txt"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      losses: string[];
      batchNorm: { kernel: string[][]; kernelDrift: { observed: string[][]; predicted: string[][] } };
    };
    out.losses.forEach((v, t) => {
      expect(Number(v)).toBeCloseTo(Number(bn.losses[t]), 13);
    });
    // ‖K_j‖² of the four Conv2d channels after two steps, then the five Linear units under BatchNorm1d
    bn.kernel.forEach((v, j) => {
      expect(Number(out.batchNorm.kernel[2]![j])).toBeCloseTo(Number(v), 14);
    });
    expect(out.batchNorm.kernel[2]!.length).toBe(9);
    out.batchNorm.kernelDrift.observed.flat().forEach((v, k) => {
      expect(Math.abs(Number(v) - Number(out.batchNorm.kernelDrift.predicted.flat()[k]))).toBeLessThan(1e-14);
    });
  });

  it("should refuse in one line an architecture whose BatchNorm is not affine, or a checkpoint's BatchNorm it does not name", async () => {
    const arch = join(mkdtempSync(join(tmpdir(), "relutopo-bn-arch-")), "a.txt");
    const text = readFileSync(`${dir}gd_conv2d_bn.arch.txt`, "utf8");
    writeFileSync(arch, text.replace("affine=True", "affine=False"));
    const notAffine = await runCliInProcess([...args, "--arch", arch], { cwd: dir });
    expectBadInput(notAffine);
    expect(notAffine.stderr).toMatch(/affine=True/);
    writeFileSync(arch, text.replace(/.*BatchNorm1d.*\n/, ""));
    const unnamed = await runCliInProcess([...args, "--arch", arch], { cwd: dir });
    expectBadInput(unnamed);
    expect(unnamed.stderr).toMatch(/layer 3 \(Linear\).*no normalisation, as the architecture says/);
  });
});
