import { integrateFlow } from "../flow/integrateFlow.js";
import type { ToyConfig } from "./reproduceConfig.js";
import type { ToyPoint } from "./toyGradientDescent.js";
import { TOY_DATA, TOY_NETS, type ToyStart } from "./toyProblem.js";

/** The high-precision gradient-flow cell of one toy start. */
export interface ToyFlowCell {
  start: ToyStart;
  method: string;
  digits: number;
  time: string;
  maxDrift: string;
  loss0: string;
  lossT: string;
  invariants0: string[];
  invariantsT: string[];
  events: number;
  signChanges: number[];
  trajectory: ToyPoint[];
}

type Params = { W1?: string[][]; b1?: string[]; W2?: string[][] };

/**
 * Integrates the gradient flow of the toy problem from one start at
 * `config.flowDigits` digits with the flow layer's Taylor integrator (kink
 * events included), up to the time gradient descent covers (steps × η).
 *
 * @param config - the toy configuration (digits, time, samples)
 * @param start - which start
 * @returns losses, invariants and their drift, kink events, sign changes and the sampled trajectory
 */
export function toyFlow(config: ToyConfig, start: ToyStart): ToyFlowCell {
  const method = "taylor";
  const run = integrateFlow(TOY_NETS[start], TOY_DATA, {
    time: config.flowTime,
    digits: config.flowDigits,
    method,
    samples: config.flowSamples,
    loss: "mse",
  });
  return {
    start,
    method,
    digits: config.flowDigits,
    time: config.flowTime,
    maxDrift: run.maxDrift,
    loss0: run.loss0,
    lossT: run.lossT,
    invariants0: run.invariants0,
    invariantsT: run.invariantsT,
    events: run.events.length,
    signChanges: run.signChanges,
    trajectory: run.samples.map((s) => {
      const p = s.params as Params;
      return {
        t: Number(s.t),
        loss: Number(s.loss),
        neurons: (p.W1 ?? []).map((w, k) => [Number(w[0]), Number(p.b1?.[k] ?? "0"), Number(p.W2?.[0]?.[k])] as [number, number, number]),
      };
    }),
  };
}
