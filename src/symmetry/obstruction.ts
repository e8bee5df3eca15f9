import { InputError } from "../errors.js";
import { neuronInvariants } from "../invariants/neuronInvariants.js";
import type { Network } from "../net/network.js";
import { networkShape } from "../net/networkShape.js";
import { exact, type Rational } from "../scalar/exact.js";
import { splitNeurons } from "../topology/splitNeurons.js";

/** The verdict of {@link obstruction}, with the reason in numbers. */
export interface ObstructionVerdict {
  /** True when no network in the component of θ has the required output-weight signs. */
  obstructed: boolean;
  needPositive: number;
  needNegative: number;
  /** Pathological neurons whose output weight is locked positive / negative. */
  lockedPositive: number[];
  lockedNegative: number[];
  /** Neurons whose output weight can take either sign within the component. */
  free: number[];
  reason: string;
}

/**
 * Decides, for a scalar-output network, whether the component of H(c) that θ
 * lies in contains a network with at least `needPositive` positive and
 * `needNegative` negative output weights. Pathological neurons (c_k < 0)
 * keep the sign of a_k; every other neuron's a_k can take either sign
 * (‖w‖² = c + a² has solutions for every a when c ≥ 0), and the neurons are
 * independent (H(c) is a product), so the question is whether the free
 * neurons can cover both shortfalls.
 *
 * @param net - the network θ, exact
 * @param needPositive - output weights that must be positive
 * @param needNegative - output weights that must be negative
 * @returns whether the component of θ is obstructed, and why
 * @throws InputError unless the output is scalar and the requirements are non-negative integers
 */
export function obstruction(net: Network<Rational>, needPositive: number, needNegative: number): ObstructionVerdict {
  const { dIn, e, l } = networkShape(net);
  if (e !== 1) throw new InputError(`invalid network. Obstruction needs a scalar output (e = 1). Value: \`e = ${e}\`.`);
  for (const [name, v] of [
    ["needPositive", needPositive],
    ["needNegative", needNegative],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new InputError({ field: name, expected: "a non-negative integer", value: String(v) });
  }
  const split = splitNeurons(neuronInvariants(net, exact), { dIn, e });
  const lockedPositive = split.pathological.filter((k) => exact.sign(net.W2[0]![k]!) > 0);
  const lockedNegative = split.pathological.filter((k) => exact.sign(net.W2[0]![k]!) < 0);
  const free = [...Array(l).keys()].filter((k) => !split.pathological.includes(k));
  const missingPositive = Math.max(0, needPositive - lockedPositive.length);
  const missingNegative = Math.max(0, needNegative - lockedNegative.length);
  const obstructed = missingPositive + missingNegative > free.length;
  const reason = obstructed
    ? `obstructed: ${lockedNegative.length} neuron(s) locked negative [${oneBased(lockedNegative)}] and ${lockedPositive.length} locked positive [${oneBased(lockedPositive)}] (pathological, c_k < 0; neurons numbered from 1); the ${free.length} free neuron(s) cannot supply the ${missingPositive} more positive and ${missingNegative} more negative output weight(s) needed`
    : `not excluded: the component of this start also holds networks with the wanted signs (${lockedPositive.length} locked positive, ${lockedNegative.length} locked negative, ${free.length} free neuron(s) cover the ${missingPositive} more positive and ${missingNegative} more negative output weight(s) needed); a topological verdict, not a promise that training reaches them`;
  return { obstructed, needPositive, needNegative, lockedPositive, lockedNegative, free, reason };
}

/** Neuron indices as the human-readable text numbers them: from 1. */
function oneBased(ks: readonly number[]): string {
  return ks.map((k) => k + 1).join(", ");
}
