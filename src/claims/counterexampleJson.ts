import { isTextNetwork } from "./_internals/isTextNetwork.js";
import { isTextDataset } from "./_internals/isTextDataset.js";
import { toJsonValue } from "./toJsonValue.js";

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
