/** A file `relutopo check --save` writes for a counterexample: a network (JSON) or a data set (CSV). */
export interface CounterexampleFile {
  /** Where it sits in the counterexample JSON, keys joined by dots (`net`, `problem.data`, `arg0`). */
  key: string;
  kind: "net" | "data";
  /** The file's text. */
  text: string;
}

/** The header row `datasetCsv` writes: x1 … x_d, then y1 … y_e. */
const CSV_HEADER = /^x1(,x\d+)*,y1(,y\d+)*\n/;

/** A network file as `networkFile`/`toJsonValue` write it: two-layer (W1, W2) or any depth (layers). */
function isNetworkJson(o: Record<string, unknown>): boolean {
  return typeof o.activation === "string" && ((Array.isArray(o.W1) && Array.isArray(o.W2)) || Array.isArray(o.layers));
}

/**
 * Every network and data set in a counterexample's JSON, wherever they sit (under `net`,
 * a record key such as `problem`, or `arg0` for a bare network), each with its key path:
 * what `relutopo check --save` writes, one file per key path.
 *
 * @param witness - a counterexample as JSON (a verdict's `witness`)
 * @returns the files, in the order of the keys
 * @example counterexampleFiles({ problem: { net: { activation: "relu", W1: [["1"]], W2: [["2"]] }, data: "x1,y1\n1,0\n" } }).map((f) => f.key) // returns ["problem.net", "problem.data"]
 */
export function counterexampleFiles(witness: Record<string, unknown>): CounterexampleFile[] {
  const out: CounterexampleFile[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === "string") {
      if (CSV_HEADER.test(v)) out.push({ key, kind: "data", text: v });
      return;
    }
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${key}.${i}`);
      return;
    }
    const o = v as Record<string, unknown>;
    if (isNetworkJson(o)) {
      out.push({ key, kind: "net", text: `${JSON.stringify(o, null, 2)}\n` });
      return;
    }
    for (const [k, x] of Object.entries(o)) walk(x, key === "" ? k : `${key}.${k}`);
  };
  walk(witness, "");
  return out;
}
