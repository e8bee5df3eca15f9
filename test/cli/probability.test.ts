import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readInitOptions } from "../../src/cli/actions/readInitOptions.js";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "relutopo-probability-"));

describe("relutopo probability", () => {
  it("should print the five quantities, the closed form and ρ as JSON with 40 digits", async () => {
    const r = await runCliInProcess(["probability", "--init", "kaiming-normal", "--d-in", "3", "--width", "4", "--json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      "pNeuron",
      "pSplit",
      "pDisconnected",
      "expectedPathological",
      "expectedComponents",
      "closedForm",
      "rho",
    ]);
    // ρ = l/d_in = 4/3, x = 3/7: p = (2/π) arcsin √(3/7) − 4√3/(7π) (mpmath: betainc(3/2, 1/2, 0, 3/7))
    expect(out.pNeuron).toBe("0.1393259685588431768480954562324133737335");
    expect(out.closedForm).toBe("2*arctan(sqrt(3)/2)/pi - 4*sqrt(3)/(7*pi)");
    expect(out.rho).toBe("4/3");
    expect(out.pSplit).toBe(out.pNeuron);
  });

  it("should take explicit variances and a digit count, and list the binomial law", async () => {
    const r = await runCliInProcess([
      "probability",
      "--sigma-w2",
      "1/2",
      "--sigma-a2",
      "1/2",
      "--d-in",
      "2",
      "--width",
      "3",
      "--digits",
      "12",
      "--distribution",
      "--json",
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.closedForm).toBe("1 - sqrt(2)/2");
    expect(out.pNeuron).toBe("0.292893218813");
    expect(out.distribution).toHaveLength(4);
  });

  it("should estimate uniform schemes by Monte Carlo with a Wilson interval, reproducibly", async () => {
    const args = [
      "probability",
      "--init",
      "pytorch-default",
      "--d-in",
      "3",
      "--width",
      "4",
      "--samples",
      "20000",
      "--seed",
      "7",
      "--digits",
      "10",
      "--json",
    ];
    const a = await runCliInProcess(args);
    const b = await runCliInProcess(args);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout);
    expect(out.samples).toBe("20000");
    expect(out.seed).toBe("7");
    expect(Number(out.ci95[0])).toBeLessThan(Number(out.pNeuron));
    expect(Number(out.ci95[1])).toBeGreaterThan(Number(out.pNeuron));
    expect(out.closedForm).toBeUndefined();
  });

  it("should say in --help that --d-in is the fan-in including the hidden bias", async () => {
    const r = await runCliInProcess(["probability", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout.replace(/\s+/g, " ")).toMatch(
      /fan-in d_in of a hidden neuron: the input dimension d, plus 1 when the hidden layer has a bias/,
    );
  });

  it("should print a readable summary without --json", async () => {
    const r = await runCliInProcess(["probability", "--init", "xavier-normal", "--d-in", "2", "--width", "2", "--digits", "12"]);
    expect(r.status).toBe(0);
    // ρ = 3/4: p = 1 − √(3/7), and 1 − (1 − p)² = 4/7
    expect(r.stdout).toContain("P(H(c) disconnected) = 1 - (1-q)^l   = 0.571428571429");
  });
});

describe("relutopo table probability", () => {
  it("should print a Markdown table with one row per (d_in, l)", async () => {
    const r = await runCliInProcess([
      "table",
      "probability",
      "--init",
      "xavier-normal",
      "--d-in",
      "1..2",
      "--width",
      "1..3",
      "--digits",
      "8",
    ]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("| dIn | width | e | rho | pNeuron | pSplit | pDisconnected | expectedPathological | expectedComponents |");
    expect(lines).toHaveLength(2 + 6);
    // d_in = 1, l = 1, e = 1: ρ = 1, p = 1/2, every neuron splits
    expect(lines[2]).toBe("| 1 | 1 | 1 | 1 | 0.5 | 1 | 1 | 0.5 | 2 |");
  });

  it("should print CSV, JSON and LaTeX", async () => {
    const base = ["table", "probability", "--init", "lecun-normal", "--d-in", "2", "--width", "1,2", "--digits", "6"];
    expect((await runCliInProcess([...base, "--format", "csv"])).stdout.split("\n")[0]).toBe(
      "dIn,width,e,rho,pNeuron,pSplit,pDisconnected,expectedPathological,expectedComponents",
    );
    const json = JSON.parse((await runCliInProcess([...base, "--format", "json"])).stdout);
    expect(json).toHaveLength(2);
    expect(json[0]).toMatchObject({ dIn: "2", width: "1", e: "1", rho: "1/2" });
    expect((await runCliInProcess([...base, "--format", "tex"])).stdout).toContain("\\begin{tabular}");
  });

  it("should write a heat map with --plot", async () => {
    const plot = join(tmp, "heat.svg");
    const r = await runCliInProcess([
      "table",
      "probability",
      "--init",
      "kaiming-normal",
      "--d-in",
      "1..4",
      "--width",
      "1..5",
      "--format",
      "csv",
      "--plot",
      plot,
    ]);
    expect(r.status).toBe(0);
    const svg = readFileSync(plot, "utf8");
    expect(svg.match(/aria-roledescription="rect mark"/g)).toHaveLength(20);
    expect(svg).toContain("width l (hidden neurons)");
    expect(svg).toContain("role-legend");
  });
});

describe("relutopo probability: bad input", () => {
  const bad: Array<[string, string[]]> = [
    ["--d-in 0", ["probability", "--init", "kaiming-normal", "--d-in", "0", "--width", "3"]],
    ["--digits 0", ["probability", "--init", "kaiming-normal", "--d-in", "2", "--width", "3", "--digits", "0"]],
    ["an unknown scheme", ["probability", "--init", "he-normal", "--d-in", "2", "--width", "3"]],
    ["no initialisation", ["probability", "--d-in", "2", "--width", "3"]],
    ["table unknown format", ["table", "probability", "--init", "xavier-normal", "--d-in", "1", "--width", "1", "--format", "xls"]],
  ];
  for (const [what, args] of bad) {
    it(`should exit 2 with one stderr line for ${what}`, async () => {
      expectBadInput(await runCliInProcess(args));
    });
  }

  it("should reject conflicting or incomplete initialisation options before computing", () => {
    expect(() => readInitOptions({ init: "kaiming-normal", sigmaW2: "1", sigmaA2: "1" })).toThrow(
      /must be left out when --sigma-w2\/--sigma-a2 are given/i,
    );
    expect(() => readInitOptions({ sigmaW2: "1" })).toThrow(/both --sigma-w2 and --sigma-a2/);
    expect(() => readInitOptions({ init: "kaiming-normal", method: "exactly" })).toThrow(/invalid --method/);
    expect(() => readInitOptions({ init: "kaiming-normal", samples: "0" })).toThrow(/invalid --samples/);
    expect(readInitOptions({ sigmaW2: "2", sigmaA2: "1/3", seed: "5" })).toEqual({
      init: { sigmaW2: "2", sigmaA2: "1/3" },
      method: undefined,
      samples: undefined,
      seed: 5,
    });
  });

  it("should leave no plot file when the input is bad", async () => {
    const plot = join(tmp, "never.svg");
    const r = await runCliInProcess([
      "table",
      "probability",
      "--init",
      "xavier-normal",
      "--d-in",
      "1..2",
      "--width",
      "1",
      "--e",
      "1,2",
      "--plot",
      plot,
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/single --e/);
    expect(existsSync(plot)).toBe(false);
  });
});
