import { InvalidArgumentError, ParseError } from "../core/errors.js";
import { missingFields, sourcePrefix, type Column, type Table } from "./table.js";

export interface NpyOptions {
  /** Name of the file, used in error messages and kept as `table.source`. */
  readonly source?: string;
}

type Reader = (view: DataView, offset: number, little: boolean) => number;

function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f === 0 ? s * Infinity : NaN;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}

const READERS: Readonly<Record<string, { size: number; read: Reader }>> = {
  f2: { size: 2, read: (v, o, l) => halfToNumber(v.getUint16(o, l)) },
  f4: { size: 4, read: (v, o, l) => v.getFloat32(o, l) },
  f8: { size: 8, read: (v, o, l) => v.getFloat64(o, l) },
  i1: { size: 1, read: (v, o) => v.getInt8(o) },
  i2: { size: 2, read: (v, o, l) => v.getInt16(o, l) },
  i4: { size: 4, read: (v, o, l) => v.getInt32(o, l) },
  i8: { size: 8, read: (v, o, l) => Number(v.getBigInt64(o, l)) },
  u1: { size: 1, read: (v, o) => v.getUint8(o) },
  u2: { size: 2, read: (v, o, l) => v.getUint16(o, l) },
  u4: { size: 4, read: (v, o, l) => v.getUint32(o, l) },
  u8: { size: 8, read: (v, o, l) => Number(v.getBigUint64(o, l)) },
  b1: { size: 1, read: (v, o) => (v.getUint8(o) === 0 ? 0 : 1) },
};

/**
 * Parses a NumPy `.npy` file (format versions 1.0, 2.0 and 3.0) holding a 1-D or 2-D array of
 * numbers: float16/32/64, (u)int8/16/32/64 and bool, little- or big-endian, C or Fortran order.
 * A 1-D array of length n is one column; an n x d array is d columns. Columns are named "0",
 * "1", ... NaN values are marked missing; +-Infinity are kept (numericMatrix rejects them).
 * int64/uint64 values beyond 2^53 are rounded to the nearest double.
 *
 * @throws ParseError for a bad magic string or header, an unsupported dtype (structured,
 *   complex, strings, objects), 0-D or >2-D shapes, or a file shorter than its header says.
 */
export function parseNpy(bytes: Uint8Array, options: NpyOptions = {}): Table {
  const source = options.source;
  const p = sourcePrefix(source);
  const fail = (msg: string): never => {
    throw new ParseError(`${p}${msg}`, { file: source });
  };
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError(`parseNpy: bytes must be a Uint8Array; got ${typeof bytes}.`, "bytes");
  }
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (bytes.length < 10 || magic.some((b, i) => bytes[i] !== b)) fail("not a NumPy .npy file (missing the \\x93NUMPY magic string).");
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerStart: number;
  let headerLen: number;
  if (major === 1) {
    headerStart = 10;
    headerLen = view.getUint16(8, true);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail("truncated .npy header.");
    headerStart = 12;
    headerLen = view.getUint32(8, true);
  } else {
    return fail(`unsupported .npy format version ${major}.${bytes[7]}; expected 1.0, 2.0 or 3.0.`);
  }
  if (headerStart + headerLen > bytes.length) fail("truncated .npy header.");
  const headerBytes = bytes.subarray(headerStart, headerStart + headerLen);
  let header = "";
  if (major === 3) header = new TextDecoder().decode(headerBytes);
  else for (let i = 0; i < headerBytes.length; i++) header += String.fromCharCode(headerBytes[i]);

  const descrM = /['"]descr['"]\s*:\s*['"]([<>|=]?)([a-zA-Z]\d*)['"]/.exec(header);
  const fortranM = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header);
  const shapeM = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descrM) {
    const d = /['"]descr['"]\s*:\s*(\[[^\]]*\]?|\S+)/.exec(header);
    return fail(`unsupported dtype ${d ? d[1] : "(none)"}; expected a numeric dtype such as '<f8', '<f4', '<i8', '|u1' or '|b1'.`);
  }
  if (!fortranM || !shapeM) return fail(`malformed .npy header ${JSON.stringify(header.trim())}.`);
  const order = descrM[1];
  const code = descrM[2];
  const reader = READERS[code];
  if (!reader) {
    return fail(`unsupported dtype '${order}${code}'; expected a numeric dtype such as '<f8', '<f4', '<i8', '|u1' or '|b1'.`);
  }
  const little = order !== ">"; // "|" (single byte), "<" and "=" (native, little on every supported host)
  const fortran = fortranM[1] === "True";
  const dims = shapeM[1]
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => Number(s.replace(/L$/, "")));
  if (dims.some((k) => !Number.isInteger(k) || k < 0)) return fail(`malformed shape (${shapeM[1]}).`);
  if (dims.length === 0 || dims.length > 2) {
    return fail(`expected a 1-D or 2-D array; got shape (${dims.join(", ")}${dims.length === 1 ? "," : ""}).`);
  }
  const n = dims[0];
  const d = dims.length === 2 ? dims[1] : 1;
  if (n === 0 || d === 0) return fail(`the array is empty (shape (${dims.join(", ")})).`);
  const dataStart = headerStart + headerLen;
  const need = n * d * reader.size;
  if (bytes.length - dataStart < need) {
    return fail(`truncated data: the header promises ${need} bytes for shape (${dims.join(", ")}) of '${order}${code}'; got ${bytes.length - dataStart}.`);
  }
  const columns: Column[] = [];
  const size = reader.size;
  for (let j = 0; j < d; j++) {
    const values = new Float64Array(n);
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const k = fortran ? j * n + i : i * d + j;
      const v = reader.read(view, dataStart + k * size, little);
      if (v !== v) mask[i] = 1;
      values[i] = v;
    }
    columns.push({ kind: "numeric", name: String(j), values, ...missingFields(mask) });
  }
  const table: Table = { names: columns.map((c) => c.name), columns, rows: n, format: "npy" };
  return source === undefined ? table : { ...table, source };
}
