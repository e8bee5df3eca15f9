import { readBinaryFile } from "../io/readBinaryFile.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import type { Network } from "./network.js";
import { networkFromSafetensors } from "./networkFromSafetensors.js";
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

/**
 * Reads a network file of any form: safetensors (by the `.safetensors` extension or its
 * leading header length) or JSON in one of the forms of {@link readAnyNetwork}.
 *
 * @param path - the file
 * @returns a {@link Network} for the two-layer JSON form, a {@link LayeredNetwork} otherwise
 * @throws PathError when the file cannot be read; InputError when it is not a network
 * @example readAnyNetworkFile("examples/deep.safetensors").layers.length // returns 3
 */
export function readAnyNetworkFile(path: string): Network<string> | LayeredNetwork<string> {
  const bytes = readBinaryFile(path);
  if (path.toLowerCase().endsWith(".safetensors") || looksLikeSafetensors(bytes)) return networkFromSafetensors(bytes, path);
  return readAnyNetwork(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes), path);
}
