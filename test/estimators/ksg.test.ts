import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { matrix } from "../../src/core/data/matrix.js";
import type { Matrix } from "../../src/core/types.js";
import { ksg } from "../../src/estimators/ksg.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "..", "fixtures", "ksg");

interface RefEntry {
  file: string;
  dim_x: number;
  dim_y: number;
  n: number;
  ksg1: Record<string, number>;
  ksg2: Record<string, number>;
}

/** Minimal CSV reader for the fixtures (header line, comma-separated numbers). */
function readCsv(file: string, dimX: number, dimY: number): { x: Matrix; y: Matrix } {
  const lines = readFileSync(join(fixtures, file), "utf8").trim().split(/\r?\n/).slice(1);
  const n = lines.length;
  const x = new Float64Array(n * dimX);
  const y = new Float64Array(n * dimY);
  lines.forEach((line, i) => {
    const v = line.split(",").map(Number);
    for (let j = 0; j < dimX; j++) x[i * dimX + j] = v[j];
    for (let j = 0; j < dimY; j++) y[i * dimY + j] = v[dimX + j];
  });
  return { x: matrix(x, n, dimX), y: matrix(y, n, dimY) };
}

const reference = JSON.parse(readFileSync(join(fixtures, "ksg-reference.json"), "utf8")) as RefEntry[];

describe("ksg: parity with scipy cKDTree reference (scripts/fixtures/ksg_reference.py)", () => {
  for (const entry of reference) {
    const { x, y } = readCsv(entry.file, entry.dim_x, entry.dim_y);
    for (const algorithm of [1, 2] as const) {
      const table = algorithm === 1 ? entry.ksg1 : entry.ksg2;
      for (const k of [1, 3, 5, 10]) {
        it(`${entry.file} ksg-${algorithm} k=${k}`, () => {
          const r = ksg({ algorithm, k, jitter: 0 }).estimate(x, y);
          expect(Math.abs(r.value - table[String(k)])).toBeLessThan(1e-9);
        });
      }
    }
  }
});
