import { existsSync, statSync } from "node:fs";
import { InputError } from "../../errors.js";

/**
 * Fails unless `out` is a directory or absent (it is created when absent).
 * @throws InputError naming the field `out`
 * @internal
 */
export function checkOutDir(out: string): void {
  if (existsSync(out) && !statSync(out).isDirectory())
    throw new InputError({ field: "out", expected: "a directory (it is created when absent)", value: out });
}
