import { readBinaryFile } from "../io/readBinaryFile.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { networkFromSafetensors } from "./networkFromSafetensors.js";
import { networkFromTorchPt } from "./networkFromTorchPt.js";
import { readAnyNetwork } from "./readAnyNetwork.js";

/**
 * True when the bytes look like safetensors: a little-endian header length that fits in the file,
 * followed by `{`. JSON text never matches, as its first byte is `{`, `[` or white space.
 */
function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 10 || bytes[8] !== 0x7b || bytes[0] === 0x7b) return false;
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  return n + 8n <= BigInt(bytes.length);
}

/** True when the bytes start as a zip archive does (`PK\x03\x04`), as a `torch.save` file does. */
function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Reads a network file of any form: safetensors (by the `.safetensors` extension or its
 * leading header length), a PyTorch `torch.save(state_dict)` file (by the `.pt` or `.pth`
 * extension or its zip signature; see `readTorchPt`) or JSON in one of the forms of {@link readAnyNetwork}.
 *
 * @param path - the file
 * @returns the network as layers, whichever form the file holds
 * @throws PathError when the file cannot be read; InputError when it is not a network
 * @example readAnyNetworkFile("examples/deep.safetensors").layers.length // returns 3
 */
export function readAnyNetworkFile(path: string): LayeredNetwork<string> {
  const bytes = readBinaryFile(path);
  const lower = path.toLowerCase();
  if (lower.endsWith(".safetensors") || looksLikeSafetensors(bytes)) return networkFromSafetensors(bytes, path);
  if (lower.endsWith(".pt") || lower.endsWith(".pth") || looksLikeZip(bytes)) return networkFromTorchPt(bytes, path);
  return readAnyNetwork(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), path);
}
