import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** One generated run of the CLI: its arguments and the files written into its directory first. */
export interface FuzzCase {
  readonly command: string;
  readonly args: readonly string[];
  /** Text, or bytes for binary network files (`.pt`, `.safetensors`). */
  readonly files: Readonly<Record<string, string | Uint8Array>>;
  /** Files the command documents writing (e.g. `--plot`), allowed to appear. */
  readonly outputs: readonly string[];
}

/** How one run went wrong, or `ok`. */
export type FuzzVerdict =
  | "ok"
  | "internal error"
  | "wrong exit code"
  | "multi-line message"
  | "stack trace"
  | "leftover file"
  | "NaN in output"
  | "non-finite in output"
  | "invalid JSON"
  | "over time limit";

/** What a run did, with its verdict. */
export interface FuzzResult {
  readonly verdict: FuzzVerdict;
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
  readonly seconds: number;
  readonly leftovers: readonly string[];
}

const numberish = fc.oneof(
  fc.constantFrom("0", "1", "2", "3", "-1", "1/2", "-3/2", "0.5", "1/4", "7"),
  fc.constantFrom("", " ", "abc", "NaN", "Infinity", "-Infinity", "1e309", "1e-400", "0x10", "1/0", "0/0", "--", "1..3", "3..1", "1,2"),
  fc.constantFrom("9007199254740993", "99999999999999999999999", "-9007199254740991", "1000000", "100000", "4096", "1000000000"),
  fc.integer({ min: -5, max: 50 }).map(String),
  fc.integer({ min: 1, max: 400 }).map((n) => "9".repeat(n)),
);

/** A JSON scalar a network may hold: numbers, rational strings, and junk. */
const weight = fc.oneof(
  { weight: 20, arbitrary: fc.oneof(fc.integer({ min: -9, max: 9 }), fc.constantFrom("1/4", "-3/2", "0.5", "2", 0.25, -1)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("", "x", "1/0", "NaN", null, true, [], {}, 1e308, "1e400", -0, "9".repeat(300)) },
);

const matrix = (rows: number, cols: number): fc.Arbitrary<unknown[][]> =>
  fc.array(fc.array(weight, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/** A well-shaped network of d inputs, l hidden neurons and e outputs, its entries sometimes junk. */
const shapedNetwork = (d: number, l: number, e: number): fc.Arbitrary<string> =>
  fc
    .record(
      {
        activation: fc.constantFrom<unknown>("relu", "relu", "abs", "linear", "leaky_relu:1/10", "tanh", "", 3),
        W1: matrix(l, d),
        b1: fc.array(weight, { minLength: l, maxLength: l }),
        W2: matrix(e, l),
        b2: fc.array(weight, { minLength: e, maxLength: e }),
      },
      { requiredKeys: ["W1", "W2"] },
    )
    .map((n) => JSON.stringify(n));

/** Not a network at all: empty, truncated, misshapen or any JSON. */
const junkNetwork: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "{", "[]", "null", '{"W1": 3}', '{"W1": [[1]], "W2": [[1, 2]]}', "\u0000"),
  fc.json(),
);

const dims = fc.record({ d: fc.integer({ min: 1, max: 3 }), l: fc.integer({ min: 1, max: 3 }), e: fc.integer({ min: 1, max: 2 }) });

/** A network file: mostly well-shaped (d, l, e ≤ 3), sometimes misshapen or not JSON at all. */
export const networkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: dims.chain(({ d, l, e }) => shapedNetwork(d, l, e)) },
  { weight: 1, arbitrary: junkNetwork },
);

const cell = fc.oneof(
  { weight: 12, arbitrary: fc.oneof(fc.integer({ min: -3, max: 3 }).map(String), fc.constantFrom("1/2", "0.25", "-1.5")) },
  { weight: 1, arbitrary: fc.constantFrom("x", "", "1e999", "NaN", "1/0") },
);

/** A CSV of `cols` columns with a header and 0–4 rows. */
const shapedCsv = (cols: number): fc.Arbitrary<string> =>
  fc
    .array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 0, maxLength: 4 })
    .map((rows) => [Array.from({ length: cols }, (_, i) => `c${i}`).join(","), ...rows.map((r) => r.join(","))].join("\n"));

/** A data CSV: a header and rows of 1–4 columns, sometimes ragged or junk. */
export const csvText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }).chain(shapedCsv) },
  { weight: 1, arbitrary: fc.constantFrom("", "\n", "a,b\n1", "x,y\n1,2,3\n", "\uFEFFx,y\n1,2\n", '"a\n') },
);

/** A path argument: the written file most of the time, else missing, empty, a directory or through a file. */
const pathTo = (file: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant(file) },
    { weight: 1, arbitrary: fc.constantFrom("missing.json", "", ".", `${file}/x`, "/dev/null") },
  );

const cap = fc.oneof(
  { weight: 8, arbitrary: fc.constant<string[]>(["--max-seconds", "5"]) },
  { weight: 1, arbitrary: numberish.filter((v) => !(Number(v) > 5)).map((v) => ["--max-seconds", v]) },
);
const opt = (flag: string, values: fc.Arbitrary<string> = numberish): fc.Arbitrary<string[]> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant<string[]>([]) }, { weight: 3, arbitrary: values.map((v) => [flag, v]) });
/** Mostly a valid value, sometimes any number-like junk: deep enough to reach the computations. */
const mostly = (...valid: string[]): fc.Arbitrary<string> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: numberish });
/** An option given now and then (one case in four), with any of `values`. */
const rare = (flag: string, values: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant<string[]>([]) }, { weight: 1, arbitrary: values.map((v) => [flag, v]) });
const flag = (name: string): fc.Arbitrary<string[]> => fc.boolean().map((b) => (b ? [name] : []));

function command(
  name: string,
  parts: readonly fc.Arbitrary<string[]>[],
  files: fc.Arbitrary<Record<string, string | Uint8Array>>,
  outputs: string[] = [],
): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(fc.tuple(...parts), files)
    .map(([ps, f]) => ({ command: name, args: [...name.split(" "), ...ps.flat()], files: f, outputs }));
}

const netDataFiles: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 4, arbitrary: dims.chain(({ d, l, e }) => fc.record({ "net.json": shapedNetwork(d, l, e), "data.csv": shapedCsv(d + e) })) },
  { weight: 1, arbitrary: fc.record({ "net.json": networkText, "data.csv": csvText }) },
);
const none = fc.constant({});
const smallList = fc.oneof(fc.constantFrom("1", "1..3", "2,3", "1..2", "0", "3..1", "", "a", "1..10000", "1..200", "1..4096"), numberish);

