import type { InputError } from "../../errors.js";
import { fileFault } from "../../io/fileFault.js";
import { readZip, type ZipEntry } from "../../io/readZip.js";
import { at } from "../../scalar/at.js";
import { type PickledDict, TORCH_FILE, unpickleStateDict } from "./unpickleStateDict.js";

/** Largest pickle accepted: a state_dict's pickle is a few bytes per tensor, a checkpoint's a little more. */
const MAX_PICKLE_BYTES = 64 * 1024 * 1024;

/** A `torch.save` archive opened: its pickled root dict, the archive's top directory and its entries (the storages). @internal */
export interface TorchZip {
  readonly root: PickledDict;
  /** The directory `data.pkl` sits in, with its trailing `/`. */
  readonly dir: string;
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

/**
 * Opens the zip archive `torch.save` writes and unpickles its `<dir>/data.pkl` with the
 * restricted unpickler; the storages stay in the archive, uninflated. One place for what every
 * reader of a `.pt` file checks first: not a legacy (pre-zip) file, one pickle, little-endian
 * data, a pickle of sane size.
 *
 * @param bytes - the whole file
 * @param what - the file name, for messages
 * @returns the root dict, the archive's directory and its entries
 * @throws InputError, one line naming the file and the fault
 * @internal
 */
export function openTorchZip(bytes: Uint8Array, what: string): TorchZip {
  const fault = (why: string): InputError => fileFault("PyTorch file", TORCH_FILE, what, why);
  // A pre-1.6 torch.save file is a bare pickle (its magic number first), not a zip.
  if (bytes.length > 1 && at(bytes, 0) === 0x80 && at(bytes, 1) <= 5)
    throw fault("it is a legacy (pre-zip) torch.save file; re-save with torch.save, whose zip format is the default since PyTorch 1.6");
  const entries = readZip(bytes, what);
  const pickles = [...entries].filter(([n]) => /^[^/]+\/data\.pkl$/.test(n));
  const [only] = pickles;
  if (pickles.length !== 1 || only === undefined) throw fault(`expected one \`<dir>/data.pkl\` in the archive, found ${pickles.length}`);
  const [pickleName, pickle] = only;
  const dir = pickleName.slice(0, -"data.pkl".length);
  const order = entries.get(`${dir}byteorder`);
  if (order !== undefined && (order.size > 16 || new TextDecoder().decode(order.bytes()) !== "little"))
    throw fault("its data is not little-endian");
  if (pickle.size > MAX_PICKLE_BYTES) throw fault(`its pickle states ${pickle.size} bytes, more than ${MAX_PICKLE_BYTES}`);
  return { root: unpickleStateDict(pickle.bytes(), what), dir, entries };
}
