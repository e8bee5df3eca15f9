import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ConvergenceError } from "../../src/errors.js";
import { integrateFlow, type FlowRun } from "../../src/flow/integrateFlow.js";
import type { Activation } from "../../src/net/activation.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { runs } from "../helpers/campaign.js";

/** Small rationals p/q with |p| ≤ 2q, q ≤ 6, zero about one time in eight: exact zeros put points on kinks. */
const small = fc
  .tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 6 }))
  .map(([p, q]) => `${Math.max(-2 * q, Math.min(2 * q, p))}/${q}`);
const mat = (rows: number, cols: number) =>
  fc.array(fc.array(small, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
const vec = (n: number) => fc.array(small, { minLength: n, maxLength: n });

/**
 * Nets of one or two hidden layers (inputs 1 to 3, widths 2 to 4, biases or none) and 3 to 7 points, one of them
 * sometimes twice: many of them slide, are released, cross several kinks at one instant or share a surface.
 */
const flowProblem = fc
  .record({
    d: fc.integer({ min: 1, max: 3 }),
    l: fc.integer({ min: 2, max: 4 }),
    m: fc.integer({ min: 2, max: 3 }),
    n: fc.integer({ min: 3, max: 6 }),
  })
  .chain(({ d, l, m, n }) =>
    fc.record({
      activation: fc.constantFrom<Activation>({ kind: "relu" }, { kind: "leaky_relu", slope: "1/4" }, { kind: "abs" }),
      W1: mat(l, d),
      b1: fc.option(vec(l), { nil: undefined }),
      upper: fc.option(fc.record({ W: mat(m, l), b: fc.option(vec(m), { nil: undefined }) }), { nil: undefined }),
      out: vec(4),
      X: mat(n, d),
      Y: mat(n, 1),
      twice: fc.boolean(),
    }),
  )
  .map(({ activation, W1, b1, upper, out, X, Y, twice }) => {
    const hidden: Layer<string>[] = [{ W: W1, ...(b1 === undefined ? {} : { b: b1 }) }];
    if (upper !== undefined) hidden.push({ W: upper.W, ...(upper.b === undefined ? {} : { b: upper.b }) });
    const top = { W: [out.slice(0, hidden.at(-1)!.W.length)] };
    return {
      net: { activation, layers: [...hidden, top] } as LayeredNetwork<string>,
      data: twice ? { X: [...X, X[0]!], Y: [...Y, Y[0]!] } : { X, Y },
    };
  });

/** Every parameter of a run's endpoint, layer by layer. */
function endpoint(run: FlowRun): Decimal[] {
  const p = run.params as { layers?: { W: string[][]; b?: string[] }[] } & Record<string, string[][] | string[] | undefined>;
  const layers = p.layers ?? [1, 2].map((l) => ({ W: p[`W${l}`] as string[][], b: p[`b${l}`] as string[] | undefined }));
  return layers.flatMap(({ W, b }) => [...W.flat(), ...(b ?? [])].map((v) => new Decimal(v)));
}

describe("integrateFlow at two precisions", () => {
  it("should end at 16 digits within 10^−11 of where it ends at 32, on random nets with kinks, slides and shared surfaces", {
    tags: ["long"],
    timeout: 600_000,
  }, () => {
    fc.assert(
      fc.property(flowProblem, ({ net, data }) => {
        let coarse: FlowRun;
        let fine: FlowRun;
        try {
          coarse = integrateFlow(net, data, { time: "2", digits: 16 });
          fine = integrateFlow(net, data, { time: "2", digits: 32 });
        } catch (e) {
          // a run that stops (nested sliding, stalled at a kink) has no endpoint to compare
          if (e instanceof ConvergenceError) return fc.pre(false);
          throw e;
        }
        const a = endpoint(coarse);
        const b = endpoint(fine);
        const gap = a.reduce((m, v, k) => Decimal.max(m, v.minus(b[k]!).abs()), new Decimal(0));
        expect(gap.toNumber()).toBeLessThan(1e-11);
      }),
      { numRuns: runs(250, 4), seed: 20261207 },
    );
  });
});
