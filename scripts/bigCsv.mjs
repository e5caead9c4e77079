#!/usr/bin/env node
// Writes a large 2-column CSV of a bivariate normal pair (rho = 0.6, true MI = -0.5 ln(1 - rho^2)
// = 0.2231 nats) for the large-input measurements in docs/benchmarks.md.
// Usage: node scripts/bigCsv.mjs ROWS OUT.csv   (write it under /tmp; never commit it)
import { createWriteStream } from "node:fs";

const rows = Number(process.argv[2]);
const out = process.argv[3];
if (!Number.isInteger(rows) || rows < 1 || !out) {
  console.error("usage: node scripts/bigCsv.mjs ROWS OUT.csv");
  process.exit(2);
}
const rho = 0.6;
const c = Math.sqrt(1 - rho * rho);
// mulberry32 (seeded, no Math.random); two draws give a 53-bit uniform in (0, 1).
let state = 0x9e3779b9 | 0;
function u32() {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
const uniform = () => ((u32() >>> 5) * 67108864 + (u32() >>> 6) + 0.5) / 9007199254740992;
const ws = createWriteStream(out);
ws.write("x,y\n");
const CHUNK = 10000;
let i = 0;
function pump() {
  while (i < rows) {
    let s = "";
    const end = Math.min(rows, i + CHUNK);
    for (; i < end; i++) {
      const r = Math.sqrt(-2 * Math.log(uniform()));
      const t = 2 * Math.PI * uniform();
      const a = r * Math.cos(t);
      const b = r * Math.sin(t);
      s += `${a.toPrecision(9)},${(rho * a + c * b).toPrecision(9)}\n`;
    }
    if (!ws.write(s)) {
      ws.once("drain", pump);
      return;
    }
  }
  ws.end();
}
pump();
