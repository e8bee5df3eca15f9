import type { InputError } from "../errors.js";
import { fileFault } from "../io/fileFault.js";
import type { ZipEntry } from "../io/readZip.js";
import { at } from "../scalar/at.js";
import type { FloatFormat } from "../scalar/dyadicOfFloat.js";
import { FLOAT_SIZE, flatIndexText, floatNumbers, floatTensor } from "./_internals/floatValues.js";
import { openTorchZip } from "./_internals/openTorchZip.js";
import { describe, type PickledDict, type PickledTensor, type PickledValue, TORCH_FILE } from "./_internals/unpickleStateDict.js";
import type { SafetensorsTensor } from "./readSafetensors.js";

const DTYPE: Readonly<Record<string, FloatFormat>> = {
  FloatStorage: "F32",
  DoubleStorage: "F64",
  HalfStorage: "F16",
  BFloat16Storage: "BF16",
};

const SIZE = FLOAT_SIZE;

/**
 * Elements the tensors of one file may hold in all: enough for a 10-million-parameter chain
 * with room to spare, and checked against the storages' stated sizes before anything is
 * inflated or decoded, so a zip bomb or a huge stride-0 view is refused before it costs memory.
 */
const MAX_FILE_ELEMENTS = 16_000_000;

/** The entries a checkpoint dict keeps its model's state_dict under, in the order they are tried. */
const CHECKPOINT_KEYS = ["model", "state_dict", "model_state_dict"];

/** Options of {@link readTorchPt}. */
export interface TorchPtOptions {
  /** The entry of a checkpoint dict that holds the state_dict (default: the dict itself when it holds tensors only, else `model`, `state_dict`, `model_state_dict`). */
  key?: string | undefined;
}

/**
 * Reads the file `torch.save(model.state_dict(), "model.pt")` writes, exactly and without
 * executing anything: a zip archive holding `<dir>/data.pkl` (the pickle, read by a restricted
 * unpickler that knows only plain data, tensors and storages), `<dir>/data/<key>` (each storage's
 * raw bytes) and maybe `<dir>/byteorder`. A checkpoint dict (`{"model": state_dict,
 * "optimizer": …, "epoch": …}`) is unwrapped: its `model`, `state_dict` or `model_state_dict`
 * entry, or the one `key` names; the other entries are never decoded. Each tensor, a strided
 * view of a storage, becomes its entries in row-major order, every float (F32, F64, F16, BF16)
 * the exact dyadic rational it is, as in {@link readSafetensors}.
 *
 * @param bytes - the whole file
 * @param what - the file name, for messages
 * @param options - the checkpoint entry to read
 * @returns the tensors of the state_dict, in its order
 * @throws InputError, one line naming the file and the fault (and what to do): a legacy pre-zip
 *   file, a pickled module, not a torch zip, an opcode or global outside the allow-list, a
 *   checkpoint without a state_dict, normalisation layers, an integer tensor, a storage whose
 *   bytes are missing or of another length than its elements need, more than
 *   {@link MAX_FILE_ELEMENTS} elements, a view past the end of its storage or repeating its
 *   elements, big-endian data, a NaN or infinity
 * @example readTorchPt(readBinaryFile("examples/deep.pt"), "deep.pt")[0]?.name // returns "0.weight"
 */
export function readTorchPt(bytes: Uint8Array, what: string, options: TorchPtOptions = {}): SafetensorsTensor[] {
  const fault = (why: string): InputError => fileFault("PyTorch file", TORCH_FILE, what, why);
  const { root, dir, entries } = openTorchZip(bytes, what);
  const dict = stateDictOf(root, options.key, fault);
  // BatchNorm's step counter is an integer and no parameter: set aside like its running statistics
  for (const name of [...dict.keys()]) if (name.endsWith(".num_batches_tracked")) dict.delete(name);
  // Every storage the tensors use, checked against its entry's stated size before any byte is inflated.
  const storages = new Map<string, { numel: number; size: number }>();
  const tensors: { name: string; t: PickledTensor; dtype: FloatFormat; entry: ZipEntry }[] = [];
  for (const [name, t] of dict) {
    const dtype = DTYPE[t.storage.type];
    if (dtype === undefined)
      throw fault(
        `tensor \`${name}\` holds ${t.storage.type.replace(/Storage$/, "").toLowerCase()} values, not floats; relutopo reads the float weights of linear layers`,
      );
    const entry = entries.get(`${dir}data/${t.storage.key}`);
    if (entry === undefined) throw fault(`tensor \`${name}\`: storage \`${t.storage.key}\` has no \`${dir}data/${t.storage.key}\``);
    const size = SIZE[dtype];
    if (entry.size !== t.storage.numel * size)
      throw fault(
        `storage \`${t.storage.key}\` has ${entry.size} bytes, but ${t.storage.numel} ${dtype} elements need ${t.storage.numel * size}`,
      );
    storages.set(t.storage.key, { numel: t.storage.numel, size: entry.size });
    tensors.push({ name, t, dtype, entry });
  }
  const total = [...storages.values()].reduce((a, s) => a + s.numel, 0);
  if (total > MAX_FILE_ELEMENTS) throw fault(`its storages hold ${total} elements, more than ${MAX_FILE_ELEMENTS}`);
  const data = new Map<string, Uint8Array>();
  const out: SafetensorsTensor[] = [];
  for (const { name, t, dtype, entry } of tensors) {
    const tfault = (why: string): InputError => fault(`tensor \`${name}\` ${why}`);
    const count = checkView(t, tfault);
    let raw = data.get(t.storage.key);
    if (raw === undefined) {
      raw = entry.bytes();
      data.set(t.storage.key, raw);
    }
    out.push(floatTensor(name, dtype, t.shape, viewValues(t, count, raw, dtype, tfault)));
  }
  return out;
}

