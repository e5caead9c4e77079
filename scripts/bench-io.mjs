#!/usr/bin/env node
// CSV reading speed and memory: streaming reader (readCsvStream) against the in-memory parser
// (parseCsv), on a generated numeric CSV of n rows x d columns.
//
//   npm run build && node scripts/bench-io.mjs [--rows 1000000] [--cols 4] [--sync] [--dist ../dist]
//
// Prints rows/s and peak RSS (each mode runs in a fresh process: run once per mode).
import { readFileSync, writeFileSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { URL, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { setInterval, clearInterval } from "node:timers";
import { flag } from "./lib/flag.mjs";

const args = process.argv.slice(2);
const opt = flag;
const rows = Number(opt("rows", "1000000"));
const cols = Number(opt("cols", "4"));
const dist = resolve(opt("dist", new URL("../dist", import.meta.url).pathname));
const sync = args.includes("--sync");

const dir = mkdtempSync(join(tmpdir(), "minfo-bench-io-"));
const path = join(dir, "data.csv");
{
  // Deterministic values with 6-7 significant digits, like typical exported data.
  const parts = [Array.from({ length: cols }, (_, j) => `x${j}`).join(",") + "\n"];
  let s = 12345;
  for (let i = 0; i < rows; i++) {
    const r = [];
    for (let j = 0; j < cols; j++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      r.push(((s / 2147483648) * 200 - 100).toFixed(4));
    }
    parts.push(r.join(",") + "\n");
    if (parts.length >= 100000) {
      writeFileSync(path, parts.join(""), { flag: "a" });
      parts.length = 0;
    }
  }
  writeFileSync(path, parts.join(""), { flag: "a" });
}
const bytes = statSync(path).size;
let peak = 0;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const t0 = performance.now();
let table;
if (sync) {
  const { parseCsv } = await import(pathToFileURL(join(dist, "io/parseCsv.js")).href);
  table = parseCsv(readFileSync(path), { source: path });
} else {
  const { readCsvStream } = await import(pathToFileURL(join(dist, "node/readTable.js")).href);
  table = await readCsvStream(path);
}
const secs = (performance.now() - t0) / 1000;
peak = Math.max(peak, process.memoryUsage().rss);
clearInterval(timer);
rmSync(dir, { recursive: true, force: true });
console.log(
  `${sync ? "parseCsv (sync)" : "readCsvStream"}: ${rows} rows x ${cols} cols (${(bytes / 2 ** 20).toFixed(1)} MiB) in ${secs.toFixed(2)} s` +
    ` = ${(rows / secs / 1e6).toFixed(2)} M rows/s, ${(bytes / 2 ** 20 / secs).toFixed(1)} MiB/s; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB; rows read ${table.rows}`,
);
