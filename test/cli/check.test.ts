import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCli, runCliInProcess } from "../helpers/runCli.js";

const example = fileURLToPath(new URL("../../examples/my-claims.ts", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "relutopo-check-"));

/** The claim example of the `check` section of the command reference (docs/cli.md), as a reader would copy it. */
function readmeClaimExample(): string {
  const readme = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
  const block = /A claim of your own[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error("docs/cli.md has no claim example after 'A claim of your own'");
  return block[1]!;
}

/** The command reference's example of named arbitraries (the `ts` block that defines `oneStepKeepsC`). */
function readmeNamedExample(): string {
  const readme = readFileSync(new URL("../../docs/cli.md", import.meta.url), "utf8");
  const block = /```ts\n([^`]*export const oneStepKeepsC[\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error("docs/cli.md has no oneStepKeepsC example");
  return block[1]!;
}

/** TypeScript to JavaScript for the example: parameter types and non-null assertions go. */
function stripTypes(ts: string): string {
  return ts.replace(/\((\w+): \w+\)/g, "($1)").replace(/([\])])!/g, "$1");
}

/** The command of a printed `replay:` line, as arguments of `relutopo`, checked to start with `npx relutopo`. */
function replayArgs(stdout: string): string[] {
  const line = /^ +replay: (.*)$/m.exec(stdout)?.[1];
  expect(line).toMatch(/^npx relutopo check /);
  return line!.split(" ").slice(2);
}

