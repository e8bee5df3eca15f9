import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// Float (and decimal) gradient descent never prints NaN or Infinity: a value a
// float cannot hold is refused when read (exit 2), and a run that overflows
// stops with one line naming the step and the value (exit 3).
const tmp = mkdtempSync(join(tmpdir(), "relutopo-overflow-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const DATA = write("data.csv", "x,y\n1,2\n");
const gd = (net: string, ...more: string[]): string[] => ["gd", "--net", net, "--data", DATA, "--lr", "1/10", "--steps", "3", ...more];

/** Exit 3, nothing on stdout, one stderr line, no NaN or Infinity anywhere. */
function expectOverflow(r: { status: number | null; stdout: string; stderr: string }): void {
  expect(r.status).toBe(3);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(/^relutopo: [^\n]+\n$/);
  expect(r.stderr).not.toMatch(/NaN|Infinity/);
}

describe("relutopo gd --arith float: overflow", () => {
  it("should refuse at once a weight of 1e400, naming it", async () => {
    const net = write("e400.json", '{"W1":[["1e400"]],"W2":[[1]]}');
    const r = await runCliInProcess(gd(net, "--arith", "float", "--json"));
    expectBadInput(r);
    expect(r.stderr).toBe(
      "relutopo: invalid --net. Must be a network whose parameters float can hold. Value: `W1[0][0]`. Its value overflows: choose another arithmetic.\n",
    );
  });

  it("should refuse a weight of 100,000 digits, naming it", async () => {
    const net = write("digits.json", `{"W1":[[1]],"W2":[["${"9".repeat(100_000)}"]]}`);
    const r = await runCliInProcess(gd(net, "--arith", "float"));
    expectBadInput(r);
    expect(r.stderr).toMatch(/Value: `W2\[0\]\[0\]`/);
  });

  it("should refuse a learning rate a float cannot hold", async () => {
    const net = write("one.json", '{"W1":[[1]],"W2":[[1]]}');
    const r = await runCliInProcess(["gd", "--net", net, "--data", DATA, "--lr", "1e400", "--steps", "1", "--arith", "float"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/^relutopo: invalid --lr\. Must be a number float can hold\./);
  });

  it("should stop a run that overflows during the steps, naming the step and the parameter, and suggest decimal or a smaller --lr", async () => {
    // f = 1e100 and its loss 1e200 fit in a float, but one step with lr 1e200 moves W1 by 1e350.
    const net = write("big.json", '{"W1":[["1e50"]],"W2":[["1e50"]]}');
    const r = await runCliInProcess(["gd", "--net", net, "--data", DATA, "--lr", "1e200", "--steps", "5", "--arith", "float", "--json"]);
    expectOverflow(r);
    expect(r.stderr).toMatch(
      /^relutopo: gd: a value left the range of float arithmetic at step 1 \(W1\[0\]\[0\]\); use the arithmetic decimal:D, or lower --lr\n$/,
    );
  });

  it("should stop when the invariants of the start already overflow (1e300 squared)", async () => {
    const net = write("e300.json", '{"W1":[["1e300"]],"W2":[["1e300"]]}');
    const r = await runCliInProcess(gd(net, "--arith", "float"));
    expectOverflow(r);
    expect(r.stderr).toMatch(/ at step 0 \(invariant c_0\); use the arithmetic decimal:D, or lower --lr\n$/);
  });

  it("should run the same network in decimal arithmetic, where the values fit", async () => {
    const net = write("e300d.json", '{"W1":[["1e300"]],"W2":[["1e300"]]}');
    const r = await runCliInProcess([
      "gd",
      "--net",
      net,
      "--data",
      DATA,
      "--lr",
      "1e-700",
      "--steps",
      "1",
      "--arith",
      "decimal:30",
      "--json",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(r.stdout).invariants[0]).toEqual(["0"]);
  });
});
