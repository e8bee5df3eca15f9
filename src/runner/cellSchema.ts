import { z } from "zod";
import { InputError } from "../errors.js";
import { zodIssue } from "../io/zodIssue.js";
import type { StoredCell } from "./cellStore.js";
import type { CellKey } from "./planCells.js";

// The shapes of `cells/<id>.json`, one per kind of cell, mirroring the result
// types of src/experiments (ToyGdCell, ToyFlowCell, BreastCancerCell,
// ProbabilityCell, OptimizerToyCell, OptimizerBreastCancerCell, DeepCell, ConvDigitsCell). A cell that
// does not fit is bad input, not a bug.

const num = z.number().refine(Number.isFinite, "must be a finite number");
const int = z.number().int();
const decimalText = z.string().min(1);
const point = z.object({ t: num, loss: num, neurons: z.array(z.tuple([num, num, num])) });

const toyGd = z.object({
  start: z.string(),
  arith: z.string(),
  c0: z.array(decimalText),
  cT: z.array(decimalText),
  maxInvariantDrift: decimalText,
  maxDriftIdentityError: decimalText,
  loss0: decimalText,
  lossT: decimalText,
  signs0: z.array(int),
  signsT: z.array(int),
  signChanges: z.array(int),
  trajectory: z.array(point),
});

const toyFlow = z.object({
  start: z.string(),
  method: z.string(),
  digits: int,
  time: decimalText,
  maxDrift: decimalText,
  loss0: decimalText,
  lossT: decimalText,
  invariants0: z.array(decimalText),
  invariantsT: z.array(decimalText),
  events: int,
  signChanges: z.array(int),
  trajectory: z.array(point),
});

const breastCancerRun = z.object({
  l: int,
  lPlus: int,
  seed: int,
  testLoss: num,
  testAccuracy: num,
  trainLoss0: num,
  trainLoss: num,
  pathologicalSignChanges: int,
  maxInvariantDrift: num,
  curve: z.array(z.tuple([num, num])),
});

const breastCancer = z.object({ l: int, seed: int, naturallyPathological: int, runs: z.array(breastCancerRun) });

const probability = z.object({
  scheme: z.string(),
  e: int,
  digits: int,
  rows: z.array(z.object({ dIn: int, l: int, pNeuron: decimalText, pDisconnected: decimalText })),
});

const optimizerRun = z.object({
  optimizer: z.string(),
  lPlus: int,
  c0: z.array(num),
  cT: z.array(num),
  signChanged: z.array(int),
  trainLoss0: num,
  trainLoss: num,
  testLoss: num.nullable(),
  curve: z.array(z.tuple([num, num])),
});

const optimizersToy = z.object({ runs: z.array(optimizerRun) });

const optimizersBreastCancer = z.object({ l: int, seed: int, runs: z.array(optimizerRun) });

const deep = z.object({
  seed: int,
  c0: z.array(num),
  locked: int,
  lockedSignChanges: int,
  freeSignChanges: int,
  maxInvariantDrift: num,
  trainLoss0: num,
  trainLoss: num,
  curve: z.array(z.tuple([num, num])),
});

const convChannel = z.object({
  c0: num,
  cT: num,
  observed: num,
  predicted: num,
  residual: decimalText,
  relResidual: num,
  maxStepResidual: decimalText,
});

const grid = z.array(z.array(num));
const batchNormRun = z.object({
  weightDecay: num,
  kernel: grid,
  observed: grid,
  predicted: grid,
  gradScale: grid,
  maxResidual: num,
  maxDrift: num,
});

const convDigits = z.object({
  arith: z.enum(["exact", "float"]),
  images: int,
  steps: int,
  loss0: num,
  lossT: num,
  channels: z.array(convChannel),
  curve: z.array(z.object({ t: int, loss: num, observed: z.array(num), predicted: z.array(num) })),
  batchNorm: z
    .object({
      lr: num,
      batchSize: int,
      images: int,
      steps: int,
      plain: batchNormRun,
      decayed: batchNormRun,
      balance: z.array(num),
    })
    .optional(),
});

const RESULTS: Record<CellKey["kind"], z.ZodType> = {
  "toy-gd": toyGd,
  "toy-flow": toyFlow,
  "breast-cancer": breastCancer,
  probability,
  "optimizers-toy": optimizersToy,
  "optimizers-breast-cancer": optimizersBreastCancer,
  deep,
  "conv-digits": convDigits,
};

/**
 * Validates a parsed cell file against the shape of its kind.
 *
 * @param value - the parsed JSON of `cells/<id>.json`
 * @param kind - the kind of cell its id stands for
 * @param file - the file, for messages
 * @returns the cell, typed
 * @throws InputError naming the file and the first field that does not fit
 * @example cellFromJson({ id: "p", fingerprint: "f", result: {}, ms: 1 }, "probability", "cells/p.json")
 * // throws InputError "invalid cell file. Must be a cell written by relutopo reproduce. Value: `cells/p.json`. In field `result.scheme`: …"
 */
export function cellFromJson(value: unknown, kind: CellKey["kind"], file: string): StoredCell {
  // A null result is an "unavailable" placeholder (its part is not in the build that wrote it).
  const schema = z.object({ id: z.string(), fingerprint: z.string(), result: RESULTS[kind].nullable(), ms: num.min(0) });
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new InputError({
      field: "cell file",
      expected: "a cell written by relutopo reproduce",
      value: file,
      note: `In ${zodIssue(parsed.error)}.`,
    });
  return parsed.data as StoredCell;
}
