import { InputError } from "../errors.js";
import { readZip } from "../io/readZip.js";
import { dyadicOfFloat, type FloatFormat } from "../scalar/dyadicOfFloat.js";
import { type PickledTensor, unpickleStateDict } from "./_internals/unpickleStateDict.js";
import type { SafetensorsTensor } from "./readSafetensors.js";

const DTYPE: Readonly<Record<string, FloatFormat>> = {
  FloatStorage: "F32",
  DoubleStorage: "F64",
  HalfStorage: "F16",
  BFloat16Storage: "BF16",
};
const SIZE: Readonly<Record<FloatFormat, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2 };

/** Elements a tensor may have: enough for any network relutopo can work with exactly. */
const MAX_ELEMENTS = 100_000_000;

/**
 * Reads the file `torch.save(model.state_dict(), "model.pt")` writes, exactly and without
 * executing anything: a zip archive holding `<dir>/data.pkl` (the pickled state_dict, read by
 * a restricted unpickler that knows only the opcodes and globals a state_dict of float
 * tensors uses), `<dir>/data/<key>` (each storage's raw bytes) and maybe `<dir>/byteorder`.
 * Each tensor, a strided view of a storage, becomes its entries in row-major order, every
 * float (F32, F64, F16, BF16) the exact dyadic rational it is, as in {@link readSafetensors}.
 *
 * @param bytes - the whole file
 * @param what - the file name, for messages
 * @returns the tensors in the state_dict's order
 * @throws InputError, one line naming the file and the fault: not a torch zip, an opcode or
 *   global outside the allow-list, a storage whose bytes are missing or of another length than
 *   its elements need, a view past the end of its storage, big-endian data, a NaN or infinity
 * @example readTorchPt(readBinaryFile("examples/deep.pt"), "deep.pt")[0]?.name // returns "0.weight"
 */
export function readTorchPt(bytes: Uint8Array, what: string): SafetensorsTensor[] {
  const fault = (why: string): InputError => new InputError(`invalid PyTorch file \`${what}\`: ${why}.`);
  const entries = readZip(bytes, what);
  const pickles = [...entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pickles.length !== 1) throw fault(`expected one \`<dir>/data.pkl\` in the archive, found ${pickles.length}`);
  const dir = pickles[0]!.slice(0, -"data.pkl".length);
  const order = entries.get(`${dir}byteorder`);
  if (order !== undefined && new TextDecoder().decode(order) !== "little") throw fault("its data is not little-endian");
  const dict = unpickleStateDict(entries.get(pickles[0]!)!, what);
  const out: SafetensorsTensor[] = [];
  for (const [name, t] of dict) {
    const dtype = DTYPE[t.storage.type]!;
    const data = entries.get(`${dir}data/${t.storage.key}`);
    if (data === undefined) throw fault(`tensor \`${name}\`: storage \`${t.storage.key}\` has no \`${dir}data/${t.storage.key}\``);
    const size = SIZE[dtype];
    if (data.length !== t.storage.numel * size)
      throw fault(
        `storage \`${t.storage.key}\` has ${data.length} bytes, but ${t.storage.numel} ${dtype} elements need ${t.storage.numel * size}`,
      );
    out.push({ name, dtype, shape: t.shape, values: viewValues(t, data, dtype, (why) => fault(`tensor \`${name}\` ${why}`)) });
  }
  return out;
}

/** The entries of a strided view in row-major order, as exact text, after checking that it stays inside its storage. */
function viewValues(t: PickledTensor, data: Uint8Array, dtype: FloatFormat, fault: (why: string) => InputError): string[] {
  const count = t.shape.reduce((a, d) => a * d, 1);
  if (count > MAX_ELEMENTS) throw fault(`has ${count} elements, more than ${MAX_ELEMENTS}`);
  if (count === 0) return [];
  const last = t.offset + t.shape.reduce((a, d, i) => a + (d - 1) * t.stride[i]!, 0);
  if (last >= t.storage.numel) throw fault(`reaches element ${last} of a storage of ${t.storage.numel}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const size = SIZE[dtype];
  const out: string[] = [];
  const index = t.shape.map(() => 0);
  for (let n = 0; n < count; n++) {
    const e = t.offset + index.reduce((a, k, i) => a + k * t.stride[i]!, 0);
    const p = e * size;
    const bits = size === 8 ? view.getBigUint64(p, true) : size === 4 ? BigInt(view.getUint32(p, true)) : BigInt(view.getUint16(p, true));
    const q = dyadicOfFloat(bits, dtype);
    if (q === undefined) throw fault(`holds ${dtype} NaN or infinity at index ${index.map((k) => `[${k}]`).join("")}`);
    out.push(q.den === 1n ? q.num.toString() : `${q.num}/${q.den}`);
    for (let i = index.length - 1; i >= 0; i--) {
      if (++index[i]! < t.shape[i]!) break;
      index[i] = 0;
    }
  }
  return out;
}
