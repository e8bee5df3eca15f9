import { InputError } from "../errors.js";
import { TABLE_FORMATS, type TableFormat } from "./table.js";

/**
 * Parses a table format name.
 *
 * @param text - `md`, `csv`, `json` or `tex`
 * @returns the format
 * @throws InputError when `text` is none of them
 * @example parseTableFormat("csv") // returns "csv"
 */
export function parseTableFormat(text: string): TableFormat {
  if ((TABLE_FORMATS as readonly string[]).includes(text)) return text as TableFormat;
  throw new InputError({ field: "format", expected: `one of ${TABLE_FORMATS.join(", ")}`, value: text });
}
