import { at } from "../scalar/at.js";
import { InputError } from "../errors.js";
import { readBinaryFile } from "../io/readBinaryFile.js";
import { topLevelKeys } from "./_internals/topLevelKeys.js";
import type { Activation } from "./activation.js";
import { activationName } from "./activationName.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { type LayerTensorNames, stateDictChain } from "./_internals/stateDictChain.js";
import { type NetworkReadOptions, networkReadOptions } from "./networkReadOptions.js";
import { parseActivation } from "./parseActivation.js";
import { readAnyNetwork } from "./readAnyNetwork.js";
import { readSafetensors, type SafetensorsTensor } from "./readSafetensors.js";
import { readTorchPt } from "./readTorchPt.js";
import { refuseNameSortedOrder } from "./_internals/refuseNameSortedOrder.js";
import { float } from "../scalar/float.js";

/** Where the activation of a network read from a file comes from. */
type ActivationSource = "file" | "flag" | "assumed";

/** A network read from a file, and where its activation comes from. */
export interface NetworkFile {
  /** The network, every value its exact text (for a float file, made on first use). */
  readonly net: LayeredNetwork<string>;
  /** For a safetensors or `.pt` file, the same network as numbers, each exactly the float stored: the fast exact path. */
  readonly floats?: LayeredNetwork<number> | undefined;
  readonly activation: { readonly name: string; readonly source: ActivationSource };
  /** For a state_dict (safetensors, `.pt` or JSON), the names of each layer's tensors, `conv1.weight`. */
  readonly names?: readonly LayerTensorNames[] | undefined;
  /** For a safetensors or `.pt` file, the exact ε of its BatchNorms (`floats` holds only the nearest double). */
  readonly bnEps?: string | undefined;
}

/** PyTorch's default ε of BatchNorm, 1e-5, exactly. */
const DEFAULT_BN_EPS = "1/100000";

/** True when the bytes look like safetensors: a little-endian header length that fits in the file, then `{`. */
function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10 || bytes[8] !== 0x7b || bytes[0] === 0x7b) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  return n + 8n <= BigInt(bytes.length);
}

/** True when the bytes start as a zip archive does (`PK\x03\x04`, a `torch.save` file) or as a bare pickle does (a legacy one). */
function looksLikeTorch(bytes: Uint8Array): boolean {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return zip || (bytes.length > 2 && at(bytes, 0) === 0x80 && at(bytes, 1) >= 2 && at(bytes, 1) <= 5);
}

/**
 * Reads a network file of any form — safetensors (by the `.safetensors` extension or its
 * leading header length), a PyTorch `torch.save` file of a state_dict or a checkpoint dict (by
 * the `.pt`/`.pth` extension or its signature), or JSON in one of the forms of `readAnyNetwork` —
 * and settles its activation without guessing silently: the file's (safetensors
 * `__metadata__["activation"]`, JSON `activation`), else the one the options name, else relu,
 * told to `onAssumed`. Named by both, they must agree.
 *
 * @param path - the file
 * @param options - activation, checkpoint key and layer names (default: the command line's, {@link networkReadOptions})
 * @returns the network and its activation's name and source
 * @throws PathError when the file cannot be read; InputError when it is not a network, its activation is not
 *   positively homogeneous, or the file and the options name different activations
 * @example openNetworkFile("examples/deep.safetensors", {}).activation // returns { name: "relu", source: "file" }
 */
export function openNetworkFile(path: string, options: NetworkReadOptions = networkReadOptions()): NetworkFile {
  const bytes = readBinaryFile(path);
  const lower = path.toLowerCase();
  let stated: string | undefined;
  let read: (activation: Activation) => LayeredNetwork<string>;
  let tensors: readonly SafetensorsTensor[] | undefined;
  if (lower.endsWith(".safetensors") || looksLikeSafetensors(bytes)) {
    const file = readSafetensors(bytes, path);
    if (options.layers === undefined) refuseNameSortedOrder(file.tensors, path);
    stated = file.metadata.activation;
    tensors = file.tensors;
  } else if (lower.endsWith(".pt") || lower.endsWith(".pth") || looksLikeTorch(bytes))
    tensors = readTorchPt(bytes, path, { key: options.key });
  const eps = options.bnEps ?? DEFAULT_BN_EPS;
  let names: readonly LayerTensorNames[] | undefined;
  if (tensors !== undefined) {
    const ts = tensors;
    read = (a) =>
      stateDictChain(
        ts.map((t) => [t.name, t] as const),
        a,
        path,
        eps,
        options.layers,
      ).net;
  } else {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const net = readAnyNetwork(text, path, options.layers, eps);
    try {
      if (topLevelKeys(text).includes("activation")) stated = activationName(net.activation);
    } catch {
      // text readAnyNetwork accepted is JSON, which topLevelKeys reads; nothing to add otherwise
    }
    read = (a) => ({ ...net, activation: a });
  }
  const fromFile = stated === undefined ? undefined : parseActivation(stated, `activation in \`${path}\``);
  const fromFlag = options.activation === undefined ? undefined : parseActivation(options.activation);
  if (fromFile !== undefined && fromFlag !== undefined && activationName(fromFile) !== activationName(fromFlag))
    throw new InputError({
      field: "activation",
      expected: `the activation \`${path}\` stores, ${activationName(fromFile)}, or none`,
      value: options.activation ?? activationName(fromFlag),
    });
  const activation = fromFlag ?? fromFile ?? parseActivation("relu");
  const source: ActivationSource = fromFile !== undefined ? "file" : fromFlag !== undefined ? "flag" : "assumed";
  let floats: LayeredNetwork<number> | undefined;
  if (tensors !== undefined) {
    const numeric = tensors.map((t) => [t.name, { shape: t.shape, values: t.numbers as unknown as readonly number[] }] as const);
    // ε is no stored float: the double nearest it stands in the float form (the invariants do not read it)
    const chain = stateDictChain(numeric, activation, path, float.parse(eps), options.layers);
    floats = chain.net;
    names = chain.names;
  }
  if (source === "assumed") options.onAssumed?.(path);
  let net: LayeredNetwork<string> | undefined;
  return {
    get net() {
      net ??= read(activation);
      return net;
    },
    floats,
    activation: { name: activationName(activation), source },
    names,
    bnEps: tensors === undefined ? undefined : eps,
  };
}
