import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_INPUT_BYTES } from "../../src/io/readBinaryFile.js";
import { MAX_NETWORK_PARAMETERS } from "../../src/net/readNetwork.js";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// What relutopo reads is bounded: a file over the size limit is refused before
// it is read, a network over the parameter limit before it is parsed, and a
// CSV stops at its first bad row.
const tmp = mkdtempSync(join(tmpdir(), "relutopo-bounded-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string | Buffer): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const NET = write("net.json", '{"W1":[[1]],"W2":[[1]]}');
/** A CSV for NET (one input, one target) of `rows` good rows, then `tail`. */
const csv = (rows: number, tail: string): string => `x,y\n${"0.125,1\n".repeat(rows)}${tail}`;

describe("relutopo: bounded reading", () => {
  it("should refuse a data file over the size limit, naming its size and the limit", async () => {
    const data = write("huge.csv", csv(Math.ceil(MAX_INPUT_BYTES / 8) + 10, "1,oops\n"));
    const r = await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "1"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(
      new RegExp(
        `^relutopo: cannot read \`${data}\`: it is [0-9.]+ MiB \\(\\d+ bytes\\), over the limit of 16\\.0 MiB \\(${MAX_INPUT_BYTES} bytes\\); raise --max-input-mib\\n$`,
      ),
    );
  });

  it("should read a file over a lowered limit once the limit is raised, up to its bad last row", async () => {
    // A file just over 1 MiB: refused under --max-input-mib 1, read under 2 (reading 16 MiB takes seconds)
    const rows = 2 ** 20 / 8 + 10;
    const data = write("over-one-mib.csv", csv(rows, "1,oops\n"));
    const r = await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "1", "--max-input-mib", "1"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/ over the limit of 1\.0 MiB \(1048576 bytes\); raise --max-input-mib\n$/);
    const raised = await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "1", "--max-input-mib", "2"]);
    expectBadInput(raised);
    expect(raised.stderr).toMatch(new RegExp(`^relutopo: invalid data in ${data} row ${rows + 2}, column 2\\. Must be an integer, `));
  });

  it("should refuse a CSV of more cells than the limit allows though under the byte limit, naming --max-input-mib", async () => {
    // Under --max-input-mib 1 (a quarter Mi cells), 2^17 + 1 rows of two cells: 1/4 Mi + 2 cells in 0.5 MiB.
    // The default limit scales alike: 16 MiB allow 4 Mi cells, whose CSV takes seconds to read.
    const data = write("many-cells.csv", `x,y\n${"0,0\n".repeat(2 ** 17 + 1)}`);
    const r = await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "1", "--max-input-mib", "1"]);
    expectBadInput(r);
    expect(r.stderr).toBe(
      `relutopo: invalid --max-input-mib. Must be raised to read ${data}, a CSV of more than 262144 cells (rows × columns; N MiB allow N/4 Mi cells). Value: \`1\`.\n`,
    );
  });

  it("should refuse a malformed --max-input-mib with one line, on every command that reads files", async () => {
    for (const command of ["invariants", "inspect"]) {
      const r = await runCliInProcess([command, "--net", NET, "--max-input-mib", "0"]);
      expectBadInput(r);
      expect(r.stderr).toBe("relutopo: invalid --max-input-mib. Must be an integer number of MiB in [1, 4096]. Value: `0`.\n");
    }
  });

  it("should report a bad cell in the last row of a large CSV, naming row and column", async () => {
    const rows = 1_000_000;
    const data = write("bad-last.csv", csv(rows, "1,oops\n"));
    const r = await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "1"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(new RegExp(`^relutopo: invalid data in ${data} row ${rows + 2}, column 2\\. Must be an integer, `));
  });

  it("should report a row of the wrong width in a quoted CSV, naming the row", async () => {
    const data = write("quoted.csv", `"x","y"\n"1","2"\n"3","4","5"\n${"1,2\n".repeat(1000)}`);
    const r = await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "1"]);
    expectBadInput(r);
    expect(r.stderr).toBe(`relutopo: invalid shape of ${data} row 3. Must be 2 columns (1 inputs + 1 targets). Value: \`3 columns\`.\n`);
  });

  it("should read a quoted CSV like an unquoted one", async () => {
    const plain = write("plain.csv", "x,y\n 1 , 2 \n\n3,-1/2\n");
    const quoted = write("quoted-ok.csv", '"x","y"\n"1","2"\n\n"3","-1/2"\n');
    const run = async (data: string): Promise<string> =>
      (await runCliInProcess(["gd", "--net", NET, "--data", data, "--lr", "1/10", "--steps", "2", "--json"])).stdout;
    const fromPlain = JSON.parse(await run(plain));
    expect(JSON.parse(await run(quoted))).toEqual(fromPlain);
    // f(x) = relu(x): ((1 − 2)² + (3 + 1/2)²) / 2 = 53/8, so both rows were read, trimmed, and the empty line skipped.
    expect(fromPlain.losses[0]).toBe("53/8");
  });

  it("should refuse a network over the parameter limit before parsing it", async () => {
    const width = MAX_NETWORK_PARAMETERS / 2 + 1;
    const net = write("wide.json", `{"W1":[${"[0],".repeat(width - 1)}[0]],"W2":[[${"0,".repeat(width - 1)}0]]}`);
    const r = await runCliInProcess(["invariants", "--net", net]);
    expectBadInput(r);
    expect(r.stderr).toBe(
      `relutopo: invalid --net. Must be a network of at most ${MAX_NETWORK_PARAMETERS} parameters. Value: \`${net}: ${2 * width} values\`.\n`,
    );
  });
});
