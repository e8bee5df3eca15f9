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
