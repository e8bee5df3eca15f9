import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

/** One generated run of the CLI: its arguments and the files written into its directory first. */
export interface FuzzCase {
  readonly command: string;
  readonly args: readonly string[];
  readonly files: Readonly<Record<string, string>>;
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
const flag = (name: string): fc.Arbitrary<string[]> => fc.boolean().map((b) => (b ? [name] : []));

function command(
  name: string,
  parts: readonly fc.Arbitrary<string[]>[],
  files: fc.Arbitrary<Record<string, string>>,
  outputs: string[] = [],
): fc.Arbitrary<FuzzCase> {
  return fc
    .tuple(fc.tuple(...parts), files)
    .map(([ps, f]) => ({ command: name, args: [...name.split(" "), ...ps.flat()], files: f, outputs }));
}

const netFiles = fc.record({ "net.json": networkText });
const netDataFiles: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 4, arbitrary: dims.chain(({ d, l, e }) => fc.record({ "net.json": shapedNetwork(d, l, e), "data.csv": shapedCsv(d + e) })) },
  { weight: 1, arbitrary: fc.record({ "net.json": networkText, "data.csv": csvText }) },
);
const none = fc.constant({});
const smallList = fc.oneof(fc.constantFrom("1", "1..3", "2,3", "1..2", "0", "3..1", "", "a", "1..10000", "1..200", "1..4096"), numberish);

/** Every command that reads input, with its options drawn from the generators above. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  command("invariants", [fc.constant(["--net"]), pathTo("net.json").map((p) => [p]), flag("--json")], netFiles),
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
  command(
    "obstruction",
    [
      pathTo("net.json").map((p) => ["--net", p]),
      opt("--need-positive", mostly("0", "1", "2")),
      opt("--need-negative", mostly("0", "1", "2")),
      flag("--json"),
    ],
    netFiles,
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
