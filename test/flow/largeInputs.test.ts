import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flowWork } from "../../src/flow/flowWork.js";
import { gradientDescentWork } from "../../src/flow/gradientDescentWork.js";
import { compileFixedLayeredNet } from "../../src/net/kernels/fixedLayeredNet.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { fixed } from "../../src/scalar/fixedPoint.js";
import { runCliInProcess } from "../helpers/runCli.js";
import { twoLayer } from "../helpers/twoLayer.js";

// Large but legal inputs: 130,000 data rows, a hidden neuron of fan-in 200,000. Spreading that
// many values as call arguments (Math.max(...v), push(...row)) overflows the call stack, and an
// n × n Gram matrix of 130,000 rows does not fit in memory: each must run or be refused in one line.
const ROWS = 130_000;
const FAN_IN = 200_000;
const bigData = {
  X: Array.from({ length: ROWS }, (_, i) => [String((i % 200) - 100) + "/50"]),
  Y: Array.from({ length: ROWS }, (_, i) => [String(Math.abs((i % 200) - 100)) + "/50"]),
};
const smallNet = { activation: { kind: "relu" as const }, W1: [["3/5"], ["-1/2"]], b1: ["1/5", "1/10"], W2: [["-1", "1/3"]] };
const wideNet = { activation: { kind: "relu" as const }, W1: [Array.from({ length: FAN_IN }, (_, m) => String((m % 7) - 3))], W2: [["1"]] };
const wideData = { X: [Array.from({ length: FAN_IN }, () => "1")], Y: [["1"]] };

describe("large inputs", () => {
  it("should pack a network with a neuron of fan-in 200,000 in order", () => {
    const v = packNetwork(twoLayer(wideNet));
    expect(v.length).toBe(FAN_IN + 1);
    expect([v[0], v[6], v[FAN_IN - 1], v[FAN_IN]]).toEqual(["-3", "3", String(((FAN_IN - 1) % 7) - 3), "1"]);
  });

  it("should estimate gd and flow work on 130,000 rows from the longest value", () => {
    const long = { ...bigData, X: bigData.X.map((x, i) => (i === ROWS - 1 ? ["123456789/1000"] : x)) };
    expect(gradientDescentWork(twoLayer(smallNet), long, "exact", 1).detail).toContain(`${ROWS} rows at 14 digits`);
    expect(flowWork(twoLayer(smallNet), long, { method: "rk4", digits: 10, time: 1, samples: 0 }).detail).toContain(
      `6 parameters × ${ROWS} rows`,
    );
    expect(gradientDescentWork(twoLayer(wideNet), wideData, "float", 1).detail).toContain(`${FAN_IN + 1} parameters`);
  });

  it("should compile 130,000 rows to fixed point without an n × n Gram matrix", () => {
    const F = fixed(64);
    const { net, theta0 } = compileFixedLayeredNet(twoLayer(smallNet), bigData, F, "mse");
    expect(net.n).toBe(ROWS);
    expect(theta0.length).toBe(6);
  });

  describe("the CLI", () => {
    const tmp = mkdtempSync(join(tmpdir(), "relutopo-large-"));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    it("should inspect a network with a neuron of fan-in 200,000 on its data (exit 0, no internal error)", async () => {
      const net = join(tmp, "wide.json");
      const data = join(tmp, "wide.csv");
      writeFileSync(net, JSON.stringify({ ...wideNet, activation: "relu" }));
      writeFileSync(data, `${Array.from({ length: FAN_IN }, (_, m) => `x${m + 1}`).join(",")},y\n${wideData.X[0]!.join(",")},1\n`);
      const r = await runCliInProcess(["inspect", "--net", net, "--data", data]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`${FAN_IN} -> 1 -> 1`);
    }, 60_000);
  });
});
