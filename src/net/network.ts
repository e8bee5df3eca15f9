import { activationName, type Activation } from "./activation.js";
import type { Scalar } from "../scalar/scalar.js";

/**
 * The two-layer network f(x) = W2 σ(W1 x + b1) + b2 with PyTorch shapes:
 * `W1` l×d, `b1` l, `W2` e×l, `b2` e. A missing bias is absent, not zero:
 * it is neither trained nor counted in the invariants.
 */
export interface Network<T> {
  readonly activation: Activation;
  readonly W1: readonly (readonly T[])[];
  readonly b1?: readonly T[] | undefined;
  readonly W2: readonly (readonly T[])[];
  readonly b2?: readonly T[] | undefined;
}

/** The sizes of a network: input d, width l, output e, and the fan-in d_in = d (+1 with a hidden bias). */
export interface NetworkShape {
  d: number;
  l: number;
  e: number;
  dIn: number;
  hiddenBias: boolean;
  outputBias: boolean;
}

/** The shape of a (validated) network. */
export function networkShape<T>(net: Network<T>): NetworkShape {
  const l = net.W1.length;
  const d = net.W1[0]?.length ?? 0;
  return { d, l, e: net.W2.length, dIn: d + (net.b1 ? 1 : 0), hiddenBias: net.b1 !== undefined, outputBias: net.b2 !== undefined };
}

/** Applies `fn` to every parameter, keeping the layout (used to change arithmetic or to step). */
export function mapNetwork<A, B>(net: Network<A>, fn: (v: A) => B): Network<B> {
  return {
    activation: net.activation,
    W1: net.W1.map((row) => row.map(fn)),
    b1: net.b1?.map(fn),
    W2: net.W2.map((row) => row.map(fn)),
    b2: net.b2?.map(fn),
  };
}

/** Combines two networks of the same layout parameter by parameter. */
export function zipNetworks<A, B, C>(p: Network<A>, q: Network<B>, fn: (a: A, b: B) => C): Network<C> {
  const zip = (xs: readonly A[], ys: readonly B[]): C[] => xs.map((x, i) => fn(x, ys[i]!));
  return {
    activation: p.activation,
    W1: p.W1.map((row, k) => zip(row, q.W1[k]!)),
    b1: p.b1 && q.b1 ? zip(p.b1, q.b1) : undefined,
    W2: p.W2.map((row, j) => zip(row, q.W2[j]!)),
    b2: p.b2 && q.b2 ? zip(p.b2, q.b2) : undefined,
  };
}

/** Converts a network of exact user text into arithmetic `S`. */
export function networkIn<T>(net: Network<string>, S: Scalar<T>): Network<T> {
  return mapNetwork(net, (text) => S.parse(text));
}

/**
 * Prints every parameter in the canonical text of `S`: the `params` object of
 * JSON output, or, with `withActivation`, a network file other commands read.
 */
export function networkToJson<T>(net: Network<T>, S: Scalar<T>, withActivation = false): Record<string, unknown> {
  const out = mapNetwork(net, (v) => S.toString(v));
  const json: Record<string, unknown> = withActivation ? { activation: activationName(net.activation) } : {};
  json.W1 = out.W1;
  if (out.b1) json.b1 = out.b1;
  json.W2 = out.W2;
  if (out.b2) json.b2 = out.b2;
  return json;
}
