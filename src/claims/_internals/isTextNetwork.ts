import type { Network } from "../../net/network.js";
import { isStringMatrix } from "./isStringMatrix.js";

/** @internal A network of exact text (what the arbitraries draw). */
export function isTextNetwork(v: unknown): v is Network<string> {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return typeof (o.activation as { kind?: unknown } | undefined)?.kind === "string" && isStringMatrix(o.W1) && isStringMatrix(o.W2);
}
