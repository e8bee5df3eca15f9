import { Decimal } from "decimal.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import type { Dataset } from "../../net/dataset.js";
import type { LossKind } from "../../net/loss.js";
import { networkShape, type Network } from "../../net/network.js";
import { parseRational } from "../../scalar/parseRational.js";
import { fixed, fixedBits, fixedToRationalText, parseFixed, type Fixed } from "../../scalar/fixedPoint.js";

/**
 * A network and its data compiled to fixed point for the flow integrators.
 * Parameters live in one vector θ: the extended incoming weights w̃_k = (W1[k], b1[k])
 * (k·dIn + m), then W2 (l·dIn + j·l + k), then b2.
 *
 * @internal
 */
export interface FlowProblem {
  readonly F: Fixed;
  readonly n: number;
  readonly l: number;
  readonly e: number;
  readonly d: number;
  readonly dIn: number;
  readonly hiddenBias: boolean;
  readonly outputBias: boolean;
  /** Length of θ. */
  readonly size: number;
  /** Extended inputs x̃_i (fixed point), n × dIn. */
  readonly X: bigint[][];
  /** Targets, n × e. */
  readonly Y: bigint[][];
  /** Gram matrix x̃_i·x̃_j. */
  readonly G: bigint[][];
  /** σ' on the positive side, on the negative side, and at 0 exactly (PyTorch). */
  readonly sPlus: bigint;
  readonly sMinus: bigint;
  readonly sZero: bigint;
  /** True when σ has a kink (s+ ≠ s−). */
  readonly kinked: boolean;
  /** (1/n)·(2 for mse, 1 for bce): dL/df_ij = rScale·(f − y) or rScale·(σ(f) − y). */
  readonly rScale: bigint;
  readonly loss: LossKind;
  /** True when ‖x̃_i‖ = 0 (its pre-activations never move). */
  readonly nullPoint: boolean[];
  /** Working precision in decimal digits of the decimal.js edge computations. */
  readonly edgeDigits: number;
  /** decimal.js at edgeDigits, for exp/log. */
  readonly Dec: typeof Decimal;
}

const wIndex = (p: FlowProblem, k: number, m: number): number => k * p.dIn + m;
const aIndex = (p: FlowProblem, j: number, k: number): number => p.l * p.dIn + j * p.l + k;
const bIndex = (p: FlowProblem, j: number): number => p.l * p.dIn + p.e * p.l + j;
export { aIndex, bIndex, wIndex };

function magnitudeBits(values: string[]): number {
  let max = 1;
  for (const v of values) {
    const { num, den } = parseRational(v);
    const a = Math.abs(Number(num) / Number(den));
    if (Number.isFinite(a) && a > max) max = a;
  }
  return Math.ceil(Math.log2(max)) * 3;
}

