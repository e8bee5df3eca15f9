import { InputError, ShapeError } from "../errors.js";
import { zodIssue } from "../io/zodIssue.js";
import { parseActivation } from "./parseActivation.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { networkSchema, type NetworkJson } from "./networkSchema.js";
import { wellFormedNetwork } from "./_internals/wellFormedNetwork.js";
import { jsonBrief } from "./_internals/jsonBrief.js";
import { tooLarge } from "./_internals/tooLarge.js";
import { MAX_NETWORK_PARAMETERS } from "./readNetwork.js";

const KEYS = new Set(["activation", "W1", "b1", "W2", "b2"]);

/** The two-layer file form, for a refusal of its shape. */
const NETWORK_FORM = "{ W1, b1?, W2, b2?, activation? } with matrices and vectors of numbers";

function checkWidth(v: readonly (readonly string[])[], name: string, rows: number | undefined, cols: number | undefined): void {
  if (rows !== undefined && v.length !== rows) throw new ShapeError(`network ${name}`, `${v.length} rows`, `${rows} rows`);
  const width = cols ?? v[0]?.length ?? 0;
  if (width === 0) throw new InputError({ field: `network ${name}`, expected: "rows of at least one column", value: jsonBrief(v) });
  v.forEach((row, i) => {
    if (row.length !== width) throw new ShapeError(`network ${name}[${i}]`, `length ${row.length}`, `length ${width}`);
  });
}

function checkLength(v: readonly string[] | undefined, name: string, length: number): void {
  if (v !== undefined && v.length !== length) throw new ShapeError(`network ${name}`, `length ${v.length}`, `length ${length}`);
}

/**
 * Validates a parsed network object (PyTorch `state_dict` shapes, entries as
 * numeric strings) of the two-layer file form `{ W1, b1?, W2, b2?, activation? }` into a
 * {@link LayeredNetwork} of two layers of exact texts: first its form
 * ({@link networkSchema}, consulted only when `wellFormedNetwork` does not plainly
 * accept the object), then the sizes that must agree.
 * The activation defaults to `relu` when absent.
 *
 * @param obj - the parsed JSON (numbers as decimal text, as `readJson` gives them)
 * @returns the network, entries trimmed
 * @throws InputError or ShapeError naming the first problem
 * @example networkFromObject({ W1: [["1"]], W2: [["-2"]] }).layers[1].W // returns [["-2"]]
 */
export function networkFromObject(obj: unknown): LayeredNetwork<string> {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    throw new InputError({ field: "network", expected: "a JSON object with W1 and W2", value: jsonBrief(obj) });
  for (const key of Object.keys(obj)) {
    if (!KEYS.has(key)) throw new InputError({ field: "network key", expected: "activation, W1, b1, W2 or b2", value: key });
  }
  const o = obj as Record<string, unknown>;
  if (o.W1 === undefined || o.W2 === undefined)
    throw new InputError({
      field: "network",
      expected: "a JSON object with W1 and W2",
      value: jsonBrief(obj),
      note: "W1 and W2 are required.",
    });
  const count = countParameters(o);
  if (count > MAX_NETWORK_PARAMETERS) throw tooLarge(String(count));
  const f = wellFormedNetwork(obj) ?? schemaParsed(obj);
  const activation = parseActivation(f.activation ?? "relu", "network activation");
  checkWidth(f.W1, "W1", undefined, undefined);
  const l = f.W1.length;
  checkWidth(f.W2, "W2", undefined, l);
  checkLength(f.b1, "b1", l);
  checkLength(f.b2, "b2", f.W2.length);
  const trim = (row: readonly string[]): string[] => row.map((x) => x.trim());
  return {
    activation,
    layers: [
      { W: f.W1.map(trim), b: f.b1 && trim(f.b1) },
      { W: f.W2.map(trim), b: f.b2 && trim(f.b2) },
    ],
  };
}

/** The network as the schema parses it, or the InputError naming its first problem. */
function schemaParsed(obj: unknown): NetworkJson {
  const parsed = networkSchema().safeParse(obj);
  if (!parsed.success)
    throw new InputError({
      field: "network",
      expected: NETWORK_FORM,
      value: jsonBrief(obj),
      note: `In ${zodIssue(parsed.error).replace(/\.?$/, ".")}`,
    });
  return parsed.data;
}

/** Entries of the arrays of a parsed network, counted without looking inside them. */
function countParameters(o: Record<string, unknown>): number {
  let n = 0;
  for (const key of ["W1", "W2"]) {
    const m = o[key];
    if (Array.isArray(m)) for (const row of m) n += Array.isArray(row) ? row.length : 1;
  }
  for (const key of ["b1", "b2"]) {
    const v = o[key];
    if (Array.isArray(v)) n += v.length;
  }
  return n;
}
