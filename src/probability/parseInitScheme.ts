import { InputError } from "../errors.js";
import { INIT_SCHEMES, type InitScheme } from "./probabilityLimits.js";

/** Reads a scheme name. @throws InputError listing the schemes */
export function parseInitScheme(text: string): InitScheme {
  if ((INIT_SCHEMES as readonly string[]).includes(text)) return text as InitScheme;
  throw new InputError({ field: "init", expected: `one of ${INIT_SCHEMES.join(", ")}`, value: text });
}
