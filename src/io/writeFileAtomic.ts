import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";

/**
 * Writes a file so that readers never see half of it: the text goes to a
 * temporary file beside the target, which is then renamed over it.
 *
 * @param path - the file to write (its directory is created when absent)
 * @param text - the whole content
 * @throws PathError when the file or its directory cannot be written
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    try {
      // No half-written temporary file is left behind.
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file was never made (its directory is missing or not one).
    }
    throw new PathError(path, "write", fsReason(err));
  }
}
