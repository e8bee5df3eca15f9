export type { Table, TableFormat } from "./table.js";
export { TABLE_FORMATS } from "./table.js";
export { formatTable } from "./formatTable.js";
export { parseTableFormat } from "./parseTableFormat.js";
