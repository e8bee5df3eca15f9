import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const file = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url));

describe("relutopo --net model.pt", () => {
  it("should print the same invariants for examples/deep.pt as for examples/deep.safetensors", async () => {
    const pt = await runCliInProcess(["invariants", "--net", file("examples/deep.pt"), "--json"]);
    const st = await runCliInProcess(["invariants", "--net", file("examples/deep.safetensors"), "--json"]);
    expect(pt.stderr).toMatch(/^relutopo: activation not stored in .*deep\.pt; assuming relu — pass --activation\n$/);
    expect(pt.status).toBe(0);
    expect(JSON.parse(pt.stdout).layers).toEqual(JSON.parse(st.stdout).layers);
  });

  it("should refuse a pickle naming os.system with exit 2 and one line, running nothing", async () => {
    const evil = file("test/fixtures/torch/evil_global.pt");
    const r = await runCliInProcess(["invariants", "--net", evil]);
    expectBadInput(r);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `relutopo: invalid PyTorch file. Must be a state_dict saved by torch.save (a zip archive of float tensors). Value: \`${evil}\`. It names the global \`posix.system\`, which a state_dict of float tensors never needs (refused, not executed).\n`,
    );
  });
});
