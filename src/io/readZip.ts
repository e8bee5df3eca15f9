import { createRequire } from "node:module";
import type * as Zlib from "node:zlib";
import type { InputError } from "../errors.js";
import { fileFault } from "./fileFault.js";

/** Entries a zip may list: a torch archive holds a few per tensor; more is a hostile directory. */
const MAX_ENTRIES = 100_000;

/** One entry of a zip archive: its stated uncompressed size, and its bytes, inflated only when asked. */
export interface ZipEntry {
  readonly size: number;
  /** The uncompressed bytes; a deflated entry is inflated now, never past its stated size. */
  bytes(): Uint8Array;
}

/**
 * The entries of a zip archive by name, as the central directory lists them: stored
 * (method 0) or deflated (method 8) data, each checked against the sizes its headers
 * state. Enough for the archives `torch.save` writes (stored, 64-byte aligned entries);
 * no ZIP64, no encryption, no multi-disk archives. Nothing is inflated until asked for, so
 * that a reader can hold the stated sizes against what it needs first (a zip bomb states
 * sizes no network needs, and is refused before it fills the memory).
 *
 * @param bytes - the whole archive
 * @param what - the file name, for messages
 * @returns each entry's name, stated size and bytes on demand, in directory order
 * @throws InputError, one line naming the file, for anything else or for sizes, offsets or
 *   names that do not fit the file (a duplicate name, an entry past the end, a deflated
 *   stream of another length than stated)
 * @example readZip(readBinaryFile("examples/deep.pt"), "deep.pt").get("deep/byteorder")?.size // returns 6
 */
export function readZip(bytes: Uint8Array, what: string): Map<string, ZipEntry> {
  const fault = (why: string): InputError => fileFault("zip archive", "a zip archive (one disk, no ZIP64, not encrypted)", what, why);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (p: number): number => view.getUint16(p, true);
  const u32 = (p: number): number => view.getUint32(p, true);
  // The end-of-central-directory record: the last signature within the final 22 + 65535 bytes.
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (u32(p) === 0x06054b50) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) throw fault("no end-of-central-directory record");
  const count = u16(eocd + 10);
  const dirSize = u32(eocd + 12);
  const dirStart = u32(eocd + 16);
  if (count === 0xffff || dirStart === 0xffffffff) throw fault("ZIP64 archives are not supported");
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== count) throw fault("multi-disk archives are not supported");
  if (count > MAX_ENTRIES) throw fault(`${count} entries, more than ${MAX_ENTRIES}`);
  if (dirStart + dirSize > eocd) throw fault("the central directory runs past its end record");
  const out = new Map<string, ZipEntry>();
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let p = dirStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dirStart + dirSize || u32(p) !== 0x02014b50) throw fault(`central directory entry ${i + 1} is malformed`);
    const flags = u16(p + 8);
    const method = u16(p + 10);
    const compressed = u32(p + 20);
    const size = u32(p + 24);
    const nameLength = u16(p + 28);
    const extraLength = u16(p + 30);
    const commentLength = u16(p + 32);
    const local = u32(p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > dirStart + dirSize) throw fault(`central directory entry ${i + 1} runs past the directory`);
    let name: string;
    try {
      name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    } catch {
      throw fault(`entry ${i + 1} has a name that is not UTF-8`);
    }
    p = end;
    if ((flags & 1) !== 0) throw fault(`entry \`${name}\` is encrypted`);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw fault("ZIP64 archives are not supported");
    if (out.has(name)) throw fault(`duplicate entry \`${name}\``);
    if (local + 30 > dirStart || u32(local) !== 0x04034b50) throw fault(`entry \`${name}\` has no local header at offset ${local}`);
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + compressed > dirStart) throw fault(`entry \`${name}\` runs past the data into the directory`);
    const raw = bytes.subarray(dataStart, dataStart + compressed);
    if (method === 0) {
      if (compressed !== size) throw fault(`stored entry \`${name}\` states ${size} bytes but holds ${compressed}`);
      out.set(name, { size, bytes: () => raw });
    } else if (method === 8) {
      out.set(name, { size, bytes: () => inflate(raw, size, () => fault(`entry \`${name}\` is not a deflate stream of ${size} bytes`)) });
    } else throw fault(`entry \`${name}\` uses compression method ${method} (supported: stored, deflate)`);
  }
  return out;
}

/**
 * node:zlib, loaded on the first deflated entry: importing it loads Node's whole stream machinery,
 * milliseconds that a command reading a JSON network or a stored (undeflated) checkpoint does not need.
 */
function zlib(): typeof Zlib {
  return createRequire(import.meta.url)("node:zlib") as typeof Zlib;
}

/** Inflates a deflate stream that must give exactly `size` bytes, stopping one byte past it. */
function inflate(raw: Uint8Array, size: number, fault: () => InputError): Uint8Array {
  let data: Uint8Array;
  try {
    // maxOutputLength: a deflate bomb stops at the stated size plus one byte, never fills the memory
    data = zlib().inflateRawSync(raw, { maxOutputLength: size + 1 });
  } catch {
    throw fault();
  }
  if (data.length !== size) throw fault();
  return data;
}
