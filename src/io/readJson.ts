import { isLosslessNumber, parse } from "lossless-json";
import { InputError } from "../errors.js";

/**
 * Parses JSON text keeping every number as its decimal text (a JSON number
 * is never rounded through a double): numbers come back as strings.
 *
 * @param text - the JSON text
 * @param what - what the text is, for messages (e.g. a file name)
 * @throws InputError when the text is not JSON
 */
export function readJson(text: string, what: string): unknown {
  let value: unknown;
  try {
    value = parse(text);
  } catch (err) {
    throw new InputError({ field: "JSON", expected: "valid JSON", value: what, note: `${(err as Error).message}.` });
  }
  return numbersToText(value);
}

function numbersToText(value: unknown): unknown {
  if (isLosslessNumber(value)) return value.value;
  if (Array.isArray(value)) return value.map(numbersToText);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, numbersToText(v)]));
  }
  return value;
}
