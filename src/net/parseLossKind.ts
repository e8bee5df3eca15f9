import { InputError } from "../errors.js";
import type { LossKind } from "./loss.js";

/** Parses `mse` or `bce`. @throws InputError otherwise */
export function parseLossKind(text: string): LossKind {
  if (text === "mse" || text === "bce") return text;
  throw new InputError(`invalid loss. Must be mse or bce. Value: \`${text}\`.`);
}
