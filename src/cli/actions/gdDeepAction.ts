import { layeredGradientDescent } from "../../flow/layeredGradientDescent.js";
import { readTextFile } from "../../io/readTextFile.js";
import { readDataset } from "../../net/readDataset.js";
import { datasetIn } from "../../net/datasetIn.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { LossKind } from "../../net/loss.js";
import type { Scalar } from "../../scalar/scalar.js";
import { printJson } from "../options.js";
import { progressBar } from "../progress.js";

/** What `gd` has parsed before it knows the network is deep. */
export interface GdDeepInput<T> {
  net: LayeredNetwork<string>;
  data: string;
  S: Scalar<T>;
  lr: T;
  steps: number;
  loss: LossKind;
  json?: boolean | undefined;
}

/**
 * `relutopo gd` on a network of three or more weight layers: the same run and output as for
 * two layers, with `params` as `{ layers: [{ W, b? }, …] }` and the invariants as the flat list
 * c_{1,·}, c_{2,·}, … of `relutopo invariants`, printed `c_l,k` as text.
 */
export function gdDeepAction<T>(input: GdDeepInput<T>): void {
  const { S, lr, steps, loss: lossKind } = input;
  const parse = (v: string): T => S.parse(v);
  const net: LayeredNetwork<T> = {
    activation: input.net.activation,
    layers: input.net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(parse)), b: b?.map(parse) })),
  };
  const d = net.layers[0]!.W[0]!.length;
  const e = net.layers[net.layers.length - 1]!.W.length;
  const data = datasetIn(readDataset(readTextFile(input.data), d, e, input.data), S);
  const bar = progressBar(steps, "gd");
  let run: ReturnType<typeof layeredGradientDescent<T>>;
  try {
    run = layeredGradientDescent(net, data, S, { lr, steps, loss: lossKind, onStep: (t) => bar.update(t) });
  } finally {
    bar.stop();
  }
  const str = (v: T): string => S.toString(v);
  const rows = (m: T[][]): string[][] => m.map((r) => r.map(str));
  if (input.json) {
    printJson({
      arith: S.name,
      loss: lossKind,
      lr: str(lr),
      steps,
      params: { layers: run.params.layers.map(({ W, b }) => (b ? { W: rows(W as T[][]), b: b.map(str) } : { W: rows(W as T[][]) })) },
      losses: run.losses.map(str),
      invariants: rows(run.invariants),
      drift: { observed: rows(run.observedDrift), predicted: rows(run.predictedDrift) },
    });
    return;
  }
  const names = net.layers.slice(0, -1).flatMap(({ W }, l) => W.map((_, k) => `c_${l + 1},${k}`));
  console.log(`gradient descent: ${steps} steps, lr ${str(lr)}, ${lossKind}, ${S.name}`);
  console.log(`loss  ${str(run.losses[0]!)}  ->  ${str(run.losses[steps]!)}`);
  for (const [i, c] of run.invariants[steps]!.entries()) console.log(`${names[i]}  ${str(run.invariants[0]![i]!)}  ->  ${str(c)}`);
  const mismatch = run.observedDrift.some((row, t) => row.some((v, k) => !S.eq(v, run.predictedDrift[t]![k]!)));
  console.log(
    mismatch
      ? "observed drift differs from eta^2(|g_w|^2 - |g_a|^2) (rounding)"
      : "observed drift = eta^2(|g_w|^2 - |g_a|^2) at every step",
  );
}
