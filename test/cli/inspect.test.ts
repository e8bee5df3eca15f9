import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inspectionSchema } from "../../src/symmetry/inspectionSchema.js";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "relutopo-inspect-"));

describe("relutopo inspect", () => {
  it("should print the one-screen report of the paper's obstructed start", async () => {
    const r = await runCliInProcess(["inspect", "--net", "examples/net.json", "--data", "examples/abs.csv"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("network: 1 -> 2 -> 1, relu, biases in layer(s) 1, 6 parameters");
    expect(r.stdout).toContain("  c = -0.6, -0.47");
    expect(r.stdout).toContain("components of H(c): 4 (exact); single-neuron rule: k = 2, at least 4");
    expect(r.stdout).toContain("this network lies in component --");
    expect(r.stdout).toContain("output-weight signs: -- (+/- locked, ? free): 1 sign pattern(s) not excluded, 3 excluded");
    // 165609/80000 = 2.0701125, to 6 significant digits (half to even) and exactly
    expect(r.stdout).toContain("loss (mse) = 2.07011");
    expect((await runCliInProcess(["inspect", "--net", "examples/net.json", "--data", "examples/abs.csv", "--exact"])).stdout).toContain(
      "loss (mse) = 165609/80000",
    );
  });

  it("should print JSON that fits the schema for a deep safetensors network with data", async () => {
    const r = await runCliInProcess(["inspect", "--net", "examples/deep.safetensors", "--data", "examples/deep.csv", "--json"]);
    expect(r.status).toBe(0);
    const j = inspectionSchema.parse(JSON.parse(r.stdout));
    expect(j.architecture.widths).toEqual([2, 3, 3, 1]);
    expect(j.topology).toMatchObject({ components: "2", lowerBound: "2", signLocked: 1, exact: true, component: "-" });
    expect(j.topology.locked.map((w) => w.weight)).toEqual(["W3[1,2]"]);
    expect(j.outputSigns?.pattern).toBe("?-?");
    expect(j.data?.dead.map((d) => [d.layer, d.neuron, d.gd, d.flow])).toEqual([
      [2, 1, "start", "start"],
      [2, 2, "start", "start"],
    ]);
  });

  it("should draw c per layer as SVG and as a web page", async () => {
    for (const name of ["c.svg", "c.html"]) {
      const file = join(tmp, name);
      const r = await runCliInProcess(["inspect", "--net", "examples/deep.safetensors", "--plot", file]);
      expect(r.status).toBe(0);
      const text = readFileSync(file, "utf8");
      expect(text).toContain("<svg");
      expect(text).toContain("hidden layer 2");
    }
  });

  it("should exit 2 with one stderr line for a plot of another type and for data that do not fit", async () => {
    expectBadInput(await runCliInProcess(["inspect", "--net", "examples/deep.safetensors", "--plot", join(tmp, "c.png")]));
    expectBadInput(await runCliInProcess(["inspect", "--net", "examples/deep.safetensors", "--data", "examples/abs.csv"]));
  });
});

describe("relutopo obstruction on a deep network", () => {
  it("should lock the pathological output weight of examples/deep.safetensors", async () => {
    const r = await runCliInProcess(["obstruction", "--net", "examples/deep.safetensors", "--need-positive", "3", "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ obstructed: true, lockedNegative: [1], free: [0, 2], lockedPattern: "?-?" });
    const ok = JSON.parse(
      (await runCliInProcess(["obstruction", "--net", "examples/deep.safetensors", "--target-signs", "+-+", "--json"])).stdout,
    );
    expect(ok.obstructed).toBe(false);
    const blocked = JSON.parse(
      (await runCliInProcess(["obstruction", "--net", "examples/deep.safetensors", "--target-signs", "?+?", "--json"])).stdout,
    );
    expect([blocked.obstructed, blocked.targetBlocked]).toEqual([true, [1]]);
  });

  it("should report dead neurons with data and keep the two-layer output unchanged without", async () => {
    const r = await runCliInProcess([
      "obstruction",
      "--net",
      "examples/deep.safetensors",
      "--need-positive",
      "1",
      "--data",
      "examples/deep.csv",
    ]);
    expect(r.stdout).toContain("dead neuron 2,2: gradient descent start, flow start");
    expect((await runCliInProcess(["obstruction", "--net", "examples/net.json", "--need-positive", "2"])).stdout).toBe(
      "obstructed: 2 neuron(s) locked negative [1, 2] and 0 locked positive [] (pathological, c_k < 0; neurons numbered from 1); the 0 free neuron(s) cannot supply the 2 more positive and 0 more negative output weight(s) needed\n",
    );
  });

  it("should exit 2 without a requirement and for target signs of the wrong length", async () => {
    expectBadInput(await runCliInProcess(["obstruction", "--net", "examples/deep.safetensors"]));
    expectBadInput(await runCliInProcess(["obstruction", "--net", "examples/deep.safetensors", "--target-signs", "+"]));
  });
});
