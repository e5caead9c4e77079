/**
 * Writes a NumPy .npy file by hand (test helper): magic, version, little-endian header length,
 * the header dict padded with spaces to a multiple of 64 bytes and ended by "\n", then the raw
 * values in storage order (`values` are already in C or Fortran order as `fortran` says).
 */
export function npyBytes(
  descr: string,
  shape: readonly number[],
  values: ArrayLike<number | bigint>,
  opts: { fortran?: boolean; version?: 1 | 2 | 3; headerExtra?: string } = {},
): Uint8Array {
  const version = opts.version ?? 1;
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let dict = `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? "True" : "False"}, 'shape': ${shapeText}, ${opts.headerExtra ?? ""}}`;
  const pre = version === 1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - pre - 1, " ") + "\n";
  const header = new TextEncoder().encode(dict);
  const order = descr[0];
  const little = order !== ">";
  const code = descr.slice(1);
  const size = Number(code.slice(1));
  const out = new Uint8Array(pre + header.length + values.length * size);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(header, pre);
  let o = pre + header.length;
  for (let i = 0; i < values.length; i++, o += size) {
    const v = values[i];
    switch (code) {
      case "f8": view.setFloat64(o, Number(v), little); break;
      case "f4": view.setFloat32(o, Number(v), little); break;
      case "f2": view.setUint16(o, Number(v), little); break; // raw half bits
      case "i1": view.setInt8(o, Number(v)); break;
      case "u1": case "b1": view.setUint8(o, Number(v)); break;
      case "i2": view.setInt16(o, Number(v), little); break;
      case "u2": view.setUint16(o, Number(v), little); break;
      case "i4": view.setInt32(o, Number(v), little); break;
      case "u4": view.setUint32(o, Number(v), little); break;
      case "i8": view.setBigInt64(o, BigInt(v), little); break;
      case "u8": view.setBigUint64(o, BigInt(v), little); break;
      default: throw new Error(`npyBytes: unsupported ${descr}`);
    }
  }
  return out;
}
