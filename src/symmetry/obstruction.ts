import { InputError } from "../errors.js";
import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { exact, type Rational } from "../scalar/exact.js";
import { lockedWeights } from "../topology/lockedWeights.js";
import { deadNeurons, type DeadNeuron } from "./deadNeurons.js";
import { originNeurons } from "./_internals/originNeurons.js";
import { layerInvariants } from "../invariants/layerInvariants.js";
import { at } from "../scalar/at.js";

/** The verdict under one dynamics once dead neurons are counted: their output weights never change. */
export interface DynamicsVerdict {
  /** True when the locked and frozen output weights leave too few free ones for the requirement (or contradict the target signs). */
  obstructed: boolean;
  /** Output weights frozen by a dead neuron of the last hidden layer, or one at the origin (0-based), beyond the locked ones. */
  frozen: number[];
  /** Under the flow: output weights whose sign a balanced neuron (c_k = 0, a_k ≠ 0) keeps, beyond the locked ones (0-based). */
  signLocked?: number[];
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
  /**
   * With data, or with a balanced or zero neuron: the dead neurons of θ, and the verdicts under gradient
   * descent and gradient flow that count their frozen weights (and, under the flow, the balanced neurons' signs).
   */
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
 * (`deadNeurons`) keeps its output weight as it is, under the dynamics for which that is proven;
 * with or without data, so does a neuron at the origin (every dynamics), and under the gradient
 * flow a balanced neuron (c_k = 0, a_k ≠ 0) keeps the sign of its output weight
 * (docs/theory.md, "Balanced and zero neurons"); the topological verdict is kept beside these.
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
  const out = at(layers, L - 1).W;
  if (out.length !== 1)
    throw new InputError({
      field: "network",
      expected: "a network with a scalar output (e = 1) for the obstruction",
      value: `e = ${out.length}`,
    });
  for (const [name, v] of [
    ["needPositive", needPositive],
    ["needNegative", needNegative],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new InputError({ field: name, expected: "a non-negative integer", value: String(v) });
  }
  const a = at(out, 0);
  const l = a.length;
  const target = options.targetSigns;
  if (target !== undefined && (target.length !== l || !/^[+\-?]*$/.test(target)))
    throw new InputError({ field: "targetSigns", expected: `${l} characters, each +, - or ?`, value: target });
  const locked = lockedWeights(net)
    .filter((w) => w.layer === L)
    .map((w) => w.col);
  const lockedPositive = locked.filter((k) => exact.sign(at(a, k)) > 0);
  const lockedNegative = locked.filter((k) => exact.sign(at(a, k)) < 0);
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
  // Beyond the topology (docs/theory.md, "Balanced and zero neurons"): a neuron at the origin never
  // moves under any dynamics, and under the flow a balanced one (c_k = 0, a_k ≠ 0) keeps its sign.
  const lastHidden = L - 1;
  const origin = originNeurons(net)
    .filter(([h]) => h === lastHidden)
    .map(([, k]) => k);
  const cLast = at(layerInvariants({ activation: net.activation, layers }, exact), lastHidden - 1);
  const balanced = free.filter((k) => exact.sign(at(cLast, k)) === 0 && exact.sign(at(a, k)) !== 0);
  if (!deep && options.data === undefined && target === undefined && origin.length === 0 && balanced.length === 0) return verdict;
  verdict.lockedPattern = a.map((v, k) => (locked.includes(k) ? (exact.sign(v) > 0 ? "+" : "-") : "?")).join("");
  if (target !== undefined) {
    verdict.targetBlocked = locked.filter((k) => target[k] !== "?" && target[k] !== verdict.lockedPattern![k]);
    if (verdict.targetBlocked.length > 0) {
      verdict.obstructed = true;
      verdict.reason = `obstructed: the target signs ${target} contradict the locked output weight(s) [${oneBased(verdict.targetBlocked)}] (component ${verdict.lockedPattern}: + and - locked, ? free; neurons numbered from 1)`;
    } else
      verdict.reason = `${verdict.reason}. The target signs ${target} agree with every locked sign (component ${verdict.lockedPattern}): not excluded`;
  }
  if (options.data === undefined && origin.length === 0 && balanced.length === 0) return verdict;
  const originSet = new Set(origin);
  const dead =
    options.data !== undefined
      ? deadNeurons(net, options.data.X)
      : deadNeurons(net, []).filter((d) => d.layer === lastHidden && originSet.has(d.neuron));
  verdict.dead = dead;
  const last = dead.filter((d) => d.layer === lastHidden);
  for (const dynamics of ["gd", "flow"] as const) {
    const frozen = last.filter((d) => d[dynamics] === "forever" && !locked.includes(d.neuron)).map((d) => d.neuron);
    // under the flow only: a finite step of gradient descent can jump a balanced neuron's output weight across 0
    const signKept = dynamics === "flow" ? balanced.filter((k) => !frozen.includes(k)) : [];
    const held = [...frozen, ...signKept];
    const stillFree = free.filter((k) => !held.includes(k));
    const pos = [...lockedPositive, ...held.filter((k) => exact.sign(at(a, k)) > 0)];
    const neg = [...lockedNegative, ...held.filter((k) => exact.sign(at(a, k)) < 0)];
    const r = decide(needPositive, needNegative, pos, neg, stillFree);
    const blocked =
      target === undefined ? [] : held.filter((k) => target[k] !== "?" && target[k] !== signChar(at(a, k))).sort((x, y) => x - y);
    const obstructed = verdict.obstructed || r.obstructed || blocked.length > 0;
    const name = dynamics === "gd" ? "gradient descent" : "gradient flow";
    const parts: string[] = [];
    if (frozen.length > 0) parts.push(`dead or zero neuron(s) [${oneBased(frozen)}] keep their output weights forever`);
    if (signKept.length > 0)
      parts.push(`balanced neuron(s) [${oneBased(signKept)}] (c_k = 0, a_k ≠ 0) keep the sign of their output weights along the flow`);
    const against = blocked.length > 0 ? `, against the target signs at [${oneBased(blocked)}]` : "";
    const gdNote =
      dynamics === "gd" && balanced.length > 0
        ? `; balanced neuron(s) [${oneBased(balanced)}] (c_k = 0) are sign-locked under the flow only: a finite step can cross 0`
        : "";
    verdict[dynamics] = {
      obstructed,
      frozen,
      reason:
        parts.length === 0
          ? `${name}: no output weight frozen by a dead neuron${gdNote}; the topological verdict stands`
          : `${name}: ${parts.join("; ")}${against}; ${obstructed ? "obstructed" : "not excluded"} with ${stillFree.length} free neuron(s) left${gdNote} (the topological verdict: ${verdict.obstructed ? "obstructed" : "not excluded"})`,
      ...(signKept.length > 0 ? { signLocked: signKept } : {}),
    };
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
