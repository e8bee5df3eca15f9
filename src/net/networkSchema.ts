import { createRequire } from "node:module";
import type { z } from "zod";
import { parseRational } from "../scalar/parseRational.js";

/** A network file as {@link networkSchema} accepts it. */
export interface NetworkJson {
  activation?: string | undefined;
  W1: string[][];
  b1?: string[] | undefined;
  W2: string[][];
  b2?: string[] | undefined;
}

let schema: z.ZodType<NetworkJson> | undefined;

/**
 * The shape of a network file: a JSON object with the PyTorch `state_dict`
 * entries of the two-layer form (`W1` l×d, optional `b1` l, `W2` e×l, optional
 * `b2` e) and an optional activation name; nothing else. Sizes that must agree
 * with each other are checked by `networkFromObject`, which names both.
 *
 * The zod schema is built on first use: zod takes about 0.1 s of CPU to load,
 * and a command reading a safetensors or `.pt` file never needs it; an ES module has no lazy
 * synchronous import, so zod (which ships CommonJS too) is required here when a JSON network
 * is first checked.
 *
 * @returns the schema of {@link NetworkJson}
 */
export function networkSchema(): z.ZodType<NetworkJson> {
  if (schema !== undefined) return schema;
  const { z } = createRequire(import.meta.url)("zod") as typeof import("zod");
  const NUMBER_TEXT = "a number or a numeric string";
  // One parameter: a JSON number or a numeric string (kept as exact decimal text by readJson).
  const parameter = z.string({ error: `must be ${NUMBER_TEXT}` }).superRefine((text, ctx) => {
    try {
      parseRational(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  });
  const row = z.array(parameter, { error: "must be an array" });
  const rows = z.array(row, { error: "must be a non-empty array of rows" }).min(1, "must be a non-empty array of rows");
  schema = z.strictObject(
    {
      activation: z.string({ error: "must be a string" }).optional(),
      W1: rows,
      b1: row.optional(),
      W2: rows,
      b2: row.optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown key (expected activation, W1, b1, W2, b2)" : undefined) },
  );
  return schema;
}
