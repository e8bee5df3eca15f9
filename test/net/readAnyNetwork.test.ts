import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readAnyNetwork } from "../../src/net/readAnyNetwork.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { networkToJson } from "../../src/net/networkToJson.js";
import { networkIn } from "../../src/net/networkIn.js";
import { exact } from "../../src/scalar/exact.js";

describe("readAnyNetwork", () => {
  it("should read the two-layer W1/b1/W2/b2 form exactly as readNetwork does", () => {
    const text = '{"activation": "abs", "W1": [[2, "1/4"], [0.1, -3]], "b1": ["1/4", 0], "W2": [["1/2", 1e-3]]}';
    expect(readAnyNetwork(text, "n")).toEqual(readNetwork(text, "n"));
    expect(readAnyNetwork(text, "n").layers.length).toBe(2);
  });

  it("should read the layers form of any depth, keeping every number's exact text", () => {
    // Arrange
    const text = `{"activation": "leaky_relu:1/10", "layers": [
      {"W": [[1, 0.1], [-2, "3/7"]], "b": [0, 1e-30]},
      {"W": [[1, 2]]},
      {"W": [[5], [6]], "b": [0.5, "-1/3"]}]}`;
    // Act
    const net = readAnyNetwork(text, "n");
    // Assert
    expect(net).toEqual({
      activation: { kind: "leaky_relu", slope: "1/10" },
      layers: [
        {
          W: [
            ["1", "0.1"],
            ["-2", "3/7"],
          ],
          b: ["0", "1e-30"],
        },
        { W: [["1", "2"]], b: undefined },
        { W: [["5"], ["6"]], b: ["0.5", "-1/3"] },
      ],
    });
  });

  it("should read a state_dict whose nn.Sequential indices skip, in index order whatever the key order", () => {
    const text = '{"6.weight": [[7, 8]], "0.weight": [[1], [2]], "3.weight": [[3, 4], [5, 6]], "0.bias": [0, 1], "6.bias": [9]}';
    const net = readAnyNetwork(text, "n");
    expect(net).toEqual({
      activation: { kind: "relu" },
      layers: [
        { W: [["1"], ["2"]], b: ["0", "1"] },
        {
          W: [
            ["3", "4"],
            ["5", "6"],
          ],
          b: undefined,
        },
        { W: [["7", "8"]], b: ["9"] },
      ],
    });
  });

  it("should give the same layers for the layers form and the state_dict form of any network", () => {
    const num = fc.integer({ min: -50, max: 50 }).map(String);
    const arb = fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 5 }).chain((w) =>
      fc.tuple(
        ...w.slice(1).map((n, i) =>
          fc.record({
            W: fc.array(fc.array(num, { minLength: w[i]!, maxLength: w[i]! }), { minLength: n, maxLength: n }),
            b: fc.option(fc.array(num, { minLength: n, maxLength: n }), { nil: undefined }),
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 3 }), (layers, step) => {
        const dict: Record<string, unknown> = {};
        layers.forEach((l, i) => {
          dict[`${i * step}.weight`] = l.W;
          if (l.b) dict[`${i * step}.bias`] = l.b;
        });
        const a = readAnyNetwork(JSON.stringify({ layers: layers.map((l) => (l.b ? l : { W: l.W })) }), "a");
        const b = readAnyNetwork(JSON.stringify(dict), "b");
        expect(b).toEqual(a);
      }),
    );
  });

  it("should refuse malformed deep networks with one line naming the file", () => {
    const bad = [
      ['{"layers": [{"W": [[1]]}]}', /at least two weight layers/],
      [
        '{"layers": [{"W": [[1, 2]]}, {"W": [[1, 2]]}]}',
        /layers\[1\] in `deep\.json`\. Must be a matrix of 1 columns, one per unit of layers\[0\]/,
      ],
      ['{"layers": [{"W": [[1]], "b": [1, 2]}, {"W": [[1]]}]}', /bias of layers\[0\] in `deep\.json`\. Must be of length 1/],
      [
        '{"layers": [{"W": [[1]], "c": 1}, {"W": [[1]]}]}',
        /key of layers\[0\] in `deep\.json`\. Must be W, b, conv, norm or pool\. Value: `c`/,
      ],
      ['{"layers": [{"W": [["x"]]}, {"W": [[1]]}]}', /layers\[0\]\.W\[0\]\[0\]/],
      ['{"layers": [{"W": [[1]]}, {"W": [[1]]}], "W1": 1}', /key in `deep\.json`\. Must be layers, activation or input\. Value: `W1`/],
      ['{"0.weight": [[1]], "1.weight": [[1]], "foo": [1]}', /Unknown tensor `foo`/],
      [
        '{"a.0.weight": [[1], [2]], "b.1.weight": [[1]]}',
        /b\.1\.weight in `deep\.json`\. Must be a matrix of 2 columns, one per unit of a\.0\.weight/,
      ],
      ['{"0.weight": [[1]], "00.weight": [[1]]}', /Modules `0` and `00` are ambiguous/],
      // a weight that is a vector is a normalisation layer's: without running statistics a LayerNorm's, which needs its bias and a layer below
      ['{"0.weight": [1], "1.weight": [[1]]}', /The LayerNorm `0` has no `0\.bias` \(bias=False\)/],
      ['{"0.weight": [1], "0.bias": [0], "1.weight": [[1]]}', /The LayerNorm `0` comes before any layer/],
    ] as const;
    for (const [text, fault] of bad) {
      let err: unknown;
      try {
        readAnyNetwork(text, "deep.json");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(fault);
      expect((err as Error).message).toMatch(/^invalid [^\n]*`deep\.json`[^\n]+$/);
    }
  });
});

