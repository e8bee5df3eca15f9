export type { Table, TableFormat } from "./formatTable.js";
export { formatTable, parseTableFormat, TABLE_FORMATS } from "./formatTable.js";
export { renderVegaLite } from "./renderSvg.js";
