import { z } from "zod";
import type { DeadNeuron } from "./deadNeurons.js";

// The JSON of `relutopo inspect --json`, version 1. Exact numbers (rationals, BigInt counts) are
// strings; indices of neurons are 0-based, hidden layers and weight layers count from 1.

const exactText = z.string().regex(/^-?\d+(\/\d+)?$/, "must be an exact rational as text");
const countText = z.string().regex(/^\d+$/, "must be a non-negative integer as text");
const index = z.number().int().nonnegative();

const deadNeuron = z.object({
  layer: z.number().int().positive(),
  neuron: index,
  gd: z.enum(["forever", "start"]),
  flow: z.enum(["forever", "start", "kink"]),
  reason: z.string(),
});

const schema: z.ZodType<NetworkInspection> = z
  .object({
    schema: z.literal("relutopo.inspect/1"),
    architecture: z.strictObject({
      /** n_0 (inputs) … n_L (outputs) */
      widths: z.array(index),
      activation: z.string(),
      /** whether each weight layer 1 … L has a bias */
      biases: z.array(z.boolean()),
      parameters: index,
    }),
    layers: z.array(
      z.strictObject({
        layer: z.number().int().positive(),
        dIn: index,
        e: index,
        c: z.array(exactText),
        negative: index,
        zero: index,
        positive: index,
        pathological: z.array(index),
        positiveSplit: z.array(index),
      }),
    ),
    topology: z.strictObject({
      signLocked: index,
      lowerBound: countText,
      exact: z.boolean(),
      components: countText,
      component: z.string().regex(/^[+-]*$/),
      locked: z.array(
        z.strictObject({
          weight: z.string(),
          layer: z.number().int().positive(),
          row: index,
          col: index,
          sign: z.enum(["+", "-"]),
          margin: exactText,
          singleNeuron: z.boolean(),
        }),
      ),
      /** two weight layers: the component as `relutopo components --net` names it */
      componentOf: z
        .string()
        .regex(/^[+-]*$/)
        .optional(),
    }),
    /** scalar output only */
    outputSigns: z
      .strictObject({
        pattern: z.string().regex(/^[+\-?]*$/),
        free: index,
        notExcluded: countText,
        excluded: countText,
        gdFrozen: z.array(index).optional(),
        flowFrozen: z.array(index).optional(),
        /** output weights whose sign a balanced neuron (c_k = 0) keeps under the flow */
        flowSignLocked: z.array(index).optional(),
      })
      .optional(),
    /** with data */
    data: z
      .strictObject({
        rows: index,
        /** exact for mse; for bce (which needs exp and log) a 40-digit decimal */
        loss: z.union([exactText, z.string().regex(/^\d+(\.\d+)?(e-?\d+)?$/, "must be a decimal as text")]),
        /** the loss `loss` is: mse (default) or bce */
        lossKind: z.enum(["mse", "sse-mean", "bce"]).optional(),
        dead: z.array(deadNeuron),
      })
      .optional(),
    /** where the activation comes from: the file, `--activation`, or assumed (relu) */
    activation: z.strictObject({ name: z.string(), source: z.enum(["file", "flag", "assumed"]) }).optional(),
  })
  .strict();

/** What `inspectNetwork` reports: one screen about a network, JSON-ready (exact values as strings). */
export interface NetworkInspection {
  schema: "relutopo.inspect/1";
  architecture: { widths: number[]; activation: string; biases: boolean[]; parameters: number };
  layers: {
    layer: number;
    dIn: number;
    e: number;
    c: string[];
    negative: number;
    zero: number;
    positive: number;
    pathological: number[];
    positiveSplit: number[];
  }[];
  topology: {
    signLocked: number;
    lowerBound: string;
    exact: boolean;
    components: string;
    component: string;
    locked: { weight: string; layer: number; row: number; col: number; sign: "+" | "-"; margin: string; singleNeuron: boolean }[];
    componentOf?: string | undefined;
  };
  outputSigns?:
    | {
        pattern: string;
        free: number;
        notExcluded: string;
        excluded: string;
        gdFrozen?: number[] | undefined;
        flowFrozen?: number[] | undefined;
        flowSignLocked?: number[] | undefined;
      }
    | undefined;
  data?: { rows: number; loss: string; lossKind?: "mse" | "sse-mean" | "bce" | undefined; dead: DeadNeuron[] } | undefined;
  activation?: { name: string; source: "file" | "flag" | "assumed" } | undefined;
}

/** The zod schema of {@link NetworkInspection}: `inspect --json` is validated against it in the tests. */
export const inspectionSchema: z.ZodType<NetworkInspection> = schema;
