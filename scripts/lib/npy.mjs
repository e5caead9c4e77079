// Shared by the benchmark scripts that hand data to the Python peers.
import { Buffer } from "node:buffer";

/** A float64 .npy file (format 1.0) for a rows x cols row-major matrix { data, rows, cols }. */
export function npy(m) {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${m.rows}, ${m.cols}), }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const head = Buffer.alloc(10);
  head.write("\x93NUMPY", 0, "latin1");
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  return Buffer.concat([head, Buffer.from(header, "latin1"), Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength)]);
}