describe("relutopo check", () => {
  it("should refute gd-conserves-c with a network that relutopo gd reproduces", async () => {
    const r = await runCliInProcess(["check", "--claim", "gd-conserves-c", "--runs", "100", "--seed", "1", "--json"]);
    expect(r.status).toBe(0);
    const claim = JSON.parse(r.stdout).claims[0];
    expect(claim).toMatchObject({ name: "gd-conserves-c", tag: "false", verdict: "refuted" });
    const { net, data, lr } = claim.counterexample;
    const netFile = join(tmp, "net.json");
    const dataFile = join(tmp, "data.csv");
    writeFileSync(netFile, JSON.stringify(net));
    writeFileSync(dataFile, data);
    const gd = JSON.parse(
      (await runCliInProcess(["gd", "--net", netFile, "--data", dataFile, "--lr", lr, "--steps", "1", "--arith", "exact", "--json"]))
        .stdout,
    );
    // the failure reproduces: some c_k moved
    expect(gd.drift.observed[0].some((v: string) => v !== "0")).toBe(true);
  });

  it("should run under a cap too large for a Node timer (it used to stop at once, loading)", async () => {
    const r = await runCliInProcess(["check", "--claim", "gd-conserves-c", "--runs", "5", "--max-seconds", "1e9"]);
    expect(r.stderr).toBe("");
    // gd-conserves-c is tagged false: refuted as tagged, exit 0
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/gd-conserves-c: refuted/);
  });

  it("should give the same bytes for the same seed", async () => {
    const args = [
      "check",
      "--claim",
      "effective-equals-components",
      "--claim",
      "gd-drift-formula",
      "--runs",
      "40",
      "--seed",
      "9",
      "--json",
    ];
    expect((await runCliInProcess(args)).stdout).toBe((await runCliInProcess(args)).stdout);
  });

  it("should load a user's claim module with --file and succeed when every claim behaves as tagged", async () => {
    const r = await runCliInProcess(["check", "--file", example, "--runs", "40", "--seed", "2", "--json"]);
    expect(r.status).toBe(0);
    const verdicts = JSON.parse(r.stdout).claims.map((c: { name: string; verdict: string }) => `${c.name}:${c.verdict}`);
    expect(verdicts.sort()).toEqual(["half-step-quarter-drift:pass", "my-gd-keeps-c:refuted"]);
  });

  it("should exit 1 when a claim tagged theorem is refuted", async () => {
    const file = join(tmp, "wrong.mjs");
    writeFileSync(
      file,
      `import { defineClaim, arbProblem } from "relutopo";
export default defineClaim({ name: "all-nets-are-wide", statement: "every net has 3 neurons", tag: "theorem", arbitraries: [arbProblem()], predicate: ({ net }) => net.layers[0].W.length === 3 });`,
    );
    const r = await runCliInProcess(["check", "--file", file, "--runs", "20", "--json"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
    });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).claims[0].verdict).toBe("refuted");
  });

  it("should stop a claim heavier than the estimate at run time with exit 3 and one line naming --max-seconds", async () => {
    // 40 cases of 150 ms each: about 0.7 s by the up-front estimate (a fixed part and 0.0038 s a case), 6 s in fact, past twice the 2 s cap
    const file = join(tmp, "heavy.mjs");
    writeFileSync(
      file,
      `import { defineClaim, arbProblem } from "relutopo";
export default defineClaim({ name: "slow", statement: "waits", tag: "theorem", arbitraries: [arbProblem()], predicate: () => { const t = Date.now(); while (Date.now() - t < 150); return true; } });`,
    );
    const r = await runCliInProcess(["check", "--file", file, "--runs", "40", "--max-seconds", "2"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
    });
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^relutopo: check: over its work cap at run time: projected to take ~\d+(\.\d)? s \(\d+ cases in \d\.\d s\), past the ~\d+(\.\d+)? s left of twice the cap at case \d+ of 40 of claim `slow`; raise --max-seconds\n$/,
    );
  });

  // The runs that a stuck thread could keep alive get a process of their own: the process must still end.
  describe("a claim whose case never returns", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const claims = `import { arbProblem, defineClaim } from "relutopo";
export const good = defineClaim({ name: "good", statement: "holds", tag: "theorem", arbitraries: [arbProblem()], predicate: () => true });
export const spin = defineClaim({ name: "spin", statement: "loops", tag: "theorem", arbitraries: [arbProblem()], predicate: () => { for (;;) {} } });
`;
    const file = join(tmp, "spin.mjs");
    writeFileSync(file, claims);

    it("should stop the run at the cap with exit 3 and one line naming the claim and --max-seconds, printing no verdict and saving nothing", () => {
      // Act: `good` passes first; `spin` never returns (the verdicts print once every claim ran)
      const r = runCli(["check", "--file", file, "--runs", "5", "--max-seconds", "2", "--save", "saved"], { cwd: tmp });
      // Assert: stopped at twice the cap plus a margin of 1 s
      expect(r.status).toBe(3);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        "relutopo: check: over its work cap at run time: still running after ~5 s, past twice the ~2 s cap (a case that does not return?) at claim `spin`; raise --max-seconds\n",
      );
      expect(existsSync(join(tmp, "saved"))).toBe(false);
    });

    it("should check the other claims of such a module when they are selected", async () => {
      const r = await runCliInProcess(["check", "--file", file, "--claim", "good", "--runs", "20", "--max-seconds", "2"], { cwd: root });
      expect(r.status).toBe(0);
      expect(r.stdout.split("\n")[0]).toBe("ok  theorem good: passed 20 cases");
    });

    it("should still give the verdict of a claim that is slow but finishes within the cap", async () => {
      // Arrange: two cases of 0.5 s each against a cap of 1 s (the watchdog stops at twice the cap plus 1 s)
      const slow = join(tmp, "slow-but-done.mjs");
      writeFileSync(
        slow,
        `import { arbProblem, defineClaim } from "relutopo";
export default defineClaim({ name: "slow-true", statement: "waits, then holds", tag: "theorem", arbitraries: [arbProblem()], predicate: () => { const t = Date.now(); while (Date.now() - t < 500); return true; } });`,
      );
      // Act
      const r = await runCliInProcess(["check", "--file", slow, "--runs", "2", "--max-seconds", "1", "--json"], { cwd: root });
      // Assert
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).claims[0]).toMatchObject({ name: "slow-true", verdict: "pass", runs: 2, asTagged: true });
    });

    it("should stop a module that never finishes loading with exit 3 and one line, after at least 5 s", () => {
      const stuck = join(tmp, "stuck.mjs");
      writeFileSync(stuck, `for (;;) {}\nexport const x = 1;\n`);
      const r = runCli(["check", "--file", stuck, "--max-seconds", "1"], { cwd: root });
      expect(r.status).toBe(3);
      expect(r.stderr).toBe(
        `relutopo: check: over its work cap at run time: still loading after ~6 s (a module that does not finish loading?) at loading \`${stuck}\`; raise --max-seconds\n`,
      );
    });

    it("should exit 2 with one line for a module whose top-level await never settles", async () => {
      const waits = join(tmp, "waits.mjs");
      writeFileSync(waits, "await new Promise(() => {});\nexport const x = 1;\n");
      const r = await runCliInProcess(["check", "--file", waits], { cwd: root });
      expectBadInput(r);
      expect(r.stderr).toBe(
        `relutopo: invalid claim file \`${waits}\`. Must be a module that lets its check finish. Value: \`exit code 13\`. It ended the process before its check was done (a top-level await that never settles?).\n`,
      );
    });

    it("should name where a TypeScript claim file fails to compile, on one line", async () => {
      writeFileSync(join(tmp, "syntax.ts"), "export const = ;\n");
      const r = await runCliInProcess(["check", "--file", "syntax.ts"], { cwd: tmp });
      expectBadInput(r);
      expect(r.stderr).toMatch(
        /^relutopo: invalid claim file\. Must be a module that loads\. Value: `syntax\.ts`\. It failed to load: Transform failed with 1 error: \S*syntax\.ts:1:13: ERROR: Expected identifier but found "="\n$/,
      );
    });

    it("should exit 2 with one line when a claim ends the process from inside a case", async () => {
      const exits = join(tmp, "exits.mjs");
      writeFileSync(
        exits,
        `import { arbProblem, defineClaim } from "relutopo";
export default defineClaim({ name: "quits", statement: "exits", tag: "theorem", arbitraries: [arbProblem()], predicate: () => process.exit(7) });`,
      );
      const r = await runCliInProcess(["check", "--file", exits], { cwd: root });
      expectBadInput(r);
      expect(r.stderr).toBe(
        `relutopo: invalid claim file \`${exits}\`. Must be a module that lets its check finish. Value: \`exit code 7\`. It ended the process before its check was done.\n`,
      );
    });
  });

  describe("a claim module in a fresh directory outside the package", () => {
    const dir = mkdtempSync(join(tmpdir(), "relutopo-claims-"));
    const example = readmeClaimExample();
    const cases: Array<[string, string]> = [
      ["my-claims.ts", example],
      ["my-claims.mts", example],
      ["my-claims.mjs", stripTypes(example)],
      ["my-claims.js", stripTypes(example)],
      ["commonjs/my-claims.ts", example],
    ];
    mkdirSync(join(dir, "commonjs"));
    writeFileSync(join(dir, "commonjs", "package.json"), JSON.stringify({ type: "commonjs" }));
    for (const [file, text] of cases) {
      it(`should load the command reference's example saved as ${file} and pass it`, async () => {
        // Arrange
        writeFileSync(join(dir, file), text);
        // Act
        const r = await runCliInProcess(["check", "--file", file, "--runs", "20"], { cwd: dir });
        // Assert
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
        expect(r.stdout).toBe(
          "ok  theorem half-step-quarter-drift: passed 20 cases\n1/1 theorems passed, 0/0 false claims refuted (20 cases each, seed 1)\n",
        );
      });
    }

    it("should resolve fast-check and relative imports from such a file, and name the counterexample after named arbitraries", async () => {
      writeFileSync(join(dir, "sizes.ts"), `import fc from "fast-check";\nexport const arbWidth = fc.integer({ min: 1, max: 9 });\n`);
      writeFileSync(
        join(dir, "named.ts"),
        `import fc from "fast-check";
import { arbNetwork, defineClaim } from "relutopo";
import { arbWidth } from "./sizes";
export const narrow = defineClaim({
  name: "width-below-three",
  statement: "every drawn width is below 3",
  tag: "false",
  arbitraries: { net: arbNetwork({ width: { max: 1 } }), width: arbWidth, tries: fc.constant(2) },
  predicate: ({ width }) => width < 3,
});
`,
      );
      const r = await runCliInProcess(["check", "--file", "named.ts", "--json"], { cwd: dir });
      expect(r.status).toBe(0);
      const claim = JSON.parse(r.stdout).claims[0];
      expect(claim).toMatchObject({ verdict: "refuted", asTagged: true });
      expect(Object.keys(claim.counterexample).sort()).toEqual(["net", "tries", "width"]);
      expect(claim.counterexample).toMatchObject({ width: 3, tries: 2 });
    });

    it("should refute the command reference's named-arbitraries example with a counterexample named net, data, lr that relutopo gd reads", async () => {
      writeFileSync(join(dir, "one-step.ts"), readmeNamedExample());
      const r = await runCliInProcess(["check", "--file", "one-step.ts", "--runs", "50", "--save", "saved", "--json"], { cwd: dir });
      expect(r.status).toBe(0);
      const claim = JSON.parse(r.stdout).claims[0];
      expect(claim).toMatchObject({ name: "one-step-keeps-c", verdict: "refuted", asTagged: true });
      expect(Object.keys(claim.counterexample)).toEqual(["net", "data", "lr"]);
      const gd = await runCliInProcess(
        [
          "gd",
          "--net",
          "saved/one-step-keeps-c.json",
          "--data",
          "saved/one-step-keeps-c.csv",
          "--lr",
          claim.counterexample.lr,
          "--steps",
          "1",
          "--arith",
          "exact",
          "--json",
        ],
        { cwd: dir },
      );
      expect(JSON.parse(gd.stdout).drift.observed[0].some((v: string) => v !== "0")).toBe(true);
    });

    it("should judge a predicate that throws `error`, exit 1, and print a replay line that reproduces it", async () => {
      // Arrange: a false claim stated through a loss exact arithmetic refuses
      writeFileSync(
        join(dir, "throws.ts"),
        `import { arbProblem, datasetIn, defineClaim, exact, lossAndGradient, networkIn } from "relutopo";
export const bce = defineClaim({
  name: "bce-gradient-is-zero",
  statement: "the BCE gradient vanishes",
  tag: "false",
  arbitraries: [arbProblem()],
  predicate: ({ net, data }) => lossAndGradient(networkIn(net, exact), datasetIn(data, exact), exact, "bce").loss === undefined,
});
`,
      );
      // Act
      const r = await runCliInProcess(["check", "--file", "throws.ts", "--runs", "10"], { cwd: dir });
      // Assert
      expect(r.status).toBe(1);
      const lines = r.stdout.split("\n");
      expect(lines[0]).toMatch(/^BAD false {3}bce-gradient-is-zero: error, could not be checked: the predicate threw InputError: /);
      expect(lines[1]).toMatch(/^ {6}case: \{"net":/);
      expect(lines[2]).toMatch(/^ {6}replay: npx relutopo check --claim bce-gradient-is-zero --file throws.ts --seed 1 --path \d+(:\d+)*$/);
      expect(lines[3]).toBe("0/0 theorems passed, 0/1 false claims refuted, 1 could not be checked (10 cases each, seed 1)");
      const replay = await runCliInProcess(replayArgs(r.stdout), { cwd: dir });
      expect(replay.status).toBe(1);
      expect(replay.stdout.split("\n").slice(0, 2)).toEqual(lines.slice(0, 2));
    });

    it("should count a throw as the refutation of a claim that declares refuteOnThrow", async () => {
      writeFileSync(
        join(dir, "declared.mjs"),
        `import fc from "fast-check";
import { defineClaim } from "relutopo";
export default defineClaim({ name: "n-below-5", statement: "n < 5", tag: "false", refuteOnThrow: true, arbitraries: [fc.nat(20)], predicate: (n) => { if (n >= 5) throw new Error("too big"); } });
`,
      );
      const r = await runCliInProcess(["check", "--file", "declared.mjs", "--json"], { cwd: dir });
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).claims[0]).toMatchObject({ verdict: "refuted", reason: "too big", counterexample: { arg0: 5 } });
    });

    it("should exit 2 with one line naming an invalid claim export", async () => {
      writeFileSync(
        join(dir, "invalid.ts"),
        `import { arbProblem, defineClaim } from "relutopo";
export const helperWidth = 3;
export const fine = defineClaim({ name: "fine", statement: "s", tag: "theorem", arbitraries: [arbProblem()], predicate: () => true });
export const typo = { name: "typo", statement: "s", tag: "thm", arbitraries: [arbProblem()], predicate: () => true };
`,
      );
      const r = await runCliInProcess(["check", "--file", "invalid.ts"], { cwd: dir });
      expectBadInput(r);
      expect(r.stderr).toBe(
        "relutopo: invalid claim export. Must be a claim. Value: `typo`. In `invalid.ts`: invalid tag of claim `typo`. Must be theorem or false. Value: `thm`.\n",
      );
    });
  });

  it("should print replay lines whose words, run through a shell from the clone, give the same counterexample", async () => {
    // Arrange
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const r = await runCliInProcess(["check", "--claim", "gd-conserves-c", "--runs", "30"], { cwd: root });
    const line = /^ +replay: (.*)$/m.exec(r.stdout)![1]!;
    expect(line).toMatch(/^npx relutopo check /);
    // Act: the line through a shell, with `npx relutopo` standing for the built program (as the
    // documents' commands are run): how npx finds a package's own bin differs between npm versions.
    const replay = spawnSync("sh", ["-c", line.replace(/^npx relutopo/, `"${process.execPath}" dist/cli/main.js`)], {
      cwd: root,
      encoding: "utf8",
    });
    // Assert: the same shrunk counterexample
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout.split("\n")[1]).toBe(r.stdout.split("\n")[1]);
  });

  const bad: Array<[string, string[]]> = [
    ["an unknown claim", ["check", "--claim", "no-such-claim"]],
    ["--runs 0", ["check", "--runs", "0"]],
    ["a non-integer seed", ["check", "--seed", "x"]],
    ["a missing claim file", ["check", "--file", join(tmp, "none.ts")]],
    ["a claim file of another kind", ["check", "--file", join(tmp, "net.json")]],
  ];
  for (const [what, args] of bad) {
    it(`should exit 2 with one stderr line for ${what}`, async () => expectBadInput(await runCliInProcess(args)));
  }
});

