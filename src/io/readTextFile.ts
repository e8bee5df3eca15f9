import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";

/**
 * Reads a UTF-8 file, turning "no such file" and the like into one clear InputError.
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot read file \`${path}\` (${code})`);
  }
}
