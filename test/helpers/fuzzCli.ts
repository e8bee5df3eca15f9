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
  { weight: 6, arbitrary: fc.oneof(fc.integer({ min: -9, max: 9 }), fc.constantFrom("1/4", "-3/2", "0.5", "2", 0.25, -1)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>("", "x", "1/0", "NaN", null, true, [], {}, 1e308, "1e400", -0, "9".repeat(300)) },
);

const matrix = (rows: number, cols: number): fc.Arbitrary<unknown[][]> =>
  fc.array(fc.array(weight, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

/** A network file: mostly well-shaped (d, l, e ≤ 3), sometimes misshapen or not JSON at all. */
export const networkText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record({ d: fc.integer({ min: 1, max: 3 }), l: fc.integer({ min: 1, max: 3 }), e: fc.integer({ min: 1, max: 2 }) })
      .chain(({ d, l, e }) =>
        fc.record(
          {
            activation: fc.constantFrom<unknown>("relu", "abs", "linear", "leaky_relu:1/10", "tanh", "", 3),
            W1: matrix(l, d),
            b1: fc.array(weight, { minLength: l, maxLength: l }),
            W2: matrix(e, l),
            b2: fc.array(weight, { minLength: e, maxLength: e }),
          },
          { requiredKeys: ["W1", "W2"] },
        ),
      )
      .map((n) => JSON.stringify(n)),
  },
  { weight: 1, arbitrary: fc.constantFrom("", "{", "[]", "null", '{"W1": 3}', '{"W1": [[1]], "W2": [[1, 2]]}', "\u0000") },
  { weight: 1, arbitrary: fc.json() },
);

/** A data CSV: a header and rows of 1–4 columns, sometimes ragged or junk. */
export const csvText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.integer({ min: 1, max: 4 }).chain((cols) =>
      fc
        .array(
          fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }).map(String), fc.constantFrom("1/2", "0.25", "x", "", "1e999")), {
            minLength: cols,
            maxLength: cols,
          }),
          {
            minLength: 0,
            maxLength: 4,
          },
        )
        .map((rows) => [Array.from({ length: cols }, (_, i) => `c${i}`).join(","), ...rows.map((r) => r.join(","))].join("\n")),
    ),
  },
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
  { weight: 1, arbitrary: numberish.map((v) => ["--max-seconds", v]) },
);
const opt = (flag: string, values: fc.Arbitrary<string> = numberish): fc.Arbitrary<string[]> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant<string[]>([]) }, { weight: 3, arbitrary: values.map((v) => [flag, v]) });
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
const netDataFiles = fc.record({ "net.json": networkText, "data.csv": csvText });
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
      opt("--lr"),
      opt("--steps", fc.oneof(fc.constantFrom("0", "1", "3", "10"), numberish)),
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
      opt("--time", fc.oneof(fc.constantFrom("1", "1/2", "1/10"), numberish)),
      opt("--digits", fc.oneof(fc.constantFrom("10", "20"), numberish)),
      opt("--method", fc.constantFrom("taylor", "gauss", "rk4", "euler")),
      opt("--samples", fc.oneof(fc.constantFrom("0", "1", "3"), numberish)),
      opt("--steps", fc.oneof(fc.constantFrom("1", "5"), numberish)),
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
      opt("--limit"),
      flag("--json"),
      cap,
    ],
    fc.record({ "net.json": networkText, "c.txt": fc.constantFrom("-1 2 3/2", "", "x", "-1\n".repeat(50)) }),
  ),
  command(
    "obstruction",
    [pathTo("net.json").map((p) => ["--net", p]), opt("--need-positive"), opt("--need-negative"), flag("--json")],
    netFiles,
  ),
  command(
    "probability",
    [
      opt("--d-in"),
      opt("--width"),
      opt("--e"),
      opt("--init", fc.constantFrom("kaiming-normal", "kaiming-uniform", "xavier-normal", "pytorch-default", "he")),
      opt("--digits"),
      flag("--distribution"),
      opt("--samples"),
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
      opt("--degree"),
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
      opt("--init", fc.constantFrom("kaiming-normal", "xavier-uniform")),
      opt("--digits"),
      opt("--plot", fc.constantFrom("map.svg", "", "nodir/map.svg", ".")),
      cap,
    ],
    none,
    ["map.svg"],
  ),
  command(
    "table laws",
    [opt("--widths-grid", fc.constantFrom("1..2;1..2;1", "1..20;1..20;1..20", "1;1", "2;3;3;1", "a;b;c", ";;")), opt("--degree"), cap],
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
