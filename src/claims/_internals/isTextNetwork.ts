import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { isStringMatrix } from "./isStringMatrix.js";

/** @internal A network of exact text (what the arbitraries draw). */
export function isTextNetwork(v: unknown): v is LayeredNetwork<string> {
  if (v === null || typeof v !== "object") return false;
  const o = v as Record<string, unknown>;
  return (
    typeof (o.activation as { kind?: unknown } | undefined)?.kind === "string" &&
    Array.isArray(o.layers) &&
    o.layers.length >= 2 &&
    o.layers.every((layer: unknown) => isStringMatrix((layer as { W?: unknown } | null)?.W))
  );
}
