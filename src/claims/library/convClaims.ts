import { at } from "../../scalar/at.js";
import { datasetIn } from "../../net/datasetIn.js";
import { networkIn } from "../../net/networkIn.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbConvProblem, type ConvProblem } from "../arbitraries/arbConvProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { channelBalances, gdStep } from "../_internals/exactHelpers.js";

const Q = exact;

/** One exact GD step on a conv problem: c per channel before and after, and η²(‖g_w̃‖² − ‖g_a‖²), each by definition. */
function convStep(p: ConvProblem, lrText: string): { before: Rational[][]; after: Rational[][]; predicted: Rational[][] } {
  const net = networkIn(p.net, Q);
  const lr = Q.parse(lrText);
  const { next, grad } = gdStep(net, datasetIn(p.data, Q), lr);
  const lr2 = Q.mul(lr, lr);
  return {
    before: channelBalances(net),
    after: channelBalances(next),
    predicted: channelBalances(net, grad).map((row) => row.map((v) => Q.mul(lr2, v))),
  };
}

const texts = (rows: readonly (readonly Rational[])[]): string[][] => rows.map((r) => r.map(Q.toString));

/** Theorem: one exact GD step on a conv net moves every per-channel c by exactly η²(‖g_w̃‖² − ‖g_a‖²). */
export const convGdDriftIdentity: Claim<[ConvProblem, string]> = defineClaim({
  name: "conv-gd-drift-identity",
  statement:
    "One exact gradient-descent step θ ← θ − η∇L (mean squared error) on a small Conv1d or Conv2d network (1 or 2 convolutions with kernel 1–3, stride 1–2, padding 0–1 and groups, each followed by the activation and optionally max or average pooling, then flatten and a linear output) changes the invariant c_{l,j} = ‖K_l[j]‖² + b_l[j]² − ‖K_{l+1}[:, j]‖² of every output channel j of every convolution by exactly η²(‖g_w̃‖² − ‖g_a‖²), with g_w̃ the gradient of the channel's kernel and bias and g_a that of every weight that reads the channel.",
  tag: "theorem",
  arbitraries: [arbConvProblem(), arbRational({ maxNum: 4, maxDen: 8, sign: "positive" })],
  predicate: (p, lr) => {
    const { before, after, predicted } = convStep(p, lr);
    return before.every((row, l) => row.every((c, j) => Q.eq(Q.sub(at(at(after, l), j), c), at(at(predicted, l), j))));
  },
  witness: (p, lr) => {
    const { before, after, predicted } = convStep(p, lr);
    return { net: p.net, data: datasetCsv(p.data), lr, before: texts(before), after: texts(after), predictedDrift: texts(predicted) };
  },
});
