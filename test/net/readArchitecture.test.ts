import { describe, expect, it } from "vitest";
import { readArchitecture } from "../../src/net/readArchitecture.js";
import { withArchitecture } from "../../src/net/withArchitecture.js";

const json = (o: unknown): string => JSON.stringify(o);

describe("readArchitecture", () => {
  it("should fill PyTorch's defaults: stride 1, padding 0, groups 1, a pooling stride equal to its kernel, one integer for every dimension", () => {
    const a = readArchitecture(
      json({
        input: [3, 8, 8],
        layers: [{ conv2d: { out: 6, kernel: 3 } }, { relu: {} }, { maxpool2d: { kernel: 2 } }, { flatten: {} }, { linear: { out: 10 } }],
      }),
      "a.json",
    );
    expect(a.layers[0]!.conv).toEqual({ kernel: [3, 3], groups: 1, stride: [1, 1], padding: [0, 0] });
    expect(a.layers[0]!.pool).toEqual({ kind: "max", kernel: [2, 2], stride: [2, 2] });
    // 8 − 3 + 1 = 6, pooled to 3: 6 channels × 3 × 3 columns
    expect(a.layers.map((l) => l.columns)).toEqual([27, 54]);
    expect(a.input).toEqual({ channels: 3, size: [8, 8] });
    expect(a.activation).toEqual({ kind: "relu" });
  });

  it("should read the printed nn.Sequential, LeakyReLU's slope, bias=False and groups included", () => {
    const repr = `input: [2, 9]
Sequential(
  (0): Conv1d(2, 4, kernel_size=(3,), stride=(2,), padding=(1,), groups=2, bias=False)
  (1): LeakyReLU(negative_slope=0.1)
  (2): AvgPool1d(kernel_size=(2,), stride=(1,), padding=(0,))
  (3): Flatten(start_dim=1, end_dim=-1)
  (4): Linear(in_features=16, out_features=3, bias=True)
)`;
    const a = readArchitecture(repr, "a.txt");
    expect(a.activation).toEqual({ kind: "leaky_relu", slope: "0.1" });
    expect(a.layers[0]).toMatchObject({ out: 4, columns: 3, bias: false, conv: { kernel: [3], groups: 2, stride: [2], padding: [1] } });
    expect(a.layers[0]!.pool).toEqual({ kind: "avg", kernel: [2], stride: [1] });
    // ⌊(9 + 2 − 3)/2⌋ + 1 = 5, pooled to 4: 4 × 4
    expect(a.layers[1]).toMatchObject({ out: 3, columns: 16, bias: true });
  });

  it("should find the input size the repr does not print when the first Linear fixes it, and refuse when it does not", () => {
    const repr =
      "Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1))\nReLU()\nFlatten(start_dim=1, end_dim=-1)\nLinear(in_features=50, out_features=1)";
    expect(readArchitecture(repr, "a.txt").input).toEqual({ channels: 1, size: [7, 7] });
    const pooled =
      "Conv2d(1, 2, kernel_size=(1, 1), stride=(1, 1))\nReLU()\nMaxPool2d(kernel_size=2, stride=2)\nFlatten()\nLinear(in_features=8, out_features=1)";
    // 4 × 4 and 5 × 5 both pool to 2 × 2
    expect(() => readArchitecture(pooled, "a.txt")).toThrow(/input: \[C, H, W\]/);
  });

  it("should refuse in one line what the one network form cannot hold", () => {
    const read = (layers: unknown[]): unknown => readArchitecture(json({ input: [1, 4, 4], layers }), "a.json");
    expect(() => read([{ conv2d: { out: 2, kernel: 3 } }, { relu: {} }, { linear: { out: 1 } }])).toThrow(
      /Flatten\(\) between a convolution and a Linear/,
    );
    expect(() =>
      read([
        { conv2d: { out: 2, kernel: 3 } },
        { relu: {} },
        { conv2d: { out: 2, kernel: 1 } },
        { abs: {} },
        { flatten: {} },
        { linear: { out: 1 } },
      ]),
    ).toThrow(/layer 2 \(Conv2d\).*the activation relu of every hidden layer/);
    expect(() => read([{ flatten: {} }, { linear: { out: 1 } }, { relu: {} }])).toThrow(/last layer \(Linear\)/);
    expect(() => read([{ conv2d: { out: 2, kernel: 5 } }])).toThrow(/a kernel that fits/);
    expect(() => read([{ conv2d: { out: 3, kernel: 1, groups: 2 } }])).toThrow(/groups dividing/);
    expect(() => read([{ conv1d: { out: 1, kernel: 1 } }])).toThrow(/a 2-D input for a Conv1d/);
    expect(() => readArchitecture("Conv2d(1, 2, kernel_size=(3, 3), dilation=(2, 2))", "a.txt")).toThrow(/without dilation/);
    expect(() => readArchitecture("Tanh()", "a.txt")).toThrow(/positively homogeneous/);
    expect(() => readArchitecture(json({ layers: [{ conv3d: { out: 1, kernel: 1 } }] }), "a.json")).toThrow(/invalid architecture/);
  });
});

describe("withArchitecture", () => {
  const arch = readArchitecture(
    json({
      input: [1, 3],
      layers: [{ conv1d: { out: 2, kernel: 2 } }, { relu: {} }, { flatten: {} }, { linear: { out: 1, bias: false } }],
    }),
    "a.json",
  );

  it("should check every layer's shape and bias against the architecture, naming the layer", () => {
    const W1 = [
      ["1", "2"],
      ["3", "4"],
    ];
    expect(() =>
      withArchitecture(arch, { activation: { kind: "relu" }, layers: [{ W: W1, b: ["0", "0"] }, { W: [["1", "1", "1"]] }] }, "n.json"),
    ).toThrow(/layer 2 \(Linear\) of `n.json`. Must be 1 × 4/);
    expect(() =>
      withArchitecture(arch, { activation: { kind: "relu" }, layers: [{ W: W1 }, { W: [["1", "1", "1", "1"]], b: ["0"] }] }, "n.json"),
    ).toThrow(/no bias, as the architecture says/);
    expect(() => withArchitecture(arch, { activation: { kind: "relu" }, layers: [{ W: W1 }] }, "n.json")).toThrow(/2 weight layers/);
  });

  it("should give zero weights of the architecture's shape without a checkpoint, a bias where the file does not say", () => {
    const net = withArchitecture(arch, undefined);
    expect(net.layers.map((l) => [l.W.length, l.W[0]!.length, l.b?.length])).toEqual([
      [2, 2, 2],
      [1, 4, undefined],
    ]);
    expect(net.input).toEqual({ channels: 1, size: [3] });
  });
});
