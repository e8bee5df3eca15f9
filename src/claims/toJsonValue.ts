import { activationName } from "../net/activationName.js";
import { networkFile } from "./networkFile.js";
import { datasetCsv } from "./datasetCsv.js";
import { isTextNetwork } from "./_internals/isTextNetwork.js";
import { isTextDataset } from "./_internals/isTextDataset.js";

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
