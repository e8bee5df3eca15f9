import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FlowRun } from "../../src/flow/integrateFlow.js";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const dir = fileURLToPath(new URL("../fixtures/conv/", import.meta.url));
const conv = ["--arch", "gd_conv2d.arch.txt", "--net", "gd_conv2d.pt", "--data", "gd_conv2d.csv"];

describe("relutopo flow on a convolutional network", () => {
  it("should integrate a checkpoint with its architecture file and print c per channel and its drift", async () => {
    const r = await runCliInProcess(["flow", ...conv, "--time", "1/200", "--digits", "20"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    // 4 channels of the first convolution, 2 of the second: one line each
    expect(r.stdout.match(/^c\d,\d {2}\S+ {2}-> {2}\S+$/gm)?.length).toBe(6);
    const drift = /max drift of the per-channel c_l,j: (\S+)/.exec(r.stdout)?.[1];
    expect(Number(drift)).toBeLessThan(1e-15);
    const json = await runCliInProcess(["flow", ...conv, "--time", "1/200", "--digits", "20", "--json"], { cwd: dir });
    const run = JSON.parse(json.stdout) as FlowRun;
    expect(run.invariantsT).toEqual(run.invariants0);
    expect(run.layers?.map((l) => l.invariants0.length)).toEqual([4, 2]);
  });

  it("should draw the initialisation with --init-seed as gd does, the same network for the same seed", async () => {
    const args = [
      "flow",
      "--arch",
      "gd_conv2d.arch.txt",
      "--init-seed",
      "2",
      "--data",
      "gd_conv2d.csv",
      "--time",
      "1/100",
      "--digits",
      "20",
    ];
    const a = await runCliInProcess([...args, "--json"], { cwd: dir });
    const b = await runCliInProcess([...args, "--json"], { cwd: dir });
    expect(a.status).toBe(0);
    const runA = JSON.parse(a.stdout) as FlowRun;
    expect(runA.invariants0).toEqual((JSON.parse(b.stdout) as FlowRun).invariants0);
    const other = await runCliInProcess(
      ["flow", "--arch", "gd_conv2d.arch.txt", "--init-seed", "3", "--data", "gd_conv2d.csv", "--time", "1/400", "--json"],
      { cwd: dir },
    );
    expect((JSON.parse(other.stdout) as FlowRun).invariants0).not.toEqual(runA.invariants0);
  });

  it("should refuse a BatchNorm network, the heavy ball on a convolution, and a checkpoint without its architecture, in one line", async () => {
    const bn = await runCliInProcess(["flow", "--arch", "gd_conv2d_bn.arch.txt", "--data", "gd_conv2d_bn.csv", "--time", "1/4"], {
      cwd: dir,
    });
    expectBadInput(bn);
    expect(bn.stderr).toMatch(/batch normalisation .*not a polynomial/);
    const heavy = await runCliInProcess(["flow", ...conv, "--time", "1/4", "--momentum", "1"], { cwd: dir });
    expectBadInput(heavy);
    expect(heavy.stderr).toMatch(/--momentum/);
    const bare = await runCliInProcess(["flow", "--net", "gd_conv2d.pt", "--data", "gd_conv2d.csv", "--time", "1/4"], { cwd: dir });
    expectBadInput(bare);
    expect(bare.stderr).toMatch(/architecture file/);
  });
});