describe("readAnyNetwork of convolutional networks", () => {
  it("should read a state_dict with nested kernels, a BatchNorm and a step counter, groups from the shapes", () => {
    // Arrange: Conv1d(2, 2, 1) reading 2 channels, BatchNorm1d, Conv1d(2, 4, 2, groups=2), Linear(8, 1)
    const text = JSON.stringify({
      "c1.weight": [
        [["1"], ["2"]],
        [["3"], ["4"]],
      ],
      "bn.weight": ["1", "2"],
      "bn.bias": ["0", "1"],
      "bn.running_mean": ["9", "9"],
      "bn.running_var": ["1", "1"],
      "bn.num_batches_tracked": 12,
      "c2.weight": [[["1", "1"]], [["1", "0"]], [["2", "0"]], [["0", "3"]]],
      "fc.weight": [["1", "1", "1", "1", "1", "1", "1", "1"]],
    });
    // Act
    const net = readAnyNetwork(text, "n");
    // Assert: the layers, the groups inferred (2 channels below / 1 per group), ε PyTorch's default
    expect(net.layers.map((l) => l.conv)).toEqual([{ kernel: [1], groups: 1 }, { kernel: [2], groups: 2 }, undefined]);
    expect(net.layers[0]!.norm).toEqual({ gamma: ["1", "2"], beta: ["0", "1"], eps: "1/100000" });
    expect(net.input).toEqual({ channels: 2, size: [] });
    expect(readAnyNetwork(text, "n", undefined, "0").layers[0]!.norm?.eps).toBe("0");
  });

  it("should write a convolutional network in the { layers } form and read it back unchanged", () => {
    const text = JSON.stringify({
      "0.weight": [
        [
          [
            ["1", "2"],
            ["3", "4"],
          ],
        ],
        [
          [
            ["0", "1"],
            ["1", "0"],
          ],
        ],
      ],
      "0.bias": ["1", "2"],
      "1.weight": ["1", "2"],
      "1.bias": ["0", "1/2"],
      "1.running_mean": ["0", "0"],
      "1.running_var": ["1", "1"],
      "3.weight": [["1", "2", "3", "4"]],
    });
    const net = networkIn(readAnyNetwork(text, "n"), exact);
    const back = readAnyNetwork(JSON.stringify(networkToJson(net, exact, true)), "back");
    expect(back).toEqual(readAnyNetwork(text, "n"));
  });

  it("should refuse a BatchNorm that comes first, one of another length, and a kernel of 5 dimensions", () => {
    const bn = { "bn.weight": ["1"], "bn.bias": ["0"], "bn.running_mean": ["0"], "bn.running_var": ["1"] };
    expect(() => readAnyNetwork(JSON.stringify({ ...bn, "a.weight": [["1"]], "b.weight": [["1"]] }), "n")).toThrow(
      /The BatchNorm `bn` comes before any layer/,
    );
    expect(() => readAnyNetwork(JSON.stringify({ "a.weight": [["1"], ["2"]], ...bn, "b.weight": [["1", "1"]] }), "n")).toThrow(
      /`bn\.weight` in `n`\. Must be a vector of 2, one per channel of `a\.weight`/,
    );
    expect(() => readAnyNetwork(JSON.stringify({ "a.weight": [[[[["1"]]]]], "b.weight": [["1"]] }), "n")).toThrow(/a 3-D or 4-D kernel/);
  });
});