describe("relutopo check --save and --path", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), "relutopo-save-"));
  const file = join(dir, "keys.mjs");
  writeFileSync(
    file,
    `import { arbLayeredNetwork, arbProblem, defineClaim } from "relutopo";
export const problem = defineClaim({ name: "under-problem", statement: "one neuron", tag: "false", arbitraries: { problem: arbProblem() }, predicate: ({ problem }) => problem.net.layers[0].W.length === 1 });
export const bare = defineClaim({ name: "bare", statement: "two layers", tag: "false", arbitraries: [arbLayeredNetwork()], predicate: (net) => net.layers.length === 2 });
export const none = defineClaim({ name: "none", statement: "small", tag: "false", arbitraries: [arbProblem().map((p) => p.net.layers[0].W.length)], predicate: (l) => l < 2 });
`,
  );

  it("should save every network and data set of a counterexample, one file per key path, or say why none", async () => {
    const out = join(dir, "saved");
    const r = await runCliInProcess(["check", "--file", file, "--runs", "50", "--save", out], { cwd: root });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const problemNet = JSON.parse(readFileSync(join(out, "under-problem.problem.net.json"), "utf8"));
    expect(problemNet.W1.length).toBeGreaterThan(1);
    expect(readFileSync(join(out, "under-problem.problem.data.csv"), "utf8")).toMatch(/^x1(,x2)?,y1\n/);
    const bare = JSON.parse(readFileSync(join(out, "bare.json"), "utf8"));
    expect(bare.layers.length).toBeGreaterThan(2);
    expect(r.stdout).toContain(`      saved: ${join(out, "bare.json")}\n`);
    expect(r.stdout).toContain("      saved: nothing, the counterexample holds no network");
  });

  it("should replay exactly the case at --path and say whether it passed, printing seed and path", async () => {
    const first = await runCliInProcess(["check", "--file", file, "--claim", "bare", "--runs", "50", "--seed", "4", "--json"], {
      cwd: root,
    });
    const found = JSON.parse(first.stdout).claims[0];
    expect(found.verdict).toBe("refuted");
    expect(found.replay).toContain(`--seed 4 --path ${found.path}`);
    const again = await runCliInProcess(["check", "--file", file, "--claim", "bare", "--seed", "4", "--path", found.path, "--json"], {
      cwd: root,
    });
    const replayed = JSON.parse(again.stdout).claims[0];
    expect(replayed).toMatchObject({ verdict: "refuted", runs: 1, shrinks: 0, replayed: found.path, counterexample: found.counterexample });
    // run 0 of seed 4 is a two-layer net or not: the replay answers for that case alone
    const zero = await runCliInProcess(["check", "--file", file, "--claim", "bare", "--seed", "4", "--path", "0"], { cwd: root });
    expect(zero.stdout).toMatch(
      /^(ok |BAD) false {3}bare: the replayed case \(seed 4, path 0\) (passed; nothing else was run|fails: .*)\n/,
    );
    expect(zero.stdout).toMatch(/replay: npx relutopo check --claim bare --file \S+ --seed 4 --path 0\n/);
  });
});
