import { existsSync, statSync } from "node:fs";
import { InputError } from "../../errors.js";
import { checkOutputPath } from "../../io/checkOutputPath.js";

/**
 * Fails unless `out` can be a run directory: a writable directory, or absent
 * below a writable directory (it is created when absent).
 * @throws InputError naming the field `out` when a file stands there; PathError when it cannot be written
 * @internal
 */
export function checkOutDir(out: string): void {
  if (out !== "" && existsSync(out) && !statSync(out).isDirectory())
    throw new InputError({ field: "out", expected: "a directory (it is created when absent)", value: out });
  checkOutputPath(out, "dir");
}
