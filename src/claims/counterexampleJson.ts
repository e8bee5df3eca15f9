import { activationName } from "../net/activationName.js";
import type { Dataset } from "../net/readDataset.js";
import type { Network } from "../net/network.js";
import { exact } from "../scalar/exact.js";

/**
 * A network of exact text as the JSON file `relutopo gd`/`invariants` read:
 * activation first, then W1, b1?, W2, b2?, every entry in canonical exact text.
 */
export function networkFile(net: Network<string>): Record<string, unknown> {
  const canon = (v: string): string => exact.toString(exact.parse(v));
  const json: Record<string, unknown> = { activation: activationName(net.activation) };
  json.W1 = net.W1.map((r) => r.map(canon));
  if (net.b1) json.b1 = net.b1.map(canon);
  json.W2 = net.W2.map((r) => r.map(canon));
  if (net.b2) json.b2 = net.b2.map(canon);
  return json;
}

/** A data set of exact text as CSV with a header row (x1 … xd, y1 … ye), the form `--data` reads. */
export function datasetCsv(data: Dataset<string>): string {
  const d = data.X[0]?.length ?? 0;
  const e = data.Y[0]?.length ?? 0;
  const header = [...Array.from({ length: d }, (_, m) => `x${m + 1}`), ...Array.from({ length: e }, (_, j) => `y${j + 1}`)];
  const rows = data.X.map((x, i) => [...x, ...data.Y[i]!].map((v) => exact.toString(exact.parse(v))).join(","));
  return `${[header.join(","), ...rows].join("\n")}\n`;
}

function isStringMatrix(v: unknown): v is string[][] {
  return Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === "string"));
}

/** @internal A network of exact text (what the arbitraries draw). */
function isTextNetwork(v: unknown): v is Network<string> {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return typeof (o.activation as { kind?: unknown } | undefined)?.kind === "string" && isStringMatrix(o.W1) && isStringMatrix(o.W2);
}

/** @internal A data set of exact text. */
function isTextDataset(v: unknown): v is Dataset<string> {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return isStringMatrix(o.X) && isStringMatrix(o.Y) && o.X.length === o.Y.length && o.X.length > 0;
}

/**
 * Any value as plain JSON: networks of text become network files, data sets CSV text,
 * rationals "p/q", decimals their text, bigints strings; functions are dropped and an
 * arithmetic (`Scalar`) becomes its name.
 */
export function toJsonValue(v: unknown): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  if (typeof v === "bigint") return v.toString();
  if (v === undefined || typeof v === "function" || typeof v === "symbol") return undefined;
  if (Array.isArray(v)) return v.map((x) => toJsonValue(x) ?? null);
  const o = v as Record<string, unknown>;
  if (typeof o.toFraction === "function") return (o.toFraction as () => string).call(v);
  if (typeof o.parse === "function" && typeof o.name === "string" && typeof o.add === "function") return o.name;
  if (isTextNetwork(v)) return networkFile(v);
  if (isTextDataset(v)) return datasetCsv(v);
  if (typeof o.kind === "string" && Object.keys(o).every((k) => k === "kind" || k === "slope")) return activationName(o as never);
  if (
    Object.getPrototypeOf(v) !== Object.prototype &&
    typeof (o as { toString?: unknown }).toString === "function" &&
    o.toString !== Object.prototype.toString
  ) {
    return String(v);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    const j = toJsonValue(x);
    if (j !== undefined) out[k] = j;
  }
  return out;
}

/**
 * The default JSON of a counterexample (the predicate's arguments): with `names`, each
 * argument under its name; otherwise a network of text becomes `net` (a file
 * `relutopo gd` reads), a data set `data` (CSV text), a plain object (such as
 * `{net, data, lr}` from the problem arbitraries, or the record of named arbitraries) is
 * spread into the result, and anything else is kept as `arg<i>`.
 *
 * @param values - the predicate's arguments
 * @param names - optional, one key per argument (a claim's `argNames`)
 * @returns plain JSON
 * @example counterexampleJson([3, "1/2"], ["steps", "lr"]) // returns { steps: 3, lr: "1/2" }
 */
export function counterexampleJson(values: readonly unknown[], names?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (key: string, value: unknown): void => {
    const j = toJsonValue(value);
    if (j === undefined) return;
    let name = key;
    for (let n = 2; name in out; n++) name = `${key}${n}`;
    out[name] = j;
  };
  values.forEach((v, i) => {
    const named = names?.[i];
    if (named !== undefined) put(named, v);
    else if (isTextNetwork(v)) put("net", v);
    else if (isTextDataset(v)) put("data", v);
    else if (v !== null && typeof v === "object" && !Array.isArray(v) && isPlainRecord(v)) {
      for (const [k, x] of Object.entries(v)) put(k, x);
    } else put(`arg${i}`, v);
  });
  return out;
}

/** A plain object: `Object.prototype` or no prototype at all (as `fc.record` may draw). */
function isPlainRecord(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
