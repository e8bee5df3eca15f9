import { InputError } from "../errors.js";
import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { exact, type Rational } from "../scalar/exact.js";
import { lockedWeights } from "../topology/lockedWeights.js";
import { deadNeurons, type DeadNeuron } from "./deadNeurons.js";

/** The verdict under one dynamics once dead neurons are counted: their output weights never change. */
export interface DynamicsVerdict {
  /** True when the locked and frozen output weights leave too few free ones for the requirement (or contradict the target signs). */
  obstructed: boolean;
  /** Output weights frozen by a dead neuron of the last hidden layer (0-based), beyond the locked ones. */
  frozen: number[];
  reason: string;
}

/** The verdict of {@link obstruction}, with the reason in numbers. */
export interface ObstructionVerdict {
  /** True when no network in the component of θ has the required output-weight signs. */
  obstructed: boolean;
  needPositive: number;
  needNegative: number;
  /** Output weights locked positive / negative on the invariant set (pathological neurons, c_k < 0, and at depth their chains). */
  lockedPositive: number[];
  lockedNegative: number[];
  /** Neurons whose output weight can take either sign within the component. */
  free: number[];
  reason: string;
  /** Deep networks, data or target signs only: the output weights' signs in the component, `+`/`-` locked, `?` free. */
  lockedPattern?: string;
  /** With target signs: the output weights whose target sign contradicts a locked sign (0-based). */
  targetBlocked?: number[];
  /** With data: the dead neurons of θ, and the verdicts under gradient descent and gradient flow that count their frozen weights. */
  dead?: DeadNeuron[];
  gd?: DynamicsVerdict;
  flow?: DynamicsVerdict;
}

/** Options of {@link obstruction}. */
export interface ObstructionOptions {
  /** Data: dead neurons are found on its inputs and their frozen output weights counted. */
  data?: Dataset<Rational> | undefined;
  /** A target sign for each output weight, `+`, `-` or `?` (either): a sign contradicting a locked one is excluded. */
  targetSigns?: string | undefined;
}

/**
 * Decides, for a scalar-output network of any depth, whether the component of H(c) that θ lies in
 * contains a network with at least `needPositive` positive and `needNegative` negative output
 * weights (the weights of the last weight layer). A locked output weight (`lockedWeights`: with two
 * layers, the pathological neurons, c_k < 0) keeps its sign on the component; every other one takes
 * either sign there, independently of the others (docs/deep-networks.md: the reflections of free
 * weights stay in the component), so the question is whether the free weights can cover both
 * shortfalls. Any target sign pattern that differs from a locked sign is excluded; the others are not
 * excluded, a topological verdict. With data, a dead neuron of the last hidden layer
 * (`deadNeurons`) keeps its output weight as it is, under the dynamics for which that is proven.
 *
 * @param net - the network θ, exact
 * @param needPositive - output weights that must be positive
 * @param needNegative - output weights that must be negative
 * @param options - data for dead neurons, target signs
 * @returns whether the component of θ is obstructed, and why
 * @throws InputError unless the output is scalar, the requirements are non-negative integers and the target signs fit
 * @example const net = { activation: { kind: "relu" }, layers: [{ W: [[exact.parse("1")]] }, { W: [[exact.parse("-2")]] }] };
 * obstruction(net, 1, 0).obstructed
 * // returns true
 */
