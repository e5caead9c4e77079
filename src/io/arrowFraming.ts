import { ParseError } from "../core/errors.js";

/**
 * A structural check of Arrow IPC bytes before they reach apache-arrow's reader, which can loop
 * forever on some corrupted inputs (measured with apache-arrow 21.2: a record-batch block in the
 * file footer that points at a message of another type never returns). It walks only the framing,
 * from the Arrow columnar format spec (IPC section): the file magic and footer, the footer's
 * dictionary/record-batch blocks (each must point inside the file at a message of the right type),
 * and for the stream format the message sequence (a Schema first, then dictionary or record
 * batches, each inside the bytes). Flatbuffer reads are bounds-checked. Nothing is decoded.
 *
 * @throws ParseError describing the first inconsistency.
 */
export function checkArrowFraming(bytes: Uint8Array, prefix: string, source: string | undefined): void {
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (what: string): never => {
    throw new ParseError(`${prefix}not a readable Arrow IPC file or stream (${what}).`, { file: source });
  };
  const need = (pos: number, size: number) => {
    if (!(pos >= 0 && pos + size <= n)) bad(`offset ${pos} is outside the ${n} bytes`);
  };
  const u8 = (p: number) => (need(p, 1), view.getUint8(p));
  const u16 = (p: number) => (need(p, 2), view.getUint16(p, true));
  const i32 = (p: number) => (need(p, 4), view.getInt32(p, true));
  const u32 = (p: number) => (need(p, 4), view.getUint32(p, true));
  const i64 = (p: number) => {
    need(p, 8);
    const v = view.getBigInt64(p, true);
    if (v < 0n || v > BigInt(n)) bad(`a length of ${v} bytes in ${n} bytes`);
    return Number(v);
  };
  /** Absolute position of field `f` of the flatbuffer table at `table`, or 0 when absent. */
  const field = (table: number, f: number): number => {
    const vt = table - i32(table);
    const size = u16(vt);
    if (4 + 2 * f + 2 > size) return 0;
    const off = u16(vt + 4 + 2 * f);
    return off === 0 ? 0 : table + off;
  };
  /** The message at `pos`: header type, and where the next one starts; undefined at end-of-stream. */
  const message = (pos: number): { type: number; next: number } | undefined => {
    let len = i32(pos);
    let meta = pos + 4;
    if (len === -1) {
      len = i32(pos + 4);
      meta = pos + 8;
    }
    if (len === 0) return undefined;
    if (len < 0) bad(`a message of ${len} bytes`);
    need(meta, len);
    const table = meta + u32(meta);
    const tp = field(table, 1);
    const type = tp === 0 ? 0 : u8(tp);
    const bp = field(table, 3);
    const body = bp === 0 ? 0 : i64(bp);
    const next = meta + len + body;
    if (next > n) bad(`a message body of ${body} bytes past the end`);
    return { type, next };
  };
  const isFile = n >= 12 && magicAt(bytes, 0);
  if (!isFile) {
    // Stream format: Schema, then dictionary/record batches, until end-of-stream or the end.
    let pos = 0;
    let first = true;
    while (pos + 4 <= n) {
      const m = message(pos);
      if (!m) break;
      if (first ? m.type !== 1 : m.type !== 2 && m.type !== 3) bad(`a message of type ${m.type} where ${first ? "a Schema (1)" : "a batch (2 or 3)"} belongs`);
      first = false;
      pos = m.next;
    }
    return;
  }
  if (!magicAt(bytes, n - 6)) bad("the file does not end with the ARROW1 magic");
  const footerLen = i32(n - 10);
  const footer = n - 10 - footerLen;
  if (footerLen <= 0 || footer < 8) bad(`a footer of ${footerLen} bytes`);
  const root = footer + u32(footer);
  for (const [f, type] of [
    [2, 2],
    [3, 3],
  ] as const) {
    const vp = field(root, f);
    if (vp === 0) continue;
    const vec = vp + u32(vp);
    const count = u32(vec);
    need(vec + 4, count * 24);
    for (let b = 0; b < count; b++) {
      const at = vec + 4 + 24 * b;
      const offset = i64(at);
      const metaLen = i32(at + 8);
      const bodyLen = i64(at + 16);
      if (metaLen <= 0 || offset + metaLen + bodyLen > n) bad(`block ${b} lies outside the file`);
      const m = message(offset);
      if (!m || m.type !== type) bad(`block ${b} points at a message of type ${m ? m.type : "end-of-stream"}, expected ${type}`);
    }
  }
}

function magicAt(b: Uint8Array, at: number): boolean {
  // "ARROW1"
  return b[at] === 65 && b[at + 1] === 82 && b[at + 2] === 82 && b[at + 3] === 79 && b[at + 4] === 87 && b[at + 5] === 49;
}
