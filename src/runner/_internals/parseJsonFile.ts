import { InputError } from "../../errors.js";
import { readTextFile } from "../../io/readTextFile.js";

/**
 * Reads and parses a JSON file the runner wrote (plain numbers: small integers and floats).
 * @throws PathError when it cannot be read or is over the size limit; InputError when it is not JSON
 * @internal
 */
export function parseJsonFile(file: string): unknown {
  const text = readTextFile(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError({ field: "JSON file", expected: "valid JSON", value: file, note: `${(err as Error).message}.` });
  }
}
