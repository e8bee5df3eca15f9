import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { flowWork } from "../../src/flow/flowWork.js";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import { readAnyNetwork } from "../../src/net/readAnyNetwork.js";
import { readDataset } from "../../src/net/readDataset.js";

const example = (name: string): string => readFileSync(fileURLToPath(new URL(`../../examples/${name}`, import.meta.url)), "utf8");

describe("flowWork for gauss", () => {
  // The estimate follows the default step rule from the field's scale alone; the run chooses its steps from a trial step.
  it.each([
    ["toy.json", "toy.csv", 20, "1/4"],
    ["toy.json", "toy.csv", 10, "1"],
    ["deep-sliding.json", "deep-sliding.csv", 10, "1/4"],
    ["sliding.json", "sliding.csv", 30, "1/2"],
  ])("should count the steps %s on %s takes at %i digits to T = %s within a factor of 2", (netFile, dataFile, digits, time) => {
    // Arrange
    const net = readAnyNetwork(example(netFile));
    const data = readDataset(example(dataFile), net.layers[0]!.W[0]!.length, net.layers[net.layers.length - 1]!.W.length);
    const [num, den = "1"] = time.split("/");
    // Act
    const estimate = flowWork(net, data, { method: "gauss", digits, time: Number(num) / Number(den), samples: 0 });
    let calls = 0;
    integrateFlow(net, data, { time, digits, method: "gauss", onProgress: () => calls++ });
    // Assert: one progress call a step and one at T
    const estimated = Number(/, (\d+) steps,/.exec(estimate.detail)?.[1]);
    const taken = calls - 1;
    expect(taken).toBeGreaterThan(10);
    expect(estimated / taken).toBeGreaterThan(0.5);
    expect(estimated / taken).toBeLessThan(2);
  });

  it("should count the steps given and grow with them", () => {
    const net = readAnyNetwork(example("toy.json"));
    const data = readDataset(example("toy.csv"), 2, 1);
    const at = (steps: number) => flowWork(net, data, { method: "gauss", digits: 30, time: 1, samples: 0, steps });
    expect(at(100).detail).toContain(", 100 steps,");
    // ten times the steps, each shorter and so solved in fewer sweeps
    expect(at(1000).seconds).toBeGreaterThan(3 * at(100).seconds);
  });

  it("should price the tableau of many stages: 1000 digits are past a day at any size", () => {
    const net = readAnyNetwork(example("toy.json"));
    const data = readDataset(example("toy.csv"), 2, 1);
    expect(flowWork(net, data, { method: "gauss", digits: 1000, time: 1, samples: 0 }).seconds).toBeGreaterThan(86_400);
  });
});
