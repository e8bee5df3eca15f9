import type { InputError } from "../errors.js";
import { fileFault } from "../io/fileFault.js";
import type { FloatFormat } from "../scalar/dyadicOfFloat.js";
import { FLOAT_SIZE, flatIndexText, floatNumbers, floatTensor } from "./_internals/floatValues.js";
import { topLevelKeys } from "./_internals/topLevelKeys.js";
import type { StateDictTensor } from "./layersFromStateDict.js";

/** One tensor of a safetensors file, every entry the exact rational its float is. */
export interface SafetensorsTensor extends StateDictTensor {
  readonly name: string;
  readonly dtype: FloatFormat;
  /** The same entries as numbers, each exactly the float stored (every format here is a subset of binary64). */
  readonly numbers: Float64Array;
}

/** The content of a safetensors file: its tensors in the order of their data, and its `__metadata__`. */
export interface Safetensors {
  readonly tensors: readonly SafetensorsTensor[];
  readonly metadata: Readonly<Record<string, string>>;
}

/** Largest header accepted (the reference implementation's limit), so that a lying length cannot exhaust memory. */
export const MAX_SAFETENSORS_HEADER = 100_000_000;

const SIZE = FLOAT_SIZE;

/**
 * Reads a safetensors file exactly: an 8-byte little-endian header length N, N bytes of
 * JSON header `{ name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__"?: { … } }`,
 * then the raw little-endian data (offsets count from the first byte after the header).
 * Every float becomes the exact dyadic rational it is ({@link dyadicOfFloat}), as text `n/2^k`
 * reduced. The header is held to the format: the tensors' data must tile the buffer in order,
 * without gap or overlap, each exactly dtype size × number of elements long.
 *
 * @param bytes - the whole file
 * @param what - the file name, for messages
 * @throws InputError, one line naming the file and the fault: a truncated file, a header length beyond
 *   the file or above {@link MAX_SAFETENSORS_HEADER}, a header that is not a JSON object, a duplicate name,
 *   a dtype other than F64, F32, F16 and BF16, a bad shape or offsets, a wrong byte count, overlapping,
 *   unsorted or non-contiguous data, or a NaN or infinity (naming the tensor and the index)
 * @example readSafetensors(readBinaryFile("examples/deep.safetensors"), "deep").tensors[0]?.name // returns "0.weight"
 */
export function readSafetensors(bytes: Uint8Array, what: string): Safetensors {
  const fault = (why: string): InputError =>
    fileFault("safetensors file", "a safetensors file of F64, F32, F16 or BF16 tensors", what, why);
  if (bytes.length < 8) throw fault(`truncated: ${bytes.length} bytes, fewer than the 8 of the header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(MAX_SAFETENSORS_HEADER)) throw fault(`header length ${n} is above the limit of ${MAX_SAFETENSORS_HEADER} bytes`);
  if (8n + n > BigInt(bytes.length)) throw fault(`header length ${n} runs past the end of the file (${bytes.length} bytes)`);
  const headerEnd = 8 + Number(n);
  let text: string;
  let header: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, headerEnd));
    header = JSON.parse(text);
  } catch {
    throw fault("the header is not UTF-8 JSON");
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) throw fault("the header is not a JSON object");
  const seen = new Set<string>();
  for (const key of topLevelKeys(text)) {
    if (seen.has(key)) throw fault(`duplicate name \`${key}\` in the header`);
    seen.add(key);
  }
  const bufferLength = bytes.length - headerEnd;
  let metadata: Record<string, string> = {};
  const entries: { name: string; dtype: FloatFormat; shape: number[]; begin: number; end: number; counter: boolean }[] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (entry === null || typeof entry !== "object" || Array.isArray(entry) || Object.values(entry).some((v) => typeof v !== "string"))
        throw fault("__metadata__ must be an object of strings");
      metadata = entry as Record<string, string>;
      continue;
    }
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw fault(`tensor \`${name}\` is not an object`);
    const { dtype, shape, data_offsets: offsets, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw fault(`tensor \`${name}\` has an unknown field \`${extra}\``);
    // BatchNorm's step counter (I64) is no parameter: its bytes are accounted for, its value set aside
    const counter = name.endsWith(".num_batches_tracked") && dtype === "I64";
    if (typeof dtype !== "string" || (!(dtype in SIZE) && !counter))
      throw fault(`tensor \`${name}\` has dtype \`${String(dtype)}\` (supported: F64, F32, F16, BF16)`);
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw fault(`tensor \`${name}\` has shape \`${JSON.stringify(shape)}\` (expected non-negative integers)`);
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0))
      throw fault(`tensor \`${name}\` has data_offsets \`${JSON.stringify(offsets)}\` (expected [begin, end])`);
    const [begin, end] = offsets as [number, number];
    if (begin > end || end > bufferLength)
      throw fault(`tensor \`${name}\` has data_offsets [${begin}, ${end}] outside the ${bufferLength} data bytes`);
    const count = (shape as number[]).reduce((a, d) => a * d, 1);
    const expected = count * (counter ? 8 : SIZE[dtype as FloatFormat]);
    if (end - begin !== expected)
      throw fault(`tensor \`${name}\` has ${end - begin} data bytes, but ${dtype} × [${shape.join(", ")}] needs ${expected}`);
    entries.push({ name, dtype: dtype as FloatFormat, shape: shape as number[], begin, end, counter });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const e of entries) {
    if (e.begin < at) throw fault(`tensor \`${e.name}\` overlaps the data of another tensor`);
    if (e.begin > at) throw fault(`the data bytes [${at}, ${e.begin}) belong to no tensor`);
    at = e.end;
  }
  if (at !== bufferLength) throw fault(`the data bytes [${at}, ${bufferLength}) belong to no tensor`);
  const tensors = entries
    .filter((e) => !e.counter)
    .map(({ name, dtype, shape, begin }) => {
      const numbers = decode(
        view,
        headerEnd + begin,
        dtype,
        shape.reduce((a, d) => a * d, 1),
        (i) => fault(`tensor \`${name}\` holds ${dtype} NaN or infinity at index ${flatIndexText(i, shape)}`),
      );
      return floatTensor(name, dtype, shape, numbers);
    });
  return { tensors, metadata };
}

function decode(view: DataView, start: number, dtype: FloatFormat, count: number, nonFinite: (i: number) => InputError): Float64Array {
  const size = FLOAT_SIZE[dtype];
  return floatNumbers(view, dtype, count, (i) => start + i * size, nonFinite);
}
