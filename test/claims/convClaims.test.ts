import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbConvProblem } from "../../src/claims/arbitraries/arbConvProblem.js";
import { checkClaim } from "../../src/claims/checkClaim.js";
import { BUILTIN_CLAIMS } from "../../src/claims/index.js";
import { convGdDriftIdentity } from "../../src/claims/library/convClaims.js";
import { channelBalances, gdStep } from "../../src/claims/_internals/exactHelpers.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { networkIn } from "../../src/net/networkIn.js";
import { exact } from "../../src/scalar/exact.js";

const Q = exact;

describe("the conv GD drift claim", () => {
  it("should be in the built-in library", () => {
    expect(BUILTIN_CLAIMS).toContain(convGdDriftIdentity);
  });

  it.each([1, 2, 3])("should hold on seed %i", async (seed) => {
    const v = await checkClaim(convGdDriftIdentity, { runs: 100, seed });
    expect(v.verdict).toBe("pass");
  });

  it("should draw every case the statement names: both dimensions, groups, strides, paddings and both poolings", () => {
    const ps = fc.sample(arbConvProblem(), { seed: 7, numRuns: 300 });
    const convs = ps.flatMap((p) => p.net.layers.slice(0, -1));
    expect(new Set(ps.map((p) => p.net.input?.size.length))).toEqual(new Set([1, 2]));
    expect(convs.some((l) => (l.conv?.groups ?? 1) > 1)).toBe(true);
    expect(convs.some((l) => l.conv?.stride?.includes(2))).toBe(true);
    expect(convs.some((l) => l.conv?.padding?.includes(1))).toBe(true);
    expect(new Set(convs.flatMap((l) => (l.pool ? [l.pool.kind] : [])))).toEqual(new Set(["max", "avg"]));
  });
});

describe("the brute-force channel oracle", () => {
  it("should find a grouped convolution's readers by hand: 2 groups over 4 channels, kernel 2", () => {
    // channels 0, 1 are read by rows 0 (group 0) and 2, 3 by row 1; each input channel owns 2 columns
    const net = networkIn(
      {
        activation: { kind: "relu" },
        input: { channels: 1, size: [3] },
        layers: [
          { W: [["1"], ["2"], ["3"], ["4"]], conv: { kernel: [1], groups: 1, stride: [1], padding: [0] } },
          {
            W: [
              ["1", "1", "2", "0"],
              ["0", "1", "1", "3"],
            ],
            conv: { kernel: [2], groups: 2, stride: [1], padding: [0] },
          },
          { W: [["5", "0", "0", "0"]] },
        ],
      },
      Q,
    );
    // c_{1,j} = w_j² − readers: j = 0 reads (1, 1), j = 1 reads (2, 0), j = 2 reads (0, 1), j = 3 reads (1, 3)
    expect(channelBalances(net)[0]!.map(Q.toString)).toEqual(["-1", "0", "8", "6"]);
    // layer 2 after flatten (3 − 2 + 1 = 2 positions per channel): channel 0 is columns 0, 1, channel 1 columns 2, 3
    expect(channelBalances(net)[1]!.map(Q.toString)).toEqual(["-19", "11"]);
  });

  it("should agree with the library's per-channel invariants (readerBlock) on drawn conv nets", () => {
    for (const p of fc.sample(arbConvProblem({ convolutions: { min: 2, max: 2 } }), { seed: 4, numRuns: 60 })) {
      const net = networkIn(p.net, Q);
      expect(channelBalances(net).map((r) => r.map(Q.toString))).toEqual(layerInvariants(net, Q).map((r) => r.map(Q.toString)));
    }
  });

  it("should see drift that is not zero: GD moves c on some drawn channel, so the identity is not 0 = 0", () => {
    const moved = fc.sample(fc.tuple(arbConvProblem(), fc.constant("1/2")), { seed: 2, numRuns: 40 }).some(([p, lr]) => {
      const net = networkIn(p.net, Q);
      const after = channelBalances(gdStep(net, datasetIn(p.data, Q), Q.parse(lr)).next);
      return channelBalances(net).some((row, l) => row.some((c, j) => !Q.eq(c, after[l]![j]!)));
    });
    expect(moved).toBe(true);
  });
});
