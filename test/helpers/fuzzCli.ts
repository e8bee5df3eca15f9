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

/** Every command that reads input, with its options drawn from the generators above. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
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
);

/** Runs one case of the built CLI in a fresh directory, killed after `limitSeconds`, and judges it. */
export async function runFuzzCase(c: FuzzCase, limitSeconds = 20): Promise<FuzzResult> {
  const dir = mkdtempSync(join(tmpdir(), "relutopo-fuzz-"));
  try {
    for (const [name, text] of Object.entries(c.files)) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, "sub"));
    const before = new Set(readdirSync(dir));
    const start = performance.now();
    const { status, stdout, stderr, killed } = await new Promise<{
      status: number | null;
      stdout: string;
      stderr: string;
      killed: boolean;
    }>((resolve) => {
      const child = spawn(process.execPath, [MAIN, ...c.args], { cwd: dir, env: { ...process.env, CI: "true" } });
      let out = "";
      let err = "";
      let killed = false;
      child.stdout.on("data", (b: Buffer) => {
        if (out.length < 1_000_000) out += b.toString();
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
        resolve({ status: code, stdout: out, stderr: err, killed });
      });
    });
    const seconds = (performance.now() - start) / 1000;
    const leftovers = readdirSync(dir).filter((f) => !before.has(f) && !c.outputs.includes(f));
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
                : /\bNaN\b/.test(stdout)
                  ? "NaN in output"
                  : "ok";
    return { verdict, status, stdout, stderr, seconds, leftovers };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