/** The state_dict of the pickled dict: itself when it holds tensors only, else the checkpoint entry that does. */
function stateDictOf(root: PickledDict, key: string | undefined, fault: (why: string) => InputError): Map<string, PickledTensor> {
  const isTensor = (v: PickledValue): v is PickledTensor => v !== null && typeof v === "object" && v.kind === "tensor";
  const isDict = (v: PickledValue | undefined): v is PickledDict => v !== null && typeof v === "object" && v?.kind === "dict";
  const names = [...root.entries.keys()];
  const list =
    names
      .slice(0, 8)
      .map((k) => `\`${k}\``)
      .join(", ") + (names.length > 8 ? ", …" : "");
  let chosen: PickledDict;
  if (key !== undefined) {
    const v = root.entries.get(key);
    if (!isDict(v)) throw fault(`it has no dict entry \`${key}\` (entries: ${list || "none"})`);
    chosen = v;
  } else if ([...root.entries.values()].every(isTensor) || names.some((n) => /\.(weight|bias)$/.test(n))) chosen = root;
  else {
    const k = CHECKPOINT_KEYS.find((c) => isDict(root.entries.get(c)));
    if (k === undefined)
      throw fault(`it holds a dict of ${list || "nothing"}, none a state_dict (tried ${CHECKPOINT_KEYS.join(", ")}); pass --key NAME`);
    chosen = root.entries.get(k) as PickledDict;
  }
  const out = new Map<string, PickledTensor>();
  for (const [k, v] of chosen.entries) {
    if (!isTensor(v)) throw fault(`entry \`${k}\` is \`${describe(v)}\`, not a tensor`);
    out.set(k, v);
  }
  return out;
}

/** The element count of a view, after checking that it stays inside its storage and does not repeat its elements. */
function checkView(t: PickledTensor, fault: (why: string) => InputError): number {
  const count = t.shape.reduce((a, d) => a * d, 1);
  if (count === 0) return 0;
  // A view of more elements than its storage repeats some (stride 0, overlapping strides): a
  // state_dict never needs one, and a tiny file could otherwise ask for millions of entries.
  if (count > t.storage.numel)
    throw fault(`has ${count} elements, more than the ${t.storage.numel} of its storage (a repeating view; save a contiguous copy)`);
  // stride has one entry per dimension of shape (the unpickler refuses any other tensor)
  const last = t.offset + t.shape.reduce((a, d, i) => a + (d - 1) * at(t.stride, i), 0);
  if (last >= t.storage.numel) throw fault(`reaches element ${last} of a storage of ${t.storage.numel}`);
  return count;
}

/** The entries of a strided view in row-major order, each the number its float is. */
function viewValues(
  t: PickledTensor,
  count: number,
  data: Uint8Array,
  dtype: FloatFormat,
  fault: (why: string) => InputError,
): Float64Array {
  if (count === 0) return new Float64Array(0);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const size = SIZE[dtype];
  // An odometer over the multi-index, last dimension fastest, keeping the storage element e in step.
  const dims = t.shape.map((n, d) => ({ n, stride: at(t.stride, d), i: 0 })).reverse();
  let e = t.offset;
  return floatNumbers(
    view,
    dtype,
    count,
    () => {
      const here = e;
      for (const dim of dims) {
        e += dim.stride;
        if (++dim.i < dim.n) break;
        e -= dim.stride * dim.n;
        dim.i = 0;
      }
      return here * size;
    },
    (i) => fault(`holds ${dtype} NaN or infinity at index ${flatIndexText(i, t.shape)}`),
  );
}