const example = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../examples/${name}`, import.meta.url)));
const DEEP_PT = example("deep.pt");
const DEEP_SAFETENSORS = example("deep.safetensors");
const DEEP_CSV = new TextDecoder().decode(example("deep.csv"));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A valid file damaged: cut short, bytes flipped (anywhere or in the last 100, a zip's directory), a slice cut out, junk appended. */
const damaged = (bytes: Uint8Array): fc.Arbitrary<Uint8Array> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(bytes) },
    { weight: 3, arbitrary: fc.nat(bytes.length - 1).map((n) => bytes.slice(0, n)) },
    {
      weight: 4,
      arbitrary: fc
        .array(
          fc.tuple(
            fc.oneof(fc.nat(bytes.length - 1), fc.integer({ min: bytes.length - 100, max: bytes.length - 1 })),
            fc.integer({ min: 1, max: 255 }),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        )
        .map((flips) => {
          const b = bytes.slice();
          for (const [i, x] of flips) b[i]! ^= x;
          return b;
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.nat(bytes.length - 1), fc.nat(bytes.length - 1))
        .map(([a, b]) => concat(bytes.slice(0, Math.min(a, b)), bytes.slice(Math.max(a, b)))),
    },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((junk) => concat(bytes, junk)) },
  );

/** examples/deep.safetensors with its JSON header rewritten: a tensor's dtype, shape or offsets, a key, or the length field. */
const garbledSafetensors: fc.Arbitrary<Uint8Array> = (() => {
  const view = new DataView(DEEP_SAFETENSORS.buffer, DEEP_SAFETENSORS.byteOffset);
  const length = Number(view.getBigUint64(0, true));
  const header = JSON.parse(new TextDecoder().decode(DEEP_SAFETENSORS.slice(8, 8 + length))) as Record<string, Record<string, unknown>>;
  const body = DEEP_SAFETENSORS.slice(8 + length);
  const file = (h: unknown, lengthField?: bigint): Uint8Array => {
    const text = new TextEncoder().encode(JSON.stringify(h));
    const head = new Uint8Array(8);
    new DataView(head.buffer).setBigUint64(0, lengthField ?? BigInt(text.length), true);
    return concat(head, text, body);
  };
  const keys = Object.keys(header);
  const field = fc.oneof(
    fc.record({ key: fc.constant("dtype"), value: fc.constantFrom<unknown>("F64", "F16", "BF16", "I64", "U8", "BOOL", "X", 3, null) }),
    fc.record({
      key: fc.constant("shape"),
      value: fc.constantFrom<unknown>([0], [], [3, 2, 1], [-1], [1e9, 1e9], [2 ** 53, 2], ["a"], "3", [1.5]),
    }),
    fc.record({
      key: fc.constant("data_offsets"),
      value: fc.constantFrom<unknown>([0, 1e12], [24, 0], [0, 0], [-1, 3], [0, 2 ** 64], [0], "0,24", [0.5, 24]),
    }),
  );
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), field).map(([k, { key, value }]) => file({ ...header, [k]: { ...header[k], [key]: value } })),
    fc.constantFrom(...keys).map((k) => file(Object.fromEntries(Object.entries(header).filter(([x]) => x !== k)))),
    fc.constantFrom(...keys).map((k) => file({ ...header, [`${k}.extra`]: header[k] })),
    fc
      .constantFrom<unknown>(3, "x", [], null, { __metadata__: 7 }, { __metadata__: { a: 1 } })
      .map((junk) => file(junk === null ? null : { ...header, junk })),
    fc.constantFrom(0n, 7n, 2n ** 40n, 2n ** 63n - 1n, BigInt(DEEP_SAFETENSORS.length)).map((n) => file(header, n)),
  );
})();

/** A network file of any kind: JSON (mostly well-shaped), or a damaged examples/deep.pt or examples/deep.safetensors. */
const anyNetwork: fc.Arbitrary<{ name: string; content: string | Uint8Array }> = fc.oneof(
  { weight: 3, arbitrary: networkText.map((content) => ({ name: "net.json", content })) },
  { weight: 2, arbitrary: fc.constantFrom({ name: "net.pt", content: DEEP_PT }, { name: "net.safetensors", content: DEEP_SAFETENSORS }) },
  { weight: 2, arbitrary: damaged(DEEP_PT).map((content) => ({ name: "net.pt", content })) },
  { weight: 2, arbitrary: damaged(DEEP_SAFETENSORS).map((content) => ({ name: "net.safetensors", content })) },
  { weight: 2, arbitrary: garbledSafetensors.map((content) => ({ name: "net.safetensors", content })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<{ name: string; content: string | Uint8Array }>(
      { name: "net.pt", content: DEEP_SAFETENSORS },
      { name: "net.safetensors", content: DEEP_PT },
      { name: "net.pt", content: '{"W1": [[1]], "W2": [[1]]}' },
      { name: "net.safetensors", content: "" },
      { name: "net.pt", content: "" },
    ),
  },
);

/** Files beside a network of any kind: the network under its own name, data that fits examples/deep.pt or not. */
const anyNetFiles: fc.Arbitrary<Record<string, string | Uint8Array>> = fc
  .tuple(anyNetwork, fc.oneof(fc.constant(DEEP_CSV), csvText))
  .map(([net, data]) => ({ [net.name]: net.content, "data.csv": data }));
/** The network argument of a case from anyNetFiles: its file, or a missing or wrong path. */
const anyNetPath = (files: Record<string, string | Uint8Array>): fc.Arbitrary<string> =>
  pathTo(Object.keys(files).find((f) => f.startsWith("net."))!);

const claimHeader = `import fc from "fast-check";\nimport { arbProblem, defineClaim } from "relutopo";\n`;
const claimOf = (name: string, tag: string, predicate: string, extra = ""): string =>
  `export const c = defineClaim({ name: "${name}", statement: "s", tag: "${tag}", arbitraries: [arbProblem()], predicate: ${predicate}${extra} });\n`;

/** A claim module: good, false, or broken at import, at export or inside a case (throws, loops, exits, leaks). */
const claimModule: fc.Arbitrary<string> = fc.constantFrom(
  claimHeader + claimOf("holds", "theorem", "() => true"),
  claimHeader + claimOf("fails", "false", "({ net }) => net.W1.length > 100"),
  claimHeader + claimOf("wrong-theorem", "theorem", "({ net }) => net.W1.length > 100"),
  claimHeader + claimOf("throws", "theorem", '() => { throw new Error("inside a case"); }'),
  claimHeader + claimOf("throws-junk", "theorem", "() => { throw 42; }"),
  claimHeader + claimOf("rejects", "theorem", 'async () => { throw new TypeError("rejected"); }'),
  claimHeader + claimOf("returns-junk", "theorem", '() => "yes"'),
  claimHeader + claimOf("spins", "theorem", "() => { for (;;) {} }"),
  claimHeader + claimOf("exits", "theorem", "() => process.exit(5)"),
  claimHeader + claimOf("leaks", "theorem", '() => { setTimeout(() => { throw new Error("after the case"); }, 0); return true; }'),
  claimHeader + claimOf("unhandled", "theorem", '() => { Promise.reject(new Error("nobody waits")); return true; }'),
  claimHeader + claimOf("timer", "theorem", "() => { setInterval(() => {}, 1000); return true; }"),
  claimHeader + claimOf("bigint-witness", "false", "() => false", ", witness: () => ({ n: 1n })"),
  claimHeader + claimOf("cyclic-witness", "false", "() => false", ", witness: () => { const o = {}; o.o = o; return o; }"),
  claimHeader + claimOf("fn-witness", "false", "() => false", ", witness: () => ({ f: () => 1, u: undefined, s: Symbol('x') })"),
  `${claimHeader}export const c = defineClaim({ name: "bad-arb", statement: "s", tag: "theorem", arbitraries: [fc.nat().map(() => { throw new Error("drawing"); })], predicate: () => true });\n`,
  `${claimHeader}export const c = defineClaim({ name: "all-pre", statement: "s", tag: "theorem", arbitraries: [fc.nat()], predicate: () => { fc.pre(false); return true; } });\n`,
  `${claimHeader}export const a = defineClaim({ name: "twice", statement: "s", tag: "theorem", arbitraries: [arbProblem()], predicate: () => true });\nexport const b = a;\nexport const c = { ...a };\n`,
  `${claimHeader}export const c = defineClaim({ name: "", statement: "s", tag: "theorem", arbitraries: [], predicate: () => true });\n`,
  `${claimHeader}export const c = defineClaim({ name: "x", tag: "theorem" });\n`,
  "export const = ;\n",
  "export default {\n",
  'throw new Error("at import");\n',
  "throw null;\n",
  "export default 3;\n",
  "export default [null];\n",
  'export const claims = "x";\n',
  'export default { tag: "theorem" };\n',
  "export {};\n",
  "",
  "\u0000\u0001",
  'import "no-such-package-xyz";\n',
  "await new Promise(() => {});\n",
  "for (;;) {}\n",
  "process.exit(0);\n",
  "const t = Date.now(); while (Date.now() - t < 1500); export default [];\n",
);

const checkCap = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<string[]>(["--max-seconds", "1"], ["--max-seconds", "2"]) },
  { weight: 1, arbitrary: fc.constantFrom("0.001", "0.3", "0", "-1", "x", "").map((v) => ["--max-seconds", v]) },
);
const CLAIM_NAMES = ["holds", "fails", "spins", "throws", "twice", "nope", "gd-conserves-c", "rescaling-identity", ""];

/** `relutopo check`: built-in claims at a few cases, or a claim module of any kind, with options valid or not. */
const checkCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  command(
    "check",
    [
      fc.constantFrom(
        ["--claim", "gd-conserves-c"],
        ["--claim", "rescaling-identity"],
        ["--claim", "effective-equals-components"],
        ["--all"],
        ["--all", "--claim", "gd-conserves-c"],
        ["--claim", "no-such-claim"],
      ),
      fc.constantFrom("1", "2", "5").map((r) => ["--runs", r]),
      rare("--seed", numberish),
      rare("--path", fc.constantFrom("0", "0:1", "1:2:3", "x", "", "99999999999999999999", "0:0:0:0:1")),
      rare("--save", fc.constantFrom("saved", "saved", "", "./saved/", "data.csv/x", "/dev/null", "sub")),
      flag("--json"),
      checkCap,
    ],
    fc.record({ "data.csv": csvText }),
    ["saved"],
  ),
  fc
    .tuple(
      claimModule,
      fc.constantFrom("claims.mjs", "claims.mjs", "claims.ts", "claims.js", "claims.cjs", "claims.json"),
      rare("--claim", fc.constantFrom(...CLAIM_NAMES)),
      mostly("1", "3", "10").map((r) => ["--runs", r]),
      rare("--seed", numberish),
      rare("--path", fc.constantFrom("0", "0:1", "x")),
      rare("--save", fc.constantFrom("saved", "saved", "claims.mjs/x", "")),
      flag("--json"),
      checkCap,
      fc.constantFrom("claims", "claims", "claims", "claims", "claims", "missing", "dir"),
    )
    .map(([text, name, claim, runs, seed, path, save, json, cap, where]) => ({
      command: "check",
      args: [
        "check",
        "--file",
        where === "claims" ? name : where === "dir" ? "sub" : "missing.mjs",
        ...claim,
        ...runs,
        ...seed,
        ...path,
        ...save,
        ...json,
        ...cap,
      ],
      files: { [name]: text },
      outputs: ["saved"],
    })),
);

/** `relutopo reproduce` at the tiny scale mostly (the lighter experiments more often: `all` takes seconds), with unknown experiments, bad --out paths, tiny caps and junk options. */
const reproduceCase: fc.Arbitrary<FuzzCase> = command(
  "reproduce",
  [
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .constantFrom("probability", "probability", "deep", "deep", "toy", "optimizers", "breast-cancer", "all")
          .map((e) => [e]),
      },
      { weight: 1, arbitrary: fc.constantFrom<string[]>([], ["nope"], [""], ["toy", "deep"], ["ALL"]) },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<string[]>(["--out", "out"]) },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom("", ".", "net.json", "net.json/x", "/dev/null", "/proc/x", "sub", "out/deeper/still")
          .map((o) => ["--out", o]),
      },
      { weight: 1, arbitrary: fc.constant<string[]>([]) },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant<string[]>(["--scale", "tiny"]) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<string[]>(
          [],
          ["--quick"],
          ["--scale", "quick"],
          ["--scale", "full"],
          ["--scale", "x"],
          ["--quick", "--scale", "tiny"],
        ),
      },
    ),
    rare("--seed", mostly("1", "2", "7")),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<string[]>([]) },
      { weight: 1, arbitrary: fc.constantFrom("0/2", "1/2", "2/2", "0/1", "x", "1/0", "0/100000", "-1/2").map((v) => ["--shard", v]) },
    ),
    rare("--threads", fc.constantFrom("1", "2", "0", "x", "1024", "-1")),
    flag("--json"),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant<string[]>(["--max-seconds", "10"]) },
      { weight: 2, arbitrary: fc.constantFrom("0.01", "0.2", "1", "0", "x").map((v) => ["--max-seconds", v]) },
    ),
  ],
  fc.record({ "net.json": networkText }),
  ["out"],
);

/** `relutopo inspect`: a network of any kind (JSON, damaged .pt or .safetensors), data that fits it or not, a plot file or a bad path. */
const inspectCase: fc.Arbitrary<FuzzCase> = anyNetFiles.chain((files) =>
  command(
    "inspect",
    [
      anyNetPath(files).map((p) => ["--net", p]),
      opt("--data", pathTo("data.csv")),
      opt("--plot", fc.constantFrom("map.svg", "map.html", "map.png", "", "nodir/map.svg", ".", "data.csv/x")),
      flag("--json"),
      cap,
    ],
    fc.constant(files),
    ["map.svg", "map.html", "nodir"],
  ),
);

// ---------------------------------------------------------------------------------------------
// Valid or nearly valid inputs. The generators above draw junk often enough that most of their
// cases end at input validation; these draw inputs that pass it and run, adversarial inside:
// depth 2 to 4, every activation, weights exactly 0, data on kinks, duplicated rows, huge and
// tiny values, and every option of the computation, each case under a small --max-seconds so
// that a long computation is refused up front (exit 2) or stopped (exit 3), never left to hang.

/** An entry of a valid network or data row: small rationals mostly, exactly 0 often, now and then huge or tiny. */
const goodValue: fc.Arbitrary<string | number> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 6, arbitrary: fc.constantFrom<string | number>("1/2", "-3/2", "0.25", "-1/3", "7/5", 0.5, "2", "-0.75") },
  { weight: 3, arbitrary: fc.constantFrom<string | number>(0, "0", "-0", "0/7") },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | number>("1e15", "-1e15", "1e-15", 1e-15, 1e15, "12345678901234567890/3", "-12345678901234567890/3"),
  },
);

const ACTIVATIONS = ["relu", "relu", "relu", "leaky_relu:1/10", "leaky_relu:0", "leaky_relu:-1/2", "leaky_relu:1e-15", "abs", "linear"];

/** A valid network and data that fit it, with the shape the options need to know. */
interface Problem {
  readonly net: string;
  readonly data: string;
  readonly d: number;
  /** Width of the layer before the output (the number of output weights of a scalar-output net). */
  readonly last: number;
  readonly e: number;
  readonly depth: number;
}

interface ProblemShape {
  readonly e?: number;
  /** Targets 0 or 1, for the binary cross-entropy loss. */
  readonly binary?: boolean;
  /** Number of weight layers (2 to 4 when absent). */
  readonly depth?: number;
}

const matrixOf = (rows: number, cols: number): fc.Arbitrary<Array<Array<string | number>>> =>
  fc.array(fc.array(goodValue, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/** A network of 2 to 4 weight layers in the two-layer, `layers` or state_dict form, with data of 1-4 rows (duplicated, on a kink, at x = 0 now and then). */
const validProblem = (shape: ProblemShape = {}): fc.Arbitrary<Problem> =>
  fc
    .record({
      d: fc.integer({ min: 1, max: 3 }),
      hidden: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: (shape.depth ?? 2) - 1, maxLength: (shape.depth ?? 4) - 1 }),
      e: shape.e === undefined ? fc.integer({ min: 1, max: 2 }) : fc.constant(shape.e),
    })
    .chain(({ d, hidden, e }) => {
      const widths = [d, ...hidden, e];
      const depth = widths.length - 1;
      return fc
        .record({
          activation: fc.option(fc.constantFrom(...ACTIVATIONS), { freq: 8, nil: undefined }),
          Ws: fc.tuple(...widths.slice(1).map((rows, i) => matrixOf(rows, widths[i]!))),
          bs: fc.tuple(
            ...widths
              .slice(1)
              .map((rows) => fc.option(fc.array(goodValue, { minLength: rows, maxLength: rows }), { freq: 2, nil: undefined })),
          ),
          form:
            depth === 2
              ? fc.constantFrom("two-layer", "two-layer", "layers", "state_dict")
              : fc.constantFrom("layers", "layers", "state_dict"),
          xs: fc.array(fc.array(goodValue, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 4 }),
          ys: fc.array(fc.array(shape.binary ? fc.constantFrom(0, 1) : goodValue, { minLength: e, maxLength: e }), {
            minLength: 4,
            maxLength: 4,
          }),
          kink: fc.constantFrom("none", "none", "none", "zero", "on-kink", "duplicate"),
          kinkX: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: d, maxLength: d }),
          kinkW: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: d, maxLength: d }),
        })
        .map(({ activation, Ws, bs, form, xs, ys, kink, kinkX, kinkW }) => {
          const W = Ws.map((m) => m.map((r) => [...r]));
          const b = bs.map((v) => (v === undefined ? undefined : [...v]));
          const rows = xs.map((x, i) => [...x, ...ys[i]!]);
          if (kink === "zero") rows[0]!.splice(0, d, ...Array.from({ length: d }, () => 0));
          if (kink === "on-kink") {
            // neuron 0 of the first layer has w·x + b = 0 exactly at the first data point
            W[0]![0] = kinkW;
            const z = kinkW.reduce((s, w, i) => s + w * kinkX[i]!, 0);
            b[0] ??= Array.from({ length: widths[1]! }, () => 0);
            b[0]![0] = -z;
            rows[0]!.splice(0, d, ...kinkX);
          }
          if (kink === "duplicate") rows.push([...rows[0]!]);
          const act = activation === undefined ? {} : { activation };
          let net: Record<string, unknown>;
          if (form === "two-layer") net = { ...act, W1: W[0], ...(b[0] ? { b1: b[0] } : {}), W2: W[1], ...(b[1] ? { b2: b[1] } : {}) };
          else if (form === "layers") net = { ...act, layers: W.map((m, i) => ({ W: m, ...(b[i] ? { b: b[i] } : {}) })) };
          else
            net = {
              ...act,
              ...Object.fromEntries(W.flatMap((m, i) => [[`${2 * i}.weight`, m], ...(b[i] ? [[`${2 * i}.bias`, b[i]]] : [])])),
            };
          const header = [...Array.from({ length: d }, (_, i) => `x${i}`), ...Array.from({ length: e }, (_, i) => `y${i}`)];
          const data = [header.join(","), ...rows.map((r) => r.join(","))].join("\n");
          return { net: JSON.stringify(net), data, d, last: widths[depth - 1]!, e, depth };
        });
    });

const text = (name: string): string => new TextDecoder().decode(example(name));
/** The example networks and data the documentation uses, valid by construction. */
const exampleProblems: fc.Arbitrary<Record<string, string | Uint8Array>> = fc.constantFrom<Record<string, string | Uint8Array>>(
  { "net.json": text("toy.json"), "data.csv": text("toy.csv") },
  { "net.json": text("net.json"), "data.csv": text("abs.csv") },
  { "net.json": text("good.json"), "data.csv": text("abs.csv") },
  { "net.json": text("sliding.json"), "data.csv": text("sliding.csv") },
  { "net.json": text("deep-sliding.json"), "data.csv": text("deep-sliding.csv") },
  { "net.safetensors": DEEP_SAFETENSORS, "data.csv": DEEP_CSV },
  { "net.pt": DEEP_PT, "data.csv": DEEP_CSV },
);

/** Files of a valid problem (generated or an example) and the network's file name. */
const validFiles = (shape: ProblemShape = {}): fc.Arbitrary<Record<string, string | Uint8Array>> =>
  fc.oneof(
    { weight: 5, arbitrary: validProblem(shape).map((p) => ({ "net.json": p.net, "data.csv": p.data })) },
    { weight: shape.binary || (shape.e ?? 1) !== 1 ? 0 : 1, arbitrary: exampleProblems },
  );
const netName = (files: Record<string, string | Uint8Array>): string => Object.keys(files).find((f) => f.startsWith("net."))!;

/** A small --max-seconds: long computations are refused up front or stopped, never left to hang. */
const smallCap = fc.constantFrom<string[]>(["--max-seconds", "5"], ["--max-seconds", "5"], ["--max-seconds", "2"], ["--max-seconds", "1"]);
const maybe = (flagName: string, values: fc.Arbitrary<string>): fc.Arbitrary<string[]> =>
  fc.option(values, { freq: 2, nil: undefined }).map((v) => (v === undefined ? [] : [flagName, v]));

/** `relutopo gd` that runs: every optimiser and its options, every arithmetic, mse or bce with 0/1 targets. */
const validGd: fc.Arbitrary<FuzzCase> = fc
  .record({
    loss: fc.constantFrom("mse", "mse", "mse", "bce"),
    optimizer: fc.constantFrom("sgd", "sgd", "adam", "adamw"),
    arith: fc.constantFrom("exact", "exact", "float", "float", "decimal:30", "decimal:10", "decimal:60"),
  })
  .chain(({ loss, optimizer, arith }) => {
    // bce and adam need decimal or float arithmetic
    const a = arith === "exact" && (loss === "bce" || optimizer !== "sgd") ? "float" : arith;
    const sgd = optimizer === "sgd";
    return fc
      .tuple(
        validFiles({ binary: loss === "bce" }),
        fc.constantFrom("1/20", "1/10", "0.01", "1/2", "1", "1e-15", "10"),
        fc.constantFrom("0", "1", "1", "2", "3", "5", "10", "20"),
        sgd ? maybe("--momentum", fc.constantFrom("0", "1/2", "0.9")) : fc.constant([]),
        sgd ? maybe("--dampening", fc.constantFrom("0", "1/10")) : fc.constant([]),
        fc.boolean(),
        maybe("--weight-decay", fc.constantFrom("0", "1/100", "1", "1e-15")),
        sgd ? fc.constant([]) : maybe("--beta1", fc.constantFrom("0.9", "0", "1/2")),
        sgd ? fc.constant([]) : maybe("--beta2", fc.constantFrom("0.999", "1/2", "0")),
        sgd ? fc.constant([]) : maybe("--eps", fc.constantFrom("1e-8", "1e-15", "1")),
        maybe("--batch-size", fc.constantFrom("1", "2", "10")),
        fc.constantFrom<string[]>([], [], ["--shuffle"], ["--shuffle", "--seed", "3"]),
        flag("--json"),
        smallCap,
      )
      .map(([files, lr, steps, momentum, dampening, nesterov, wd, b1, b2, eps, batch, shuffle, json, cap]) => {
        // --nesterov needs momentum > 0 and no dampening
        const nest = nesterov && momentum.length > 0 && momentum[1] !== "0" && (dampening.length === 0 || dampening[1] === "0");
        return {
          command: "gd",
          args: [
            "gd",
            "--net",
            netName(files),
            "--data",
            "data.csv",
            "--lr",
            lr,
            "--steps",
            steps,
            "--arith",
            a,
            "--loss",
            loss,
            "--optimizer",
            optimizer,
            ...momentum,
            ...dampening,
            ...(nest ? ["--nesterov"] : []),
            ...wd,
            ...b1,
            ...b2,
            ...eps,
            ...batch,
            ...shuffle,
            ...json,
            ...cap,
          ],
          files,
          outputs: [],
        };
      });
  });

/** `relutopo flow` that runs: every method, digits at the bound and a few above, samples, weight decay and momentum for taylor. */
const validFlow: fc.Arbitrary<FuzzCase> = fc
  .record({ method: fc.constantFrom("taylor", "taylor", "gauss", "rk4"), loss: fc.constantFrom("mse", "mse", "mse", "bce") })
  .chain(({ method, loss }) =>
    fc
      .tuple(
        validFiles({ binary: loss === "bce" }),
        fc.constantFrom("1/10", "1/2", "1", "1e-15", "2"),
        fc.constantFrom("10", "10", "10", "12", "20", "30", "60"),
        maybe("--samples", fc.constantFrom("0", "1", "2", "5")),
        method === "taylor" ? fc.constant([]) : maybe("--steps", fc.constantFrom("1", "2", "5", "20")),
        // one dynamics at a time: weight decay or momentum (taylor only)
        method === "taylor"
          ? fc.constantFrom<string[]>(
              [],
              [],
              ["--weight-decay", "0"],
              ["--weight-decay", "1/10"],
              ["--weight-decay", "1"],
              ["--momentum", "0"],
              ["--momentum", "1/2"],
              ["--momentum", "1"],
            )
          : fc.constant([]),
        flag("--json"),
        smallCap,
      )
      .map(([files, time, digits, samples, steps, dynamics, json, cap]) => ({
        command: "flow",
        args: [
          "flow",
          "--net",
          netName(files),
          "--data",
          "data.csv",
          "--time",
          time,
          "--digits",
          digits,
          "--method",
          method,
          ...(loss === "mse" ? [] : ["--loss", loss]),
          ...samples,
          ...steps,
          ...dynamics,
          ...json,
          ...cap,
        ],
        files,
        outputs: [],
      })),
  );

/** Values of c: small rationals, exactly 0, huge and tiny. */
const cList = fc.array(goodValue, { minLength: 1, maxLength: 6 }).map((cs) => cs.join(","));

/** `relutopo components` that runs: a valid network, or values of c with a fan-in and output width. */
const validComponents: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.oneof(
      // the command reads two-layer networks; a deeper one now and then is nearly valid
      fc
        .oneof({ weight: 3, arbitrary: validProblem({ depth: 2 }) }, { weight: 1, arbitrary: validProblem() })
        .map((p) => ({ files: { "net.json": p.net }, args: ["--net", "net.json"] })),
      fc
        .tuple(cList, fc.constantFrom("1", "2", "3", "4"), fc.constantFrom<string[]>([], ["--e", "1"], ["--e", "2"]))
        .map(([c, dIn, e]) => ({ files: {}, args: ["--c", c, "--d-in", dIn, ...e] })),
      fc
        .tuple(cList, fc.constantFrom("1", "2", "3"))
        .map(([c, dIn]) => ({ files: { "c.txt": c.replaceAll(",", "\n") }, args: ["--c-file", "c.txt", "--d-in", dIn] })),
    ),
    flag("--list"),
    maybe("--limit", fc.constantFrom("0", "1", "16")),
    flag("--json"),
    smallCap,
  )
  .map(([{ files, args }, list, limit, json, cap]) => ({
    command: "components",
    args: ["components", ...args, ...list, ...limit, ...json, ...cap],
    files,
    outputs: [],
  }));

/** `relutopo table components` that runs: small ranges of d_in, e and l in every format. */
const validTableComponents: fc.Arbitrary<FuzzCase> = command(
  "table components",
  [
    fc.constantFrom("1", "2", "1..2", "1..3", "2,3").map((v) => ["--d-in", v]),
    fc.constantFrom("1", "2", "1..2").map((v) => ["--e", v]),
    fc.constantFrom("1", "2", "1..3", "4", "1..5").map((v) => ["--width", v]),
    maybe("--format", fc.constantFrom("md", "csv", "json", "tex")),
    smallCap,
  ],
  none,
);

/** `relutopo invariants` and `inspect` on a valid network of any form. */
const validInvariants: fc.Arbitrary<FuzzCase> = validFiles().chain((files) =>
  command("invariants", [fc.constant(["--net", netName(files)]), flag("--json")], fc.constant(files)),
);
const validInspect: fc.Arbitrary<FuzzCase> = validFiles().chain((files) =>
  command(
    "inspect",
    [
      fc.constant(["--net", netName(files)]),
      maybe("--data", fc.constant("data.csv")),
      maybe("--plot", fc.constantFrom("map.svg", "map.html")),
      flag("--json"),
      smallCap,
    ],
    fc.constant(files),
    ["map.svg", "map.html"],
  ),
);

/** `relutopo obstruction` on a valid scalar-output network: counts, or signs as many as its output weights. */
const validObstruction: fc.Arbitrary<FuzzCase> = validProblem({ e: 1 }).chain((p) =>
  command(
    "obstruction",
    [
      fc.constant(["--net", "net.json"]),
      fc.oneof(
        fc
          .tuple(fc.integer({ min: 0, max: p.last + 1 }), fc.option(fc.integer({ min: 0, max: p.last }), { nil: undefined }))
          .map(([pos, neg]) => ["--need-positive", String(pos), ...(neg === undefined ? [] : ["--need-negative", String(neg)])]),
        fc.array(fc.constantFrom("+", "-", "?"), { minLength: p.last, maxLength: p.last }).map((s) => ["--target-signs", s.join("")]),
      ),
      maybe("--data", fc.constant("data.csv")),
      flag("--json"),
    ],
    fc.constant({ "net.json": p.net, "data.csv": p.data }),
  ),
);

/** `relutopo probability` that runs: every initialisation or explicit variances, exact or Monte Carlo. */
const validProbability: fc.Arbitrary<FuzzCase> = command(
  "probability",
  [
    fc.constantFrom("1", "2", "3", "10", "4096").map((v) => ["--d-in", v]),
    fc.constantFrom("1", "2", "10", "1000").map((v) => ["--width", v]),
    maybe("--e", fc.constantFrom("1", "2", "3")),
    fc.oneof(
      fc
        .constantFrom("kaiming-normal", "lecun-normal", "xavier-normal", "kaiming-uniform", "xavier-uniform", "pytorch-default")
        .map((v) => ["--init", v]),
      fc
        .tuple(fc.constantFrom("1", "1/2", "1e-15", "1e15"), fc.constantFrom("1", "2", "1e-15"))
        .map(([w, a]) => ["--sigma-w2", w, "--sigma-a2", a]),
    ),
    maybe("--digits", fc.constantFrom("1", "5", "20", "40", "500")),
    flag("--distribution"),
    fc.constantFrom<string[]>(
      [],
      [],
      ["--method", "monte-carlo", "--samples", "1000"],
      ["--method", "monte-carlo", "--samples", "1", "--seed", "7"],
    ),
    flag("--json"),
    smallCap,
  ],
  none,
);

/** `relutopo laws` that runs: small widths, every activation, bias or not, both dynamics. */
const validLaws: fc.Arbitrary<FuzzCase> = command(
  "laws",
  [
    fc.constantFrom("2,2,1", "1,1,1", "2,3,1", "1,2,2,1", "3,2,1", "2,2,2,1").map((w) => ["--widths", w]),
    flag("--bias"),
    maybe("--activation", fc.constantFrom(...ACTIVATIONS)),
    maybe("--degree", fc.constantFrom("1", "2", "3")),
    maybe("--dynamics", fc.constantFrom("gradient", "momentum")),
    maybe("--seed", fc.constantFrom("1", "2", "99")),
    flag("--json"),
    smallCap,
  ],
  none,
);

/** `relutopo table probability` and `table laws` that run: small grids in every format. */
const validTableProbability: fc.Arbitrary<FuzzCase> = command(
  "table probability",
  [
    fc.constantFrom("1", "1..3", "2,5", "1..8").map((v) => ["--d-in", v]),
    fc.constantFrom("1", "1..4", "10,100").map((v) => ["--width", v]),
    maybe("--digits", fc.constantFrom("1", "5", "20")),
    maybe("--format", fc.constantFrom("md", "csv", "json", "tex")),
    fc.constantFrom<string[]>(
      ["--init", "kaiming-normal"],
      ["--init", "lecun-normal"],
      ["--init", "xavier-uniform", "--samples", "100"],
      ["--sigma-w2", "1", "--sigma-a2", "1/2"],
    ),
    maybe("--plot", fc.constant("map.svg")),
    smallCap,
  ],
  none,
  ["map.svg"],
);
const validTableLaws: fc.Arbitrary<FuzzCase> = command(
  "table laws",
  [
    fc.constantFrom("1..2;1..2;1", "2;3;3;1", "1;1;1", "2;1..2;1").map((v) => ["--widths-grid", v]),
    maybe("--activation", fc.constantFrom("relu", "relu,linear", "abs", "leaky_relu:1/2,relu")),
    maybe("--bias", fc.constantFrom("no", "yes", "no,yes")),
    maybe("--degree", fc.constantFrom("1", "2")),
    maybe("--dynamics", fc.constantFrom("gradient", "momentum", "gradient,momentum")),
    maybe("--format", fc.constantFrom("md", "csv", "json", "tex")),
    smallCap,
  ],
  none,
);

/** Every command that reads input, its options drawn from the generators above: malformed mostly, reaching input validation. */
const malformedCases: readonly fc.Arbitrary<FuzzCase>[] = [
  anyNetFiles.chain((files) => command("invariants", [anyNetPath(files).map((p) => ["--net", p]), flag("--json")], fc.constant(files))),
  command(
    "gd",
    [
      pathTo("net.json").map((p) => ["--net", p]),
      pathTo("data.csv").map((p) => ["--data", p]),
      opt("--lr", mostly("1/20", "1/2", "0.1", "1")),
      opt("--steps", mostly("0", "1", "3", "10", "100")),
      opt("--arith", fc.constantFrom("exact", "float", "decimal:30", "decimal:100000", "decimal:x", "decimal:0", "junk")),
      opt("--loss", fc.constantFrom("mse", "bce", "x")),
      flag("--json"),
      cap,
    ],
    netDataFiles,
  ),
  command(
    "flow",
    [
      pathTo("net.json").map((p) => ["--net", p]),
      pathTo("data.csv").map((p) => ["--data", p]),
      opt("--time", mostly("1", "1/2", "1/10", "5")),
      opt("--digits", mostly("10", "20", "50")),
      opt("--method", fc.constantFrom("taylor", "gauss", "rk4", "euler")),
      opt("--samples", mostly("0", "1", "3", "10")),
      opt("--steps", mostly("1", "5", "20")),
      flag("--json"),
      cap,
    ],
    netDataFiles,
  ),
  command(
    "components",
    [
      fc.oneof(
        pathTo("net.json").map((p) => ["--net", p]),
        fc.constantFrom("-2,4,3/2,0", "-1,-1,-1", "", "x", "1/0", "-1,".repeat(70).slice(0, -1)).map((c) => ["--c", c, "--d-in", "2"]),
        pathTo("c.txt").map((p) => ["--c-file", p, "--d-in", "2"]),
      ),
      flag("--list"),
      opt("--limit", mostly("0", "1", "16", "1000")),
      flag("--json"),
      cap,
    ],
    fc.record({ "net.json": networkText, "c.txt": fc.constantFrom("-1 2 3/2", "", "x", "-1\n".repeat(50)) }),
  ),
  anyNetFiles.chain((files) =>
    command(
      "obstruction",
      [
        anyNetPath(files).map((p) => ["--net", p]),
        opt("--need-positive", mostly("0", "1", "2")),
        opt("--need-negative", mostly("0", "1", "2")),
        opt("--target-signs", fc.constantFrom("+", "-", "?", "+-?", "+-?+", "", "x", "++++++++", "+ -", "1", "+".repeat(5000))),
        opt("--data", pathTo("data.csv")),
        flag("--json"),
      ],
      fc.constant(files),
    ),
  ),
  command(
    "probability",
    [
      fc.constant(["--d-in"]).chain((f) => mostly("1", "2", "3", "10", "4096").map((v) => [...f, v])),
      fc.constant(["--width"]).chain((f) => mostly("1", "2", "10", "1000", "100000").map((v) => [...f, v])),
      opt("--e", mostly("1", "2", "3")),
      fc.constantFrom("kaiming-normal", "kaiming-uniform", "xavier-normal", "pytorch-default", "he").map((v) => ["--init", v]),
      opt("--digits", mostly("5", "20", "40")),
      flag("--distribution"),
      opt("--samples", mostly("1", "100", "10000")),
      opt("--method", fc.constantFrom("exact", "monte-carlo", "x")),
      flag("--json"),
      cap,
    ],
    none,
  ),
  command(
    "laws",
    [
      opt("--widths", fc.constantFrom("2,2,1", "1,1,1", "2,1333,1", "3,3,3,1", "2,1", "0,1,1", "a,b,c", "2,,1")),
      flag("--bias"),
      opt("--activation", fc.constantFrom("relu", "linear", "abs", "leaky_relu:1/2", "leaky_relu:x", "tanh")),
      opt("--degree", mostly("1", "2", "3")),
      flag("--json"),
      cap,
    ],
    none,
  ),
  command(
    "table components",
    [
      opt("--d-in", smallList),
      opt("--e", smallList),
      opt("--width", smallList),
      opt("--format", fc.constantFrom("md", "csv", "json", "tex", "x")),
      cap,
    ],
    none,
  ),
  command(
    "table probability",
    [
      opt("--d-in", smallList),
      opt("--width", smallList),
      fc.constantFrom("kaiming-normal", "xavier-uniform").map((v) => ["--init", v]),
      opt("--digits", mostly("5", "20", "40")),
      opt("--plot", fc.constantFrom("map.svg", "", "nodir/map.svg", ".")),
      cap,
    ],
    none,
    ["map.svg", "nodir"], // writeFileAtomic makes the missing directory of --plot
  ),
  command(
    "table laws",
    [
      opt("--widths-grid", fc.constantFrom("1..2;1..2;1", "1..20;1..20;1..20", "1;1", "2;3;3;1", "a;b;c", ";;")),
      opt("--degree", mostly("1", "2", "3")),
      cap,
    ],
    none,
  ),
  checkCase,
  reproduceCase,
  inspectCase,
];

/** `relutopo check` that runs: a built-in claim at a few cases, or the example claim module. */
const validCheck: fc.Arbitrary<FuzzCase> = command(
  "check",
  [
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .constantFrom(
            "gd-conserves-c",
            "flow-rate-of-c-is-zero",
            "rescaling-preserves-function",
            "b0-is-two-to-the-split",
            "deep-gd-drift-identity",
            "effective-equals-components",
            "tanh-conserves-c",
          )
          .map((c) => ["--claim", c]),
      },
      // the example module is transpiled at every run, which takes seconds: now and then
      { weight: 1, arbitrary: fc.constant<string[]>(["--file", "claims.ts"]) },
    ),
    fc.constantFrom("1", "2", "3").map((r) => ["--runs", r]),
    maybe("--seed", fc.constantFrom("1", "7", "20261124")),
    flag("--json"),
    smallCap,
  ],
  fc.constant({ "claims.ts": text("my-claims.ts") }),
);

/** `relutopo reproduce` that runs: an experiment at the tiny scale, into a new directory or the working one. */
const validReproduce: fc.Arbitrary<FuzzCase> = command(
  "reproduce",
  [
    fc.constantFrom("probability", "probability", "deep", "deep", "toy", "optimizers", "breast-cancer", "all").map((e) => [e]),
    fc.constantFrom<string[]>(["--out", "out"], ["--out", "out"], ["--out", "out/deeper"], ["--out", "."]),
    fc.constant(["--scale", "tiny"]),
    maybe("--seed", fc.constantFrom("1", "2", "7")),
    maybe("--threads", fc.constantFrom("1", "2")),
    flag("--json"),
    fc.constant(["--max-seconds", "10"]),
  ],
  none,
  ["out"],
);

/** The valid case of every command in the order of malformedCases. */
const validCases: readonly fc.Arbitrary<FuzzCase>[] = [
  validInvariants,
  validGd,
  validFlow,
  validComponents,
  validObstruction,
  validProbability,
  validLaws,
  validTableComponents,
  validTableProbability,
  validTableLaws,
  validCheck,
  validReproduce,
  validInspect,
];

/**
 * Every command that reads input, each drawn half the time valid or nearly valid (so that the
 * computations run, on adversarial values) and half the time malformed.
 */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  ...malformedCases.map((malformed, i) => fc.oneof({ weight: 1, arbitrary: validCases[i]! }, { weight: 1, arbitrary: malformed })),
);

/**
 * The case with every `--max-seconds` above `seconds` lowered to it: the same inputs, their long
 * computations refused up front or stopped sooner (for a quick run of many cases).
 */
export function capped(c: FuzzCase, seconds: number): FuzzCase {
  const args = c.args.map((a, i) => (c.args[i - 1] === "--max-seconds" && Number(a) > seconds ? String(seconds) : a));
  return { ...c, args };
}

/** Whether the arguments ask for JSON on stdout (`--json`, or `--format json` of the tables). */
function printsJson(args: readonly string[]): boolean {
  return args.includes("--json") || args.some((a, i) => a === "--format" && args[i + 1] === "json");
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Runs one case of the built CLI in a fresh directory, killed after `limitSeconds`, and judges it. */
export async function runFuzzCase(c: FuzzCase, limitSeconds = 20): Promise<FuzzResult> {
  const dir = mkdtempSync(join(tmpdir(), "relutopo-fuzz-"));
  try {
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, "sub"));
    const before = new Set(readdirSync(dir));
    const start = performance.now();
    const { status, stdout, stderr, killed, cut } = await new Promise<{
      status: number | null;
      stdout: string;
      stderr: string;
      killed: boolean;
      /** stdout was longer than what is kept of it. */
      cut: boolean;
    }>((resolve) => {
      const child = spawn(process.execPath, [MAIN, ...c.args], { cwd: dir, env: { ...process.env, CI: "true" } });
      let out = "";
      let cut = false;
      let err = "";
      let killed = false;
      child.stdout.on("data", (b: Buffer) => {
        if (out.length < 1_000_000) out += b.toString();
        else cut = true;
      });
      child.stderr.on("data", (b: Buffer) => {
        if (err.length < 100_000) err += b.toString();
      });
      const timer = setTimeout(() => {
        killed = true;
        child.kill("SIGKILL");
      }, limitSeconds * 1000);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ status: code, stdout: out, stderr: err, killed, cut });
      });
    });
    const seconds = (performance.now() - start) / 1000;
    // `--out .` asks for the report in the working directory itself: every new file there is output
    const outHere = c.args.some((a, i) => a === "--out" && c.args[i + 1] === ".");
    const leftovers = outHere ? [] : readdirSync(dir).filter((f) => !before.has(f) && !c.outputs.includes(f));
    const verdict: FuzzVerdict = killed
      ? "over time limit"
      : status === 70 || /internal error/.test(stderr)
        ? "internal error"
        : status === null || ![0, 1, 2, 3].includes(status)
          ? "wrong exit code"
          : /\n {4}at /.test(stderr) || /\n {4}at /.test(stdout)
            ? "stack trace"
            : status !== 0 && !/^relutopo: [^\n]*\n$/.test(stderr) && !(status === 1 && stderr === "")
              ? "multi-line message"
              : leftovers.length > 0
                ? "leftover file"
                : status === 0 && /\b(NaN|Infinity|undefined)\b/.test(stdout)
                  ? "non-finite in output"
                  : status === 0 && printsJson(c.args) && !cut && !parsesAsJson(stdout)
                    ? "invalid JSON"
                    : /\bNaN\b/.test(stdout)
                      ? "NaN in output"
                      : "ok";
    return { verdict, status, stdout, stderr, seconds, leftovers };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
