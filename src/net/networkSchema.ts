import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import { parseRational } from "../scalar/parseRational.js";

const NUMBER_TEXT = "a number or a numeric string";

/** A network file as {@link networkSchema} accepts it. */
export interface NetworkJson {
  activation?: string | undefined;
  W1: string[][];
  b1?: string[] | undefined;
  W2: string[][];
  b2?: string[] | undefined;
}

let built: Zod.ZodType<NetworkJson> | undefined;

/**
 * The shape of a network file: a JSON object with the PyTorch `state_dict`
 * entries of the two-layer form (`W1` l×d, optional `b1` l, `W2` e×l, optional
 * `b2` e) and an optional activation name; nothing else. Sizes that must agree
 * with each other are checked by `networkFromObject`, which names both.
 *
 * Built on first use, with zod loaded then: zod takes longer to load than a whole
 * small `flow` takes to run, and a file that `wellFormedNetwork` accepts never needs it.
 */
export function networkSchema(): Zod.ZodType<NetworkJson> {
  if (built !== undefined) return built;
  const { z } = createRequire(import.meta.url)("zod") as { z: typeof Zod };
  /** One parameter: a JSON number or a numeric string (kept as exact decimal text by readJson). */
  const parameter = z.string({ error: `must be ${NUMBER_TEXT}` }).superRefine((text, ctx) => {
    try {
      parseRational(text);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  });
  const row = z.array(parameter, { error: "must be an array" });
  const rows = z.array(row, { error: "must be a non-empty array of rows" }).min(1, "must be a non-empty array of rows");
  built = z.strictObject(
    {
      activation: z.string({ error: "must be a string" }).optional(),
      W1: rows,
      b1: row.optional(),
      W2: rows,
      b2: row.optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "unknown key (expected activation, W1, b1, W2, b2)" : undefined) },
  );
  return built;
}
