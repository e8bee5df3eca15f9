import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { componentsAction, type ComponentsCliOptions } from "../../src/cli/actions/componentsAction.js";
import { progressBar } from "../../src/cli/progress.js";
import { lawArchitecture } from "../../src/laws/lawArchitecture.js";
import { lawsReport } from "../../src/laws/lawsReport.js";
import { probabilityReport } from "../../src/probability/probabilityReport.js";
import type { Command } from "commander";

// The bar goes to stderr only on a terminal outside CI; a test stands in for the terminal by
// setting stderr's isTTY and reading what is written to it.
let written: string[] = [];
const tty = process.stderr.isTTY;
const ci = process.env.CI;
beforeEach(() => {
  written = [];
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  delete process.env.CI;
});
afterEach(() => {
  vi.restoreAllMocks();
  process.stderr.isTTY = tty;
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
});
const onTerminal = (yes: boolean): void => {
  process.stderr.isTTY = yes;
};

describe("progressBar", () => {
  it("should draw nothing when stderr is piped, under CI, or for work of a few seconds", () => {
    for (const [terminal, ciValue, seconds] of [
      [false, undefined, 100],
      [true, "true", 100],
      [true, undefined, 2],
    ] as const) {
      onTerminal(terminal);
      if (ciValue === undefined) delete process.env.CI;
      else process.env.CI = ciValue;
      const bar = progressBar(10, "laws", seconds);
      bar.update(5);
      bar.stop();
    }
    expect(written).toEqual([]);
  });

  it("should draw the label, the count and an ETA on a terminal for long work", () => {
    onTerminal(true);
    const bar = progressBar(10, "laws", 100);
    bar.update(10);
    bar.stop();
    const text = written.join("");
    expect(text).toMatch(/laws \[.*\] 10\/10 ETA/);
  });
});

describe("progress of the long commands", () => {
  it("should advance probability's fraction through the Monte Carlo samples, then the distribution, to 1", () => {
    const seen: number[] = [];
    const options = { digits: 10, samples: 300_000, seed: 3, distribution: true };
    const report = probabilityReport({ scheme: "pytorch-default" }, 3, 5000, 1, { ...options, onProgress: (f) => seen.push(f) });
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    expect(seen.some((f) => f > 0 && f < 0.5)).toBe(true);
    expect(seen.some((f) => f > 0.5 && f < 1)).toBe(true);
    expect(seen.at(-1)).toBe(1);
    // watching does not change the answer
    expect(report).toEqual(probabilityReport({ scheme: "pytorch-default" }, 3, 5000, 1, options));
  });

  it("should move laws' bar after each of its three stages, for either flow", () => {
    for (const dynamics of ["gradient", "momentum"] as const) {
      const seen: number[] = [];
      lawsReport(lawArchitecture([2, 2, 1]), { dynamics, onProgress: (f) => seen.push(f) });
      expect(seen).toEqual([1 / 3, 2 / 3, 1]);
    }
  });

  it("should count the listed components on components' bar", async () => {
    // 2^18 patterns of 18 signs: an estimate past the bar's few seconds
    const opts: ComponentsCliOptions = { c: Array(18).fill("-1").join(","), dIn: "2", list: true, limit: "1000000", json: true };
    const cmd = { getOptionValueSource: () => undefined } as unknown as Command;
    onTerminal(true);
    await componentsAction(opts, cmd);
    expect(written.join("")).toMatch(/components \[.*\] 262144\/262144 ETA/);
  });
});
