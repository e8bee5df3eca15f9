import { readFileSync } from "node:fs";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";

/**
 * Reads a UTF-8 file, turning "no such file" and the like into one clear PathError.
 *
 * @param path - the file to read
 * @returns its text
 * @throws PathError when the file cannot be read (missing, a directory, no permission)
 */
export function readTextFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new PathError(path, "read", fsReason(err));
  }
}
