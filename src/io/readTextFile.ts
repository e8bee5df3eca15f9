import { type ReadFileOptions, readBinaryFile } from "./readBinaryFile.js";

/**
 * Reads a UTF-8 file, turning "no such file" and the like into one clear
 * PathError. The size is checked before anything is read, so a huge file is
 * refused at once instead of filling the memory.
 *
 * @param path - the file to read
 * @param options - the size limit
 * @returns its text
 * @throws PathError when the file cannot be read (missing, a directory, no permission) or is larger than the limit
 * @example readTextFile("examples/net.json").startsWith("{")
 * // returns true
 */
export function readTextFile(path: string, options: ReadFileOptions = {}): string {
  // ignoreBOM keeps a leading BOM in the text, as fs.readFileSync(path, "utf8") does.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(readBinaryFile(path, options));
}