/** Compiles a network and a data set to fixed point with enough bits for `digits` digits. @internal */
export function compileFlowProblem(net: Network<string>, data: Dataset<string>, digits: number, loss: LossKind): { problem: FlowProblem; theta0: bigint[] } {
  const { d, l, e, dIn, hiddenBias, outputBias } = networkShape(net);
  const all: string[] = [...net.W1.flat(), ...(net.b1 ?? []), ...net.W2.flat(), ...(net.b2 ?? []), ...data.X.flat(), ...data.Y.flat()];
  const F = fixed(fixedBits(digits, magnitudeBits(all)));
  const n = data.X.length;
  const X = data.X.map((row) => [...row.map((v) => parseFixed(F, v)), ...(hiddenBias ? [F.ONE] : [])]);
  const Y = data.Y.map((row) => row.map((v) => parseFixed(F, v)));
  const G = X.map((xi) => X.map((xj) => xi.reduce((s, v, m) => s + v * xj[m]!, 0n) >> F.bigP));
  let sPlus = F.ONE;
  let sMinus = 0n;
  let sZero = 0n;
  switch (net.activation.kind) {
    case "linear":
      sMinus = F.ONE;
      sZero = F.ONE;
      break;
    case "abs":
      sMinus = -F.ONE;
      break;
    case "leaky_relu":
      sMinus = parseFixed(F, net.activation.slope);
      sZero = sMinus;
      break;
    case "relu":
      break;
  }
  const size = l * dIn + e * l + (outputBias ? e : 0);
  const edgeDigits = Math.ceil(F.P / Math.log2(10)) + 10;
  const problem: FlowProblem = {
    F,
    n,
    l,
    e,
    d,
    dIn,
    hiddenBias,
    outputBias,
    size,
    X,
    Y,
    G,
    sPlus,
    sMinus,
    sZero,
    kinked: sPlus !== sMinus,
    rScale: parseFixed(F, `${loss === "mse" ? 2 : 1}/${n}`),
    loss,
    nullPoint: X.map((x) => x.every((v) => v === 0n)),
    edgeDigits,
    Dec: decimalContext(edgeDigits, { notation: "decimal.js" }),
  };
  const theta0 = new Array<bigint>(size).fill(0n);
  for (let k = 0; k < l; k++) {
    for (let m = 0; m < d; m++) theta0[wIndex(problem, k, m)] = parseFixed(F, net.W1[k]![m]!);
    if (hiddenBias) theta0[wIndex(problem, k, d)] = parseFixed(F, net.b1![k]!);
    for (let j = 0; j < e; j++) theta0[aIndex(problem, j, k)] = parseFixed(F, net.W2[j]![k]!);
  }
  if (outputBias) for (let j = 0; j < e; j++) theta0[bIndex(problem, j)] = parseFixed(F, net.b2![j]!);
  return { problem, theta0 };
}

/** θ as a network whose entries are exact rational text "V/2^P" (convert with any Scalar's parse). @internal */
export function thetaToNetwork(p: FlowProblem, net: Network<string>, theta: readonly bigint[]): Network<string> {
  const t = (i: number): string => fixedToRationalText(p.F, theta[i]!);
  const range = (len: number): number[] => Array.from({ length: len }, (_, i) => i);
  return {
    activation: net.activation,
    W1: range(p.l).map((k) => range(p.d).map((m) => t(wIndex(p, k, m)))),
    b1: p.hiddenBias ? range(p.l).map((k) => t(wIndex(p, k, p.d))) : undefined,
    W2: range(p.e).map((j) => range(p.l).map((k) => t(aIndex(p, j, k)))),
    b2: p.outputBias ? range(p.e).map((j) => t(bIndex(p, j))) : undefined,
  };
}

/** c_k = ‖w̃_k‖² − ‖a_k‖² in fixed point. @internal */
export function fixedInvariants(p: FlowProblem, theta: readonly bigint[]): bigint[] {
  const out: bigint[] = [];
  for (let k = 0; k < p.l; k++) {
    let s = 0n;
    for (let m = 0; m < p.dIn; m++) s += theta[wIndex(p, k, m)]! ** 2n;
    for (let j = 0; j < p.e; j++) s -= theta[aIndex(p, j, k)]! ** 2n;
    out.push(s >> p.F.bigP);
  }
  return out;
}

/** The logistic function 1/(1 + e^{−f}) of a fixed-point value, through decimal.js. @internal */
export function fixedSigmoid(p: FlowProblem, f: bigint): bigint {
  const { Dec, F } = p;
  const x = new Dec(f.toString()).div(new Dec(F.ONE.toString()));
  const s = new Dec(1).div(new Dec(1).plus(Dec.exp(x.neg())));
  return BigInt(s.times(new Dec(F.ONE.toString())).toFixed(0));
}

/** e^{x} of a fixed-point value, through decimal.js. @internal */
export function fixedExp(p: FlowProblem, x: bigint): bigint {
  const { Dec, F } = p;
  const v = Dec.exp(new Dec(x.toString()).div(new Dec(F.ONE.toString())));
  return BigInt(v.times(new Dec(F.ONE.toString())).toFixed(0));
}
