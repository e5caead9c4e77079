/**
 * The public neighbour-search API: known values on small hand-checked inputs, every throw site,
 * n = 0 / 1, and fast-check properties (every method equals brute force on arbitrary small
 * samples, tie-heavy ones included; kNN distances ascend; counts match the kNN distances).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, NonFiniteValueError, ShapeMismatchError } from "../../../src/core/errors.js";
import { countWithin, knn, kthNeighborDistance, kthNeighborDistanceTo } from "../../../src/core/neighbors/index.js";
import { selectMethod } from "../../../src/core/neighbors/select.js";
import type { Metric, SearchMethod } from "../../../src/core/neighbors/types.js";
import type { Matrix } from "../../../src/core/types.js";

const col = (...v: number[]): Matrix => ({ data: Float64Array.from(v), rows: v.length, cols: 1 });
const rows = (r: number[][]): Matrix => ({ data: Float64Array.from(r.flat()), rows: r.length, cols: r[0]?.length ?? 0 });
const ALL: SearchMethod[] = ["auto", "brute", "kdtree"];

describe("known values", () => {
  it("1-D kNN, ascending, ties by smaller index", () => {
    const x = col(0, 1, 3, 6, 10, 1);
    for (const method of [...ALL, "sorted"] as SearchMethod[]) {
      const r = knn(x, 2, { metric: "max", method });
      // row 0: rows 1 and 5 both at distance 1 -> index 1 first.
      expect(Array.from(r.indices.subarray(0, 2))).toEqual([1, 5]);
      expect(Array.from(r.distances.subarray(0, 2))).toEqual([1, 1]);
      // row 1: row 5 at distance 0, then row 0 at 1.
      expect(Array.from(r.indices.subarray(2, 4))).toEqual([5, 0]);
      expect(Array.from(r.distances.subarray(2, 4))).toEqual([0, 1]);
    }
  });

  it("max-norm and Euclidean distances of a 3-4-5 triangle", () => {
    const x = rows([[0, 0], [3, 4], [30, 40]]);
    for (const method of ALL) {
      expect(Array.from(kthNeighborDistance(x, 1, { metric: "max", method }))).toEqual([4, 4, 36]);
      expect(Array.from(kthNeighborDistance(x, 1, { metric: "euclidean", method }))).toEqual([5, 5, 45]);
      expect(Array.from(kthNeighborDistance(x, 2, { metric: "euclidean", method }))).toEqual([50, 45, 50]);
    }
  });

  it("strict and non-strict counts at a radius equal to a distance", () => {
    const x = col(0, 1, 2, 4);
    const r = Float64Array.from([1, 1, 2, 2]);
    for (const method of [...ALL, "sorted"] as SearchMethod[]) {
      expect(Array.from(countWithin(x, r, true, { metric: "max", method }))).toEqual([0, 0, 1, 0]);
      expect(Array.from(countWithin(x, r, false, { metric: "max", method }))).toEqual([1, 2, 3, 1]);
    }
  });

  it("boundary rounding: |a_j - a_i| vs r where a_i + r rounds (0.1 steps)", () => {
    // 0.1 * m is not exact; a_i + r and a_j differ by rounding, |a_j - a_i| is what counts.
    const v = Array.from({ length: 60 }, (_, m) => 0.1 * m);
    const x = col(...v);
    const r = new Float64Array(60).fill(0.30000000000000004);
    const want = countWithin(x, r, false, { metric: "max", method: "brute" });
    for (const method of ["sorted", "kdtree", "auto"] as SearchMethod[]) {
      expect(countWithin(x, r, false, { metric: "max", method })).toEqual(want);
      expect(countWithin(x, r, true, { metric: "max", method })).toEqual(countWithin(x, r, true, { metric: "max", method: "brute" }));
    }
  });

  it("Theiler window excludes |i - j| <= w", () => {
    const x = col(0, 1, 2, 3, 4, 5);
    for (const method of [...ALL, "sorted"] as SearchMethod[]) {
      const r = knn(x, 1, { metric: "max", exclude: 2, method });
      expect(Array.from(r.indices)).toEqual([3, 4, 5, 0, 1, 2]);
      expect(Array.from(r.distances)).toEqual([3, 3, 3, 3, 3, 3]);
      const c = countWithin(x, new Float64Array(6).fill(3), false, { metric: "max", exclude: 2, method });
      expect(Array.from(c)).toEqual([1, 1, 1, 1, 1, 1]);
    }
  });

  it("kthNeighborDistanceTo does not exclude equal rows", () => {
    const q = col(0, 5);
    const ref = col(0, 1, 2);
    for (const method of [...ALL, "sorted"] as SearchMethod[]) {
      expect(Array.from(kthNeighborDistanceTo(q, ref, 1, { metric: "max", method }))).toEqual([0, 3]);
      expect(Array.from(kthNeighborDistanceTo(q, ref, 3, { metric: "euclidean", method }))).toEqual([2, 5]);
    }
  });
});

describe("edge cases and errors", () => {
  it("n = 0 gives empty results; n = 1 counts are zero and kNN throws", () => {
    const empty: Matrix = { data: new Float64Array(0), rows: 0, cols: 2 };
    expect(knn(empty, 1, { metric: "max" }).distances.length).toBe(0);
    expect(kthNeighborDistance(empty, 3, { metric: "max" }).length).toBe(0);
    expect(countWithin(empty, new Float64Array(0), true, { metric: "max" }).length).toBe(0);
    expect(kthNeighborDistanceTo(empty, col(1, 2), 1, { metric: "max" }).length).toBe(0);
    const one = col(4);
    expect(Array.from(countWithin(one, Float64Array.of(1), false, { metric: "max" }))).toEqual([0]);
    expect(() => knn(one, 1, { metric: "max" })).toThrow(InvalidArgumentError);
    expect(() => knn(one, 1, { metric: "max" })).toThrow("knn: k must be an integer in [1, 0] (n = 1); got 1.");
  });

  it("k beyond the eligible neighbours throws, naming k and n", () => {
    const x = col(1, 2, 3, 4, 5);
    for (const method of [...ALL, "sorted"] as SearchMethod[]) {
      expect(() => knn(x, 5, { metric: "max", method })).toThrow("knn: k must be an integer in [1, 4] (n = 5); got 5.");
      expect(() => kthNeighborDistance(x, 0, { metric: "max", method })).toThrow(InvalidArgumentError);
      expect(() => kthNeighborDistance(x, 1.5, { metric: "max", method })).toThrow(/k must be an integer/);
      expect(() => knn(x, 3, { metric: "max", exclude: 1, method })).toThrow(
        "knn: k must be an integer in [1, 2] (n = 5, exclude = 1: every row keeps at least n - min(n, 2 * exclude + 1) = 2 neighbours); got 3.",
      );
      expect(() => kthNeighborDistanceTo(x, col(1, 2), 3, { metric: "max", method })).toThrow(
        "kthNeighborDistanceTo: k must be an integer in [1, 2] (reference n = 2); got 3.",
      );
    }
  });

  it("invalid options, shapes and values throw typed errors", () => {
    const x = rows([[1, 2], [3, 4], [5, 6]]);
    expect(() => knn(x, 1, { metric: "l1" as Metric })).toThrow('knn: metric must be "max" or "euclidean"; got "l1".');
    expect(() => knn(x, 1, { metric: "max", exclude: -1 })).toThrow("knn: exclude must be an integer >= 0; got -1.");
    expect(() => knn(x, 1, { metric: "max", method: "ball" as SearchMethod })).toThrow(/method must be one of/);
    expect(() => knn(x, 1, { metric: "max", method: "sorted" })).toThrow('knn: method "sorted" needs 1-column data; got 2 columns.');
    expect(() => knn(x, 1, null as unknown as { metric: Metric })).toThrow(InvalidArgumentError);
    expect(() => knn({ data: new Float64Array(5), rows: 3, cols: 2 }, 1, { metric: "max" })).toThrow(ShapeMismatchError);
    expect(() => knn({ data: [1, 2] as unknown as Float64Array, rows: 2, cols: 1 }, 1, { metric: "max" })).toThrow(InvalidArgumentError);
    expect(() => knn({ data: new Float64Array(0), rows: 2, cols: 0 }, 1, { metric: "max" })).toThrow(/at least one column/);
    expect(() => knn(rows([[1, 2], [NaN, 4]]), 1, { metric: "max" })).toThrow(NonFiniteValueError);
    expect(() => countWithin(x, new Float64Array(2), true, { metric: "max" })).toThrow(ShapeMismatchError);
    expect(() => countWithin(x, Float64Array.of(1, NaN, 1), true, { metric: "max" })).toThrow("countWithin: radii must not contain NaN; row 1 is NaN.");
    expect(() => countWithin(x, new Float64Array(3), 1 as unknown as boolean, { metric: "max" })).toThrow(/strict must be a boolean/);
    expect(() => kthNeighborDistanceTo(col(1, 2), x, 1, { metric: "max" })).toThrow(ShapeMismatchError);
  });

  it("auto picks sorted for one column, brute for tiny n, kdtree in low dimension", () => {
    expect(selectMethod("auto", 1000, 1, "knn")).toBe("sorted");
    expect(selectMethod("auto", 100, 3, "knn")).toBe("brute");
    expect(selectMethod("auto", 10000, 20, "count")).toBe("brute");
    expect(selectMethod("auto", 10000, 20, "knn")).toBe("kdtree");
    expect(selectMethod("auto", 10000, 4, "count")).toBe("kdtree");
    expect(selectMethod("auto", 10000, 40, "knn")).toBe("brute");
    expect(selectMethod("brute", 10000, 1, "knn")).toBe("brute");
  });
});

describe("properties (fast-check)", () => {
  // Small integer coordinates: many exact ties and duplicate rows; doubles: generic positions.
  const sampleArb = fc
    .record({
      n: fc.integer({ min: 2, max: 40 }),
      d: fc.integer({ min: 1, max: 5 }),
      ints: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1e9 }),
    })
    .map(({ n, d, ints, seed }) => {
      let s = seed | 1;
      const next = () => {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        return ((s >>> 8) & 0xffff) / 65536;
      };
      const data = new Float64Array(n * d);
      for (let i = 0; i < data.length; i++) data[i] = ints ? Math.floor(next() * 4) : next() * 10 - 5;
      return { data, rows: n, cols: d } as Matrix;
    });

  it("every method equals brute force (kNN, k-th distance, counts)", () => {
    fc.assert(
      fc.property(
        sampleArb,
        fc.constantFrom<Metric>("max", "euclidean"),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (x, metric, exclude, kWant) => {
          const eligible = x.rows - Math.min(x.rows, 2 * exclude + 1);
          if (eligible < 1) return;
          const k = Math.min(kWant, eligible);
          const ref = knn(x, k, { metric, exclude, method: "brute" });
          const kth = new Float64Array(x.rows);
          for (let i = 0; i < x.rows; i++) kth[i] = ref.distances[i * k + k - 1];
          const methods: SearchMethod[] = x.cols === 1 ? ["kdtree", "sorted"] : ["kdtree"];
          for (const method of methods) {
            const o = { metric, exclude, method };
            const got = knn(x, k, o);
            expect(got.distances).toEqual(ref.distances);
            expect(got.indices).toEqual(ref.indices);
            expect(kthNeighborDistance(x, k, o)).toEqual(kth);
            for (const strict of [true, false]) {
              expect(countWithin(x, kth, strict, o)).toEqual(countWithin(x, kth, strict, { metric, exclude, method: "brute" }));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("kNN rows ascend; non-strict counts at the k-th distance are >= k, strict ones < k", () => {
    fc.assert(
      fc.property(sampleArb, fc.constantFrom<Metric>("max", "euclidean"), (x, metric) => {
        const k = Math.min(3, x.rows - 1);
        const r = knn(x, k, { metric });
        const kth = kthNeighborDistance(x, k, { metric });
        const le = countWithin(x, kth, false, { metric });
        const lt = countWithin(x, kth, true, { metric });
        for (let i = 0; i < x.rows; i++) {
          for (let m = 1; m < k; m++) expect(r.distances[i * k + m]).toBeGreaterThanOrEqual(r.distances[i * k + m - 1]);
          expect(le[i]).toBeGreaterThanOrEqual(k);
          expect(lt[i]).toBeLessThan(k);
        }
      }),
      { numRuns: 100 },
    );
  });
});
