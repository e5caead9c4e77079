/**
 * fast == slow: every method (kd-tree, sorted 1-D, brute force) returns the same numbers, bit
 * for bit, on continuous, tie-heavy, duplicated and badly scaled data, for both metrics, strict
 * and non-strict counts, several k, with and without a Theiler window, in 1..12 dimensions.
 * Radii are taken as the k-th neighbour distances (as KSG does), so many points lie exactly on
 * the boundary of the count: this is where rounding mistakes show up.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../../src/core/random/rng.js";
import type { Matrix } from "../../../src/core/types.js";
import {
  countWithin,
  knn,
  kthNeighborDistance,
  kthNeighborDistanceTo,
} from "../../../src/core/neighbors/index.js";
import type { Metric, SearchMethod } from "../../../src/core/neighbors/types.js";

/** Bit-for-bit equality; reports the first differing row (vitest's deep equality is slow here). */
function same(got: Float64Array | Int32Array, want: Float64Array | Int32Array, what: string): void {
  let first = -1;
  if (got.length === want.length) {
    for (let i = 0; i < got.length; i++) {
      if (!Object.is(got[i], want[i])) {
        first = i;
        break;
      }
    }
  }
  const msg = got.length !== want.length ? `length ${got.length} vs ${want.length}` : first < 0 ? "" : `at ${first}: ${got[first]} vs ${want[first]}`;
  expect(msg, what).toBe("");
}

type Kind = "normal" | "ints" | "duplicates" | "offset" | "grid" | "tiny" | "huge";

function sample(kind: Kind, n: number, d: number, seed: number): Matrix {
  const rng = createRng(seed);
  const data = new Float64Array(n * d);
  if (kind === "duplicates") {
    const pool = Math.max(2, n >> 3);
    const base = new Float64Array(pool * d);
    for (let i = 0; i < base.length; i++) base[i] = rng.normal();
    for (let i = 0; i < n; i++) {
      const r = rng.int(pool);
      for (let c = 0; c < d; c++) data[i * d + c] = base[r * d + c];
    }
  } else {
    for (let i = 0; i < data.length; i++) {
      if (kind === "normal") data[i] = rng.normal();
      else if (kind === "ints") data[i] = rng.int(4) - 2; // -0 cannot appear; ties everywhere
      else if (kind === "offset") data[i] = 1000 + 0.1 * rng.int(50) + 1e-13 * rng.normal();
      else if (kind === "grid") data[i] = 0.1 * rng.int(7); // 0.1 * m: sums round, differences tie inexactly
      else if (kind === "tiny") data[i] = 1e-160 * rng.normal(); // squares underflow
      else data[i] = (rng.int(3) - 1) * 1e308 + 1e154 * rng.normal(); // differences and squares overflow
    }
  }
  return { data, rows: n, cols: d };
}

/** The fast methods to hold against brute force ("auto" resolves to one of these; see index.test.ts). */
function methodsFor(d: number): SearchMethod[] {
  return d === 1 ? ["kdtree", "sorted"] : ["kdtree"];
}

const KINDS: Kind[] = ["normal", "ints", "duplicates", "offset", "grid", "tiny", "huge"];
const METRICS: Metric[] = ["max", "euclidean"];

function check(x: Matrix, k: number, metric: Metric, exclude: number): void {
  const ref = knn(x, k, { metric, exclude, method: "brute" });
  const kth = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) kth[i] = ref.distances[i * k + k - 1];
  same(kthNeighborDistance(x, k, { metric, exclude, method: "brute" }), kth, "kthNeighborDistance");
  const countsRef = [true, false].map((strict) => countWithin(x, kth, strict, { metric, exclude, method: "brute" }));
  for (const method of methodsFor(x.cols)) {
    const o = { metric, exclude, method };
    const got = knn(x, k, o);
    same(got.distances, ref.distances, "got.distances");
    same(got.indices, ref.indices, "got.indices");
    same(kthNeighborDistance(x, k, o), kth, "kthNeighborDistance");
    same(countWithin(x, kth, true, o), countsRef[0], "countWithin");
    same(countWithin(x, kth, false, o), countsRef[1], "countWithin");
  }
}

describe("neighbour search: kd-tree == sorted == brute force", () => {
  for (const kind of KINDS) {
    for (const metric of METRICS) {
      it(`${kind} data, ${metric} metric, d = 1..12, k = 1, 3, 7, exclude 0 and 3`, () => {
        for (let d = 1; d <= 12; d++) {
          const x = sample(kind, 90 + 5 * d, d, 1000 * d + kind.length);
          for (const k of [1, 3, 7]) for (const exclude of [0, 3]) check(x, k, metric, exclude);
        }
      });
    }
  }

  it("deeper trees (n = 1200) in 1, 2, 4 and 7 dimensions", () => {
    for (const d of [1, 2, 4, 7]) {
      const x = sample(d % 2 === 0 ? "normal" : "ints", 1200, d, 7 + d);
      check(x, 4, "max", 0);
      check(x, 5, "euclidean", 2);
    }
  });

  it("k equal to the number of eligible neighbours, and a window covering most rows", () => {
    for (const d of [1, 3]) {
      const x = sample("ints", 40, d, 3);
      check(x, 39, "max", 0);
      check(x, 39, "euclidean", 0);
      check(x, 40 - 31, "max", 15);
    }
  });

  it("random radii (zero, negative, infinite included) give the same counts", () => {
    const rng = createRng(11);
    for (const d of [1, 2, 5]) {
      for (const kind of ["normal", "ints", "grid"] as Kind[]) {
        const x = sample(kind, 400, d, 20 + d);
        const radii = new Float64Array(x.rows);
        for (let i = 0; i < radii.length; i++) {
          const u = rng.float64();
          radii[i] = u < 0.05 ? 0 : u < 0.08 ? -1 : u < 0.1 ? Infinity : kind === "normal" ? 2 * u : 0.1 * rng.int(20);
        }
        for (const metric of METRICS) {
          for (const strict of [true, false]) {
            for (const exclude of [0, 5]) {
              const ref = countWithin(x, radii, strict, { metric, exclude, method: "brute" });
              for (const method of methodsFor(d)) {
                same(countWithin(x, radii, strict, { metric, exclude, method }), ref, "countWithin");
              }
            }
          }
        }
      }
    }
  });

  it("kthNeighborDistanceTo: every method equals brute force", () => {
    for (const d of [1, 2, 3, 8]) {
      for (const kind of KINDS) {
        const q = sample(kind, 120, d, 50 + d);
        const r = sample(kind, 300, d, 60 + d);
        for (const metric of METRICS) {
          // k = every reference row only for two kinds (the insertion buffer makes it O(k^2) per row).
          for (const k of kind === "ints" || kind === "normal" ? [1, 4, 300] : [1, 4]) {
            const ref = kthNeighborDistanceTo(q, r, k, { metric, method: "brute" });
            for (const method of methodsFor(d)) {
              same(kthNeighborDistanceTo(q, r, k, { metric, method }), ref, "kthNeighborDistanceTo");
            }
          }
        }
      }
    }
  });
});
