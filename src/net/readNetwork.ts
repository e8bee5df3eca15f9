import { InputError, ShapeError } from "../errors.js";
import { parseRational } from "../scalar/parseRational.js";
import { readJson } from "../io/readJson.js";
import { parseActivation } from "./activation.js";
import type { Network } from "./network.js";

const KEYS = new Set(["activation", "W1", "b1", "W2", "b2"]);

function numberText(v: unknown, where: string): string {
  if (typeof v !== "string")
    throw new InputError(`invalid network: ${where} must be a number or a numeric string. Value: \`${JSON.stringify(v)}\`.`);
  try {
    parseRational(v);
  } catch (err) {
    throw new InputError(`invalid network: ${where}: ${(err as Error).message}`);
  }
  return v.trim();
}

function vector(v: unknown, name: string, length: number | undefined): string[] {
  if (!Array.isArray(v)) throw new InputError(`invalid network: ${name} must be an array`);
  if (length !== undefined && v.length !== length) throw new ShapeError(`network ${name}`, `length ${v.length}`, `length ${length}`);
  return v.map((x, i) => numberText(x, `${name}[${i}]`));
}

function matrix(v: unknown, name: string, rows: number | undefined, cols: number | undefined): string[][] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError(`invalid network: ${name} must be a non-empty array of rows`);
  if (rows !== undefined && v.length !== rows) throw new ShapeError(`network ${name}`, `${v.length} rows`, `${rows} rows`);
  const width = cols ?? (Array.isArray(v[0]) ? v[0].length : 0);
  if (width === 0) throw new InputError(`invalid network: ${name} must have at least one column`);
  return v.map((row, i) => vector(row, `${name}[${i}]`, width));
}

/**
 * Validates a parsed network object (PyTorch `state_dict` shapes, entries as
 * numeric strings) into a {@link Network} of exact texts.
 * The activation defaults to `relu` when absent.
 *
 * @throws InputError or ShapeError naming the first problem
 */
export function networkFromObject(obj: unknown): Network<string> {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    throw new InputError("invalid network: must be a JSON object with W1 and W2");
  const o = obj as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KEYS.has(key)) throw new InputError(`invalid network: unknown key \`${key}\` (expected activation, W1, b1, W2, b2)`);
  }
  if (o.activation !== undefined && typeof o.activation !== "string") throw new InputError("invalid network: activation must be a string");
  const activation = parseActivation((o.activation as string | undefined) ?? "relu");
  if (o.W1 === undefined || o.W2 === undefined) throw new InputError("invalid network: W1 and W2 are required");
  const W1 = matrix(o.W1, "W1", undefined, undefined);
  const l = W1.length;
  const W2 = matrix(o.W2, "W2", undefined, l);
  const b1 = o.b1 === undefined ? undefined : vector(o.b1, "b1", l);
  const b2 = o.b2 === undefined ? undefined : vector(o.b2, "b2", W2.length);
  return { activation, W1, b1, W2, b2 };
}

/**
 * Parses network JSON text; numbers are read from their decimal text.
 *
 * @param text - the JSON text
 * @param what - the file name, for messages
 */
export function readNetwork(text: string, what = "network"): Network<string> {
  return networkFromObject(readJson(text, what));
}
