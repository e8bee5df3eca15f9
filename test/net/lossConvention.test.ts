import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forward } from "../../src/net/forward.js";
import { loss } from "../../src/net/loss.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { exact } from "../../src/scalar/exact.js";
import { netAndData } from "../helpers/arbitraries.js";
import { runCliInProcess } from "../helpers/runCli.js";

const S = exact;
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gd/${name}`, import.meta.url));

describe("the mse convention: PyTorch's nn.MSELoss, the mean over every element", () => {
  it("should divide the summed squared error by n·e for mse and by n for sse-mean, loss and gradient alike", () => {
    fc.assert(
      fc.property(netAndData, ({ net, data }) => {
        // Arrange: the squared error summed over points and outputs, from the forward pass alone
        const { F } = forward(net, data.X, S);
        let sum = S.zero;
        F.forEach((f, i) => {
          for (const [j, v] of f.entries()) sum = S.add(sum, S.mul(S.sub(v, data.Y[i]![j]!), S.sub(v, data.Y[i]![j]!)));
        });
        const n = data.X.length;
        const e = net.layers[net.layers.length - 1]!.W.length;
        // Act
        const mse = lossAndGradient(net, data, S, "mse");
        const sseMean = lossAndGradient(net, data, S, "sse-mean");
        // Assert
        expect(S.toString(loss(net, data, S, "mse"))).toBe(S.toString(S.div(sum, S.fromInt(n * e))));
        expect(S.toString(mse.loss)).toBe(S.toString(S.div(sum, S.fromInt(n * e))));
        expect(S.toString(sseMean.loss)).toBe(S.toString(S.div(sum, S.fromInt(n))));
        const g = packNetwork(mse.grad);
        const h = packNetwork(sseMean.grad);
        expect(h.map((v) => S.toString(v))).toEqual(g.map((v) => S.toString(S.mul(v, S.fromInt(e)))));
      }),
      { numRuns: 150 },
    );
  });

  it("should follow PyTorch's nn.MSELoss and SGD with momentum on a two-output network, step for step", async () => {
    // Arrange: the run of torch 1.13 in float64 (test/fixtures/gd/two_output_torch.py)
    const torch = JSON.parse(readFileSync(fixture("two-output.torch.json"), "utf8")) as {
      losses: number[];
      W1: number[][];
      b1: number[];
      W2: number[][];
      b2: number[];
    };
    const args = ["gd", "--net", fixture("two-output.json"), "--data", fixture("two-output.csv"), "--lr", "1/10", "--steps", "5"];
    // Act: exact rationals and float64
    type Run = { losses: string[]; params: Record<string, string[] | string[][]>; invariants: string[][] };
    const runs: Run[] = [];
    for (const arith of ["exact", "float"]) {
      const r = await runCliInProcess([...args, "--momentum", "9/10", "--arith", arith, "--json"]);
      expect(r.status, r.stderr).toBe(0);
      runs.push(JSON.parse(r.stdout) as Run);
    }
    const sse = JSON.parse((await runCliInProcess([...args, "--momentum", "9/10", "--loss", "sse-mean", "--json"])).stdout) as {
      losses: string[];
    };
    // Assert: the loss is the mean over all 6 elements, not over the 3 rows (twice as large); every step matches
    // exact values are rationals of hundreds of digits: divide in BigInt to 30 digits first
    const num = (t: string): number => {
      const m = /^(-?\d+)\/(\d+)$/.exec(t);
      return m ? Number((BigInt(m[1]!) * 10n ** 30n) / BigInt(m[2]!)) / 1e30 : Number(t);
    };
    const close = (a: number, b: number): void => {
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    };
    for (const run of runs) {
      for (const [t, l] of run.losses.entries()) close(num(l), torch.losses[t]!);
      const theirs = [...torch.W1.flat(), ...torch.b1, ...torch.W2.flat(), ...torch.b2];
      const ours = [run.params.W1!, run.params.b1!, run.params.W2!, run.params.b2!].flat(2) as string[];
      for (const [q, v] of ours.entries()) close(num(v), theirs[q]!);
      // c_k = ‖w_k‖² + b_k² − ‖a_k‖² from PyTorch's parameters
      const c = [0, 1].map(
        (k) => torch.W1[k]![0]! ** 2 + torch.W1[k]![1]! ** 2 + torch.b1[k]! ** 2 - torch.W2[0]![k]! ** 2 - torch.W2[1]![k]! ** 2,
      );
      for (const [k, v] of run.invariants[5]!.entries()) close(num(v), c[k]!);
    }
    expect(num(runs[0]!.losses[0]!)).toBeCloseTo(17.203912037037032, 12);
    expect(num(sse.losses[0]!)).toBeCloseTo(2 * 17.203912037037032, 11);
  });
});
