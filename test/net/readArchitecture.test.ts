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

describe("batch normalisation in an architecture file", () => {
  const repr = `input: [1, 10, 10]
Sequential(
  (0): Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), bias=False)
  (1): BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
  (2): ReLU()
  (3): MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)
  (4): Conv2d(4, 6, kernel_size=(3, 3), stride=(1, 1))
  (5): ReLU()
  (6): Flatten(start_dim=1, end_dim=-1)
  (7): Linear(in_features=24, out_features=5, bias=True)
  (8): BatchNorm1d(5, eps=0.001, momentum=0.1, affine=True, track_running_stats=True)
  (9): ReLU()
  (10): Linear(in_features=5, out_features=2, bias=True)
)`;

  it("should make a BatchNorm the norm of the layer before it, with the file's ε or PyTorch's exact 1/100000", () => {
    const a = readArchitecture(repr, "a.txt");
    expect(a.layers.map((l) => l.norm)).toEqual([{ eps: "1e-05" }, undefined, { eps: "0.001" }, undefined]);
    const j = readArchitecture(
      json({
        input: [1, 4, 4],
        layers: [{ conv2d: { out: 2, kernel: 3 } }, { batchnorm2d: {} }, { relu: {} }, { flatten: {} }, { linear: { out: 1 } }],
      }),
      "a.json",
    );
    expect(j.layers[0]!.norm).toEqual({ eps: "1/100000" });
    const given = readArchitecture(
      '{"input": [3], "layers": [{"linear": {"out": 2}}, {"batchnorm1d": {"eps": 1e-3}}, {"relu": {}}, {"linear": {"out": 1}}]}',
      "a.json",
    );
    expect(given.layers[0]!.norm).toEqual({ eps: "1e-3" });
  });

  it("should refuse in one line a BatchNorm without affine, not right after a conv/linear layer, or of another channel count", () => {
    const read = (layers: unknown[]): unknown => readArchitecture(json({ input: [1, 4, 4], layers }), "a.json");
    const tail = [{ relu: {} }, { flatten: {} }, { linear: { out: 1 } }];
    expect(() => read([{ conv2d: { out: 2, kernel: 3 } }, { batchnorm2d: { affine: false } }, ...tail])).toThrow(/affine=True/);
    expect(() =>
      read([{ conv2d: { out: 2, kernel: 3 } }, { relu: {} }, { batchnorm2d: {} }, { flatten: {} }, { linear: { out: 1 } }]),
    ).toThrow(/BatchNorm2d right after a Conv2d, before its activation/);
    expect(() => read([{ conv2d: { out: 2, kernel: 3 } }, { batchnorm1d: {} }, ...tail])).toThrow(
      /BatchNorm1d right after a Linear or Conv1d/,
    );
    expect(() => read([{ batchnorm2d: {} }, { conv2d: { out: 2, kernel: 3 } }, ...tail])).toThrow(/no layer before it/);
    expect(() => read([{ conv2d: { out: 2, kernel: 3 } }, { flatten: {} }, { linear: { out: 1 } }, { batchnorm1d: {} }])).toThrow(
      /no activation, pooling or batch normalisation/,
    );
    expect(() => readArchitecture(repr.replace("BatchNorm2d(4,", "BatchNorm2d(3,"), "a.txt")).toThrow(/Must be 4 channels/);
    expect(() => readArchitecture(repr.replace("affine=True", "affine=False"), "a.txt")).toThrow(/affine=True.*affine=False/);
    for (const r of [
      () => read([{ conv2d: { out: 2, kernel: 3 } }, { batchnorm2d: { affine: false } }, ...tail]),
      () => readArchitecture(repr.replace("BatchNorm2d(4,", "BatchNorm2d(3,"), "a.txt"),
    ])
      expect(r).toThrow(/^[^\n]+$/);
  });

  it("should carry the BatchNorm into the network: a checkpoint's γ, β or PyTorch's start γ = 1, β = 0, and refuse a mismatch", () => {
    const a = readArchitecture(
      json({ input: [2], layers: [{ linear: { out: 2, bias: false } }, { batchnorm1d: {} }, { relu: {} }, { linear: { out: 1 } }] }),
      "a.json",
    );
    expect(withArchitecture(a, undefined).layers[0]!.norm).toEqual({ gamma: ["1", "1"], beta: ["0", "0"], eps: "1/100000" });
    const W = [
      ["1", "2"],
      ["3", "4"],
    ];
    const top = { W: [["1", "1"]], b: ["0"] };
    const net = withArchitecture(
      a,
      { activation: { kind: "relu" }, layers: [{ W, norm: { gamma: ["2", "3"], beta: ["5", "7"], eps: "0" } }, top] },
      "n.pt",
    );
    // ε is the architecture's: a state_dict does not store it
    expect(net.layers[0]!.norm).toEqual({ gamma: ["2", "3"], beta: ["5", "7"], eps: "1/100000" });
    expect(() => withArchitecture(a, { activation: { kind: "relu" }, layers: [{ W }, top] }, "n.pt")).toThrow(
      /layer 1 \(Linear\) of `n.pt`. Must be a batch normalisation, as the architecture says/,
    );
  });
});
