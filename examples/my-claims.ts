// A claim module for `relutopo check --file examples/my-claims.ts`.
import { arbProblem, defineClaim, exact, gradientDescent, networkIn, datasetIn, neuronInvariants } from "relutopo";

/** Tiny steps drift less: one GD step with η/2 moves c_k by a quarter of the step with η (drift = η²(…)). */
export const quarterDrift = defineClaim({
  name: "half-step-quarter-drift",
  statement: "Halving the learning rate divides the one-step drift of every c_k by exactly 4.",
  tag: "theorem",
  arbitraries: [arbProblem({ width: { max: 3 } })],
  predicate: ({ net, data }) => {
    const [θ, d] = [networkIn(net, exact), datasetIn(data, exact)];
    const drift = (lr: string) => gradientDescent(θ, d, exact, { lr: exact.parse(lr), steps: 1, loss: "mse" }).observedDrift[0]!;
    const full = drift("1/4");
    return drift("1/8").every((v, k) => exact.eq(exact.mul(v, exact.fromInt(4)), full[k]!));
  },
});

/** A false claim: GD leaves every c_k where it was. */
export const gdKeepsC = defineClaim({
  name: "my-gd-keeps-c",
  statement: "One gradient-descent step leaves every c_k unchanged.",
  tag: "false",
  arbitraries: [arbProblem({ width: { max: 3 } })],
  predicate: ({ net, data }) => {
    const θ = networkIn(net, exact);
    const run = gradientDescent(θ, datasetIn(data, exact), exact, { lr: exact.parse("1/2"), steps: 1, loss: "mse" });
    return run.invariants[1]!.every((v, k) => exact.eq(v, neuronInvariants(θ, exact)[k]!));
  },
});
