import { InputError } from "../errors.js";
import type { Architecture } from "./readArchitecture.js";
import type { Layer, LayeredNetwork } from "./layeredNetwork.js";
import { tensorShapes } from "./_internals/tensorShapes.js";

/**
 * A checkpoint's weights with what an architecture file adds (each convolution's stride and padding,
 * pooling, batch normalisation with its ε, the input shape, the activation), every weight layer's shape checked against the
 * architecture's; without a checkpoint, the architecture's network with every parameter 0 (its shape,
 * for a layout to draw an initialisation into; a bias wherever the file does not say otherwise).
 *
 * @param arch - from `readArchitecture`
 * @param net - the checkpoint's network, or none
 * @param what - the checkpoint's name, for messages
 * @throws InputError (one line, naming the layer) when the layer counts, a layer's rows, columns or bias,
 *   a convolution's kernel size, or whether it has a batch normalisation differ between the two (its groups are the architecture's)
 * @example withArchitecture(readArchitecture('{"input": [1, 3], "layers": [{"conv1d": {"out": 1, "kernel": 2}}, {"relu": {}}, {"flatten": {}}, {"linear": {"out": 1}}]}', "a.json"), { activation: { kind: "relu" }, layers: [{ W: [["1", "2"]] }, { W: [["1", "1"]] }] }, "net.json").layers[0].conv // returns { kernel: [2], groups: 1, stride: [1], padding: [0] }
 */
export function withArchitecture(arch: Architecture, net: LayeredNetwork<string> | undefined, what = "net"): LayeredNetwork<string> {
  if (net !== undefined && net.layers.length !== arch.layers.length)
    throw new InputError({
      field: `net \`${what}\``,
      expected: `the architecture's ${arch.layers.length} weight layers`,
      value: `${net.layers.length} weight layers`,
    });
  const layers = arch.layers.map((a, l): Layer<string> => {
    const name = `layer ${l + 1} (${a.name}) of \`${what}\``;
    const given = net?.layers[l];
    const W = given?.W ?? Array.from({ length: a.out }, () => new Array<string>(a.columns).fill("0"));
    const b = given === undefined ? (a.bias === false ? undefined : new Array<string>(a.out).fill("0")) : given.b;
    const columns = W[0]?.length ?? 0;
    if (W.length !== a.out || columns !== a.columns)
      throw new InputError({
        field: name,
        expected: `${a.out} × ${a.columns}, as the architecture says`,
        value: `${W.length} × ${columns}`,
      });
    if (a.bias !== undefined && a.bias !== (b !== undefined))
      throw new InputError({
        field: name,
        expected: a.bias ? "a bias, as the architecture says" : "no bias, as the architecture says (bias=False)",
        value: b === undefined ? "no bias" : "a bias",
      });
    // A checkpoint's groups are read from its shapes, which a first layer's cannot fix (a 4 × 1 × 3 × 3 kernel is
    // Conv2d(1, 4) or Conv2d(2, 4, groups=2)): the architecture says which; the kernel size must agree.
    const stored = given?.conv;
    if (stored !== undefined && (a.conv === undefined || stored.kernel.join(",") !== a.conv.kernel.join(",")))
      throw new InputError({
        field: name,
        expected:
          a.conv === undefined ? "a Linear, as the architecture says" : `kernel ${a.conv.kernel.join("×")}, as the architecture says`,
        value: `kernel ${stored.kernel.join("×")}`,
      });
    if ((given?.norm !== undefined) !== (a.norm !== undefined) && given !== undefined)
      throw new InputError({
        field: name,
        expected: a.norm === undefined ? "no normalisation, as the architecture says" : "a batch normalisation, as the architecture says",
        value: a.norm === undefined ? "a batch normalisation" : "none",
      });
    // a checkpoint's γ, β; a fresh shape starts where PyTorch does (γ = 1, β = 0); ε is the architecture's (a state_dict stores none)
    const norm =
      a.norm === undefined
        ? undefined
        : {
            gamma: given?.norm?.gamma ?? new Array<string>(a.out).fill("1"),
            beta: given?.norm?.beta ?? new Array<string>(a.out).fill("0"),
            eps: a.norm.eps,
          };
    return {
      W,
      b,
      ...(a.conv === undefined ? {} : { conv: a.conv }),
      ...(norm === undefined ? {} : { norm }),
      ...(a.pool === undefined ? {} : { pool: a.pool }),
    };
  });
  const out: LayeredNetwork<string> = { activation: arch.activation, layers, ...(arch.input === undefined ? {} : { input: arch.input }) };
  // the tensors' shapes, checked once more as the forward pass will read them
  tensorShapes(out);
  return out;
}