export function obstruction(
  net: LayeredNetwork<Rational>,
  needPositive: number,
  needNegative: number,
  options: ObstructionOptions = {},
): ObstructionVerdict {
  const deep = net.layers.length > 2;
  const { layers } = net;
  const L = layers.length;
  const out = layers[L - 1]!.W;
  if (out.length !== 1) throw new InputError(`invalid network. Obstruction needs a scalar output (e = 1). Value: \`e = ${out.length}\`.`);
  for (const [name, v] of [
    ["needPositive", needPositive],
    ["needNegative", needNegative],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new InputError({ field: name, expected: "a non-negative integer", value: String(v) });
  }
  const a = out[0]!;
  const l = a.length;
  const target = options.targetSigns;
  if (target !== undefined && (target.length !== l || !/^[+\-?]*$/.test(target)))
    throw new InputError({ field: "targetSigns", expected: `${l} characters, each +, - or ?`, value: target });
  const locked = lockedWeights(net)
    .filter((w) => w.layer === L)
    .map((w) => w.col);
  const lockedPositive = locked.filter((k) => exact.sign(a[k]!) > 0);
  const lockedNegative = locked.filter((k) => exact.sign(a[k]!) < 0);
  const free = [...Array(l).keys()].filter((k) => !locked.includes(k));
  const base = decide(needPositive, needNegative, lockedPositive, lockedNegative, free);
  const verdict: ObstructionVerdict = {
    obstructed: base.obstructed,
    needPositive,
    needNegative,
    lockedPositive,
    lockedNegative,
    free,
    reason: base.obstructed
      ? `obstructed: ${lockedNegative.length} neuron(s) locked negative [${oneBased(lockedNegative)}] and ${lockedPositive.length} locked positive [${oneBased(lockedPositive)}] (${deep ? "sign-locked output weights" : "pathological, c_k < 0"}; neurons numbered from 1); the ${free.length} free neuron(s) cannot supply the ${base.missingPositive} more positive and ${base.missingNegative} more negative output weight(s) needed`
      : `not excluded: the component of this start also holds networks with the wanted signs (${lockedPositive.length} locked positive, ${lockedNegative.length} locked negative, ${free.length} free neuron(s) cover the ${base.missingPositive} more positive and ${base.missingNegative} more negative output weight(s) needed); a topological verdict, not a promise that training reaches them`,
  };
  if (!deep && options.data === undefined && target === undefined) return verdict;
  verdict.lockedPattern = a.map((v, k) => (locked.includes(k) ? (exact.sign(v) > 0 ? "+" : "-") : "?")).join("");
  if (target !== undefined) {
    verdict.targetBlocked = locked.filter((k) => target[k] !== "?" && target[k] !== verdict.lockedPattern![k]);
    if (verdict.targetBlocked.length > 0) {
      verdict.obstructed = true;
      verdict.reason = `obstructed: the target signs ${target} contradict the locked output weight(s) [${oneBased(verdict.targetBlocked)}] (component ${verdict.lockedPattern}: + and - locked, ? free; neurons numbered from 1)`;
    } else
      verdict.reason = `${verdict.reason}. The target signs ${target} agree with every locked sign (component ${verdict.lockedPattern}): not excluded`;
  }
  if (options.data !== undefined) {
    const dead = deadNeurons(net, options.data.X);
    verdict.dead = dead;
    const last = dead.filter((d) => d.layer === L - 1);
    for (const dynamics of ["gd", "flow"] as const) {
      const frozen = last.filter((d) => d[dynamics] === "forever" && !locked.includes(d.neuron)).map((d) => d.neuron);
      const stillFree = free.filter((k) => !frozen.includes(k));
      const pos = [...lockedPositive, ...frozen.filter((k) => exact.sign(a[k]!) > 0)];
      const neg = [...lockedNegative, ...frozen.filter((k) => exact.sign(a[k]!) < 0)];
      const r = decide(needPositive, needNegative, pos, neg, stillFree);
      const blocked = target === undefined ? [] : frozen.filter((k) => target[k] !== "?" && target[k] !== signChar(a[k]!));
      const obstructed = verdict.obstructed || r.obstructed || blocked.length > 0;
      const name = dynamics === "gd" ? "gradient descent" : "gradient flow";
      verdict[dynamics] = {
        obstructed,
        frozen,
        reason:
          frozen.length === 0
            ? `${name}: no output weight frozen by a dead neuron; the topological verdict stands`
            : `${name}: dead neuron(s) [${oneBased(frozen)}] keep their output weights forever${blocked.length > 0 ? `, against the target signs at [${oneBased(blocked)}]` : ""}; ${obstructed ? "obstructed" : "not excluded"} with ${stillFree.length} free neuron(s) left`,
      };
    }
  }
  return verdict;
}

/** Whether the free neurons can cover both shortfalls left by the locked ones. */
function decide(
  needPositive: number,
  needNegative: number,
  positive: readonly number[],
  negative: readonly number[],
  free: readonly number[],
): { obstructed: boolean; missingPositive: number; missingNegative: number } {
  const missingPositive = Math.max(0, needPositive - positive.length);
  const missingNegative = Math.max(0, needNegative - negative.length);
  return { obstructed: missingPositive + missingNegative > free.length, missingPositive, missingNegative };
}

function signChar(v: Rational): string {
  const s = exact.sign(v);
  return s > 0 ? "+" : s < 0 ? "-" : "0";
}

/** Neuron indices as the human-readable text numbers them: from 1. */
function oneBased(ks: readonly number[]): string {
  return ks.map((k) => k + 1).join(", ");
}
