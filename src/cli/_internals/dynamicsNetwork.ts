import { InputError } from "../../errors.js";
import { inputLimits } from "../../io/inputLimits.js";
import { readTextFile } from "../../io/readTextFile.js";
import { activationName } from "../../net/activationName.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { networkReadOptions } from "../../net/networkReadOptions.js";
import { refuseLayerNormDynamics } from "../../net/refuseLayerNormDynamics.js";
import { readAnyNetworkFile } from "../../net/readAnyNetworkFile.js";
import { intOption } from "../options.js";

/**
 * The network of a dynamics command (`gd`, `flow`): the --net file, with what --arch adds (convolutions'
 * stride and padding, pooling, input shape), or, with --arch alone, PyTorch's default initialisation
 * drawn with --init-seed. What only --arch needs (the architecture reader, the initialisation) is loaded
 * only with --arch: a plain `flow --net` starts faster without it.
 *
 * @throws InputError for --init-seed without --arch or with --net, no network at all, a convolutional
 *   checkpoint without the architecture it needs, or an architecture to draw of more parameters than the
 *   input limit allows values (and whatever reading the files throws)
 * @internal
 */
export async function dynamicsNetwork(opts: {
  net?: string | undefined;
  arch?: string | undefined;
  initSeed?: string | undefined;
}): Promise<LayeredNetwork<string>> {
  if (opts.initSeed !== undefined && (opts.arch === undefined || opts.net !== undefined))
    throw new InputError({ field: "--init-seed", expected: "given with --arch and without --net", value: opts.initSeed });
  if (opts.arch === undefined) {
    if (opts.net === undefined) throw new InputError({ field: "--net", expected: "a network file (or --arch to draw one)", value: "none" });
    const net = readAnyNetworkFile(opts.net);
    // a { layers } file may carry stride, padding and the input shape itself (as `gd --json` prints them)
    const incomplete =
      net.input === undefined ||
      net.layers.some((l) => l.conv !== undefined && (l.conv.stride === undefined || l.conv.padding === undefined));
    if (net.layers.some((l) => l.conv !== undefined) && incomplete)
      throw new InputError({
        field: "--arch",
        expected: `an architecture file for the convolutional network \`${opts.net}\` (a checkpoint stores no stride, padding or pooling)`,
        value: "none",
      });
    refuseLayerNormDynamics(net);
    return net;
  }
  const [{ readArchitecture }, { withArchitecture }] = await Promise.all([
    import("../../net/readArchitecture.js"),
    import("../../net/withArchitecture.js"),
  ]);
  const arch = readArchitecture(readTextFile(opts.arch), opts.arch);
  if (opts.net !== undefined) {
    // the architecture names the activation: a checkpoint that stores none is not assumed relu out loud
    const { onAssumed: _, ...reading } = networkReadOptions();
    const activation = reading.activation ?? activationName(arch.activation);
    const net = readAnyNetworkFile(opts.net, { ...reading, activation });
    refuseLayerNormDynamics(net);
    return withArchitecture(arch, net, opts.net);
  }
  const seed = intOption(opts.initSeed ?? "0", "--init-seed", 0);
  // Drawn, the network is held to the limit of one read from a file, before a single weight is drawn:
  // a width of 10^9 would otherwise fill the memory long before any estimate of the work sees it.
  const { maxBytes, maxCsvCells } = inputLimits();
  const parameters = arch.layers.reduce((n, l) => n + l.out * (l.columns + (l.bias === false ? 0 : 1)), 0);
  if (parameters > maxCsvCells)
    throw new InputError({
      field: "maxInputMib",
      expected: `raised to draw \`${opts.arch}\`, a network of more than ${maxCsvCells} parameters (N MiB allow N/4 Mi, as for the values of a file)`,
      value: String(Math.round(maxBytes / (1024 * 1024))),
    });
  const [{ defaultInit }, { layoutOf }, { unpackLayers }] = await Promise.all([
    import("../../experiments/defaultInit.js"),
    import("../../net/layoutOf.js"),
    import("../../net/unpackLayers.js"),
  ]);
  const shape = withArchitecture(arch, undefined, opts.arch);
  const L = layoutOf(shape);
  const drawn = defaultInit(L, `arch/init-seed=${seed}`);
  // each double as its exact value's shortest decimal text, which exact arithmetic reads without rounding
  return unpackLayers(
    Array.from(drawn, (v) => String(v)),
    L,
  );
}
