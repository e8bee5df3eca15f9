import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readAnyNetwork } from "../../src/net/readAnyNetwork.js";
import { readNetwork } from "../../src/net/readNetwork.js";

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
      ['{"layers": [{"W": [[1]], "c": 1}, {"W": [[1]]}]}', /key of layers\[0\] in `deep\.json`\. Must be W or b\. Value: `c`/],
      ['{"layers": [{"W": [["x"]]}, {"W": [[1]]}]}', /layers\[0\]\.W\[0\]\[0\]/],
      ['{"layers": [{"W": [[1]]}, {"W": [[1]]}], "W1": 1}', /key in `deep\.json`\. Must be layers or activation\. Value: `W1`/],
      ['{"0.weight": [[1]], "1.weight": [[1]], "foo": [1]}', /Unknown tensor `foo`/],
      [
        '{"a.0.weight": [[1], [2]], "b.1.weight": [[1]]}',
        /b\.1\.weight in `deep\.json`\. Must be a matrix of 2 columns, one per unit of a\.0\.weight/,
      ],
      ['{"0.weight": [[1]], "00.weight": [[1]]}', /Modules `0` and `00` are ambiguous/],
      ['{"0.weight": [1], "1.weight": [[1]]}', /`0\.weight`\[0\] in `deep\.json`\. Must be an array of numbers/],
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
