import { readFileSync } from "node:fs";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";

/**
 * Reads a file's bytes, turning "no such file" and the like into one clear PathError.
 *
 * @param path - the file to read
 * @returns its bytes
 * @throws PathError when the file cannot be read (missing, a directory, no permission)
 */
export function readBinaryFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new PathError(path, "read", fsReason(err));
  }
}
