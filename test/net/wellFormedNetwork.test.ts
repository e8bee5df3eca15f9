import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbNetwork } from "../../src/claims/arbitraries/arbNetwork.js";
import { activationName } from "../../src/net/activationName.js";
import { wellFormedNetwork } from "../../src/net/_internals/wellFormedNetwork.js";
import { networkSchema } from "../../src/net/networkSchema.js";

/** Entries as a parsed JSON file holds them: numeric texts, and the things a malformed file has instead. */
const good = fc.constantFrom("1", "-1/2", "0.25", "3e-2", " 7 ");
const bad = fc.constantFrom<unknown>("", "x", "1/0", "1e999999999", "--1", 1, null, true, {}, []);
const goodRow = fc.array(good, { minLength: 1, maxLength: 3 });
const goodMatrix = fc.array(goodRow, { minLength: 1, maxLength: 3 });

/** A file of the network form, then at most one fault: a bad entry, row or matrix, a bad activation or an unknown key. */
const file = fc
  .tuple(
    fc.record(
      { activation: fc.constantFrom("relu", "leaky_relu:1/10", "tanh"), W1: goodMatrix, b1: goodRow, W2: goodMatrix, b2: goodRow },
      {
        requiredKeys: ["W1", "W2"],
      },
    ),
    fc.constantFrom("none", "entry", "row", "matrix", "empty", "activation", "key"),
    fc.constantFrom("W1", "b1", "W2", "b2"),
    fc.nat(),
    bad,
  )
  .map(([f, fault, key, at, value]) => {
    const o: Record<string, unknown> = structuredClone(f);
    const target = o[key] as unknown[] | undefined;
    const matrix = key === "W1" || key === "W2";
    if (fault === "activation") o.activation = value;
    else if (fault === "key") o.B1 = ["1"];
    else if (fault === "matrix" || (fault === "row" && !matrix)) o[key] = value;
    else if (fault === "empty") o[key] = [];
    else if (target !== undefined && fault === "row") target[at % target.length] = value;
    else if (target !== undefined && fault === "entry") {
      const r = matrix ? (target[at % target.length] as unknown[]) : target;
      r[at % r.length] = value;
    }
    return o;
  });

describe("wellFormedNetwork", () => {
  it("should accept only what the network schema accepts, giving the schema's own result", () => {
    fc.assert(
      fc.property(file, (obj) => {
        const plain = wellFormedNetwork(obj);
        const parsed = networkSchema().safeParse(obj);
        if (plain !== undefined) expect(parsed).toEqual({ success: true, data: plain });
        if (!parsed.success) expect(plain).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it("should accept every network file written from a network, so that reading one never needs zod", () => {
    fc.assert(
      fc.property(arbNetwork(), (net) => {
        const [first, second] = net.layers;
        const obj = JSON.parse(
          JSON.stringify({ activation: activationName(net.activation), W1: first!.W, b1: first!.b, W2: second!.W, b2: second!.b }),
        );
        expect(wellFormedNetwork(obj)).toEqual(networkSchema().parse(obj));
      }),
      { numRuns: 100 },
    );
  });
});
