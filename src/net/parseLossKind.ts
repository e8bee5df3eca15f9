import { InputError } from "../errors.js";
import type { LossKind } from "./loss.js";

/** Parses `mse`, `sse-mean` or `bce`. @throws InputError otherwise */
export function parseLossKind(text: string): LossKind {
  if (text === "mse" || text === "sse-mean" || text === "bce") return text;
  throw new InputError({ field: "loss", expected: "mse, sse-mean or bce", value: text });
}
