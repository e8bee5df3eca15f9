import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";
import { inputLimits } from "./inputLimits.js";

/** The default size limit of {@link readBinaryFile} (and so `readTextFile`): 16 MiB, raised by `--max-input-mib`. */
export const MAX_INPUT_BYTES: number = 16 * 1024 * 1024;

/** Options of {@link readBinaryFile} and `readTextFile`. */
export interface ReadFileOptions {
  /** The largest size accepted, in bytes (default `inputLimits().maxBytes`, {@link MAX_INPUT_BYTES} unless set). */
  maxBytes?: number;
}

/**
 * Reads a file's bytes, turning "no such file" and the like into one clear
 * PathError. The size is checked before anything is read, so a huge file is
 * refused at once instead of filling the memory.
 *
 * @param path - the file to read
 * @param options - the size limit
 * @returns its bytes
 * @throws PathError when the file cannot be read (missing, a directory, no permission) or is larger than the limit
 *   (its remedy then names the field `maxInputMib`)
 * @example readBinaryFile("examples/net.json")[0] // returns 123
 */
export function readBinaryFile(path: string, options: ReadFileOptions = {}): Uint8Array {
  const maxBytes = options.maxBytes ?? inputLimits().maxBytes;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    throw new PathError(path, "read", fsReason(err));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new PathError(path, "read", "it is a directory");
    if (st.size > maxBytes)
      throw new PathError(path, "read", `it is ${formatBytes(st.size)}, over the limit of ${formatBytes(maxBytes)}`, {
        field: "maxInputMib",
        change: "raise",
      });
    return readFileSync(fd);
  } catch (err) {
    if (err instanceof PathError) throw err;
    throw new PathError(path, "read", fsReason(err));
  } finally {
    closeSync(fd);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)`;
  return `${n} bytes`;
}
