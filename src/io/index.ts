/**
 * Isomorphic input layer: parse CSV/TSV, NumPy .npy, Arrow IPC, Parquet and JSON from bytes into
 * a `Table`, select columns, and turn them into a numeric `Matrix`. No Node built-ins here; file
 * access lives in `minfo/node` (`readTable`, `readCsvStream`).
 */
export type { Column, NumericColumn, Table, TableFormat, TextColumn } from "./table.js";
export { parseCsv } from "./parseCsv.js";
export { detectDelimiter, type CsvDelimiter, type CsvOptions } from "./csvOptions.js";
export { CsvTableBuilder, type CsvBuilderOptions } from "./csvTableBuilder.js";
export { parseNpy, type NpyOptions } from "./parseNpy.js";
export { parseArrowIpc, type ArrowOptions } from "./parseArrowIpc.js";
export { parseParquet, type ParquetOptions } from "./parseParquet.js";
export { parseJson, type JsonOptions } from "./parseJson.js";
export { parseColumnSpec } from "./parseColumnSpec.js";
export { numericMatrix, missingSummary, type MissingSummary, type NumericMatrixOptions } from "./numericMatrix.js";
export { parseNumberStrict } from "./parseNumber.js";
