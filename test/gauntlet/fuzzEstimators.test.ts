/**
 * fast-check over every registered estimator: random shapes and values (NaN, +-Infinity, huge,
 * tiny, ties, constants), random option values, passed as a Matrix or as rows. Every call ends in
 * a typed error or a finite value, and never changes its inputs.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { matrix } from "../../src/core/data/matrix.js";
import { entryPoints, verdict } from "./harness.js";

const SCALE = Number(process.env.FUZZ_SCALE ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const SEED = Number(process.env.FUZZ_SEED ?? "20261130");
const EPS = entryPoints();

const cell = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -1e308, 5e-324, -0, 1e-300, 2 ** 53) },
  { weight: 1, arbitrary: fc.double() },
);

/** An entry point, a shared row count, one block per argument, options and the input form. */
const call = fc
  .record({
    ep: fc.integer({ min: 0, max: EPS.length - 1 }),
    rows: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 9, max: 40 })),
    cols: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    rowDelta: fc.array(fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -2, max: 2 }) }), { minLength: 3, maxLength: 3 }),
    asRows: fc.boolean(),
    k: fc.option(fc.oneof(fc.integer({ min: -2, max: 50 }), fc.constantFrom(1e9, Infinity, 0.5, NaN)), { nil: undefined }),
    seed: fc.oneof(fc.nat(), fc.constantFrom(-1, 0.5)),
    units: fc.constantFrom("nats", "bits", undefined, "nope"),
    // One more declared option (by index, modulo the estimator's count) set to a random value.
    option: fc.option(
      fc.record({
        index: fc.nat(),
        value: fc.constantFrom<unknown>(0, 1, 2, 3, 10, -1, 0.5, 1e-9, 1e9, NaN, Infinity, true, false, null, "max", "euclidean", "x", [], [2, 4]),
      }),
      { nil: undefined },
    ),
  })
  .chain((r) =>
    fc.record({
      r: fc.constant(r),
      values: fc.array(fc.array(cell, { minLength: Math.max(0, r.rows + 3) * 3, maxLength: Math.max(0, r.rows + 3) * 3 }), { minLength: 3, maxLength: 3 }),
    }),
  );

describe("gauntlet: fuzzing the estimators (fast-check)", () => {
  it("typed error or finite value; inputs unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(call, async ({ r, values }) => {
        const ep = EPS[r.ep];
        const args: unknown[] = [];
        const snapshots: string[] = [];
        for (let a = 0; a < ep.args.length; a++) {
          const n = Math.max(0, r.rows + r.rowDelta[a]);
          const c = r.cols[a];
          let data = Float64Array.from(values[a].slice(0, n * c));
          if (ep.kinds[a] === "discrete") data = data.map((v) => (Number.isFinite(v) ? Math.round(Math.abs(v)) % 5 : v));
          const m = matrix(data, n, c);
          const arg = r.asRows ? Array.from({ length: n }, (_, i) => Array.from(data.subarray(i * c, (i + 1) * c))) : m;
          args.push(arg);
          snapshots.push(JSON.stringify(arg, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v, String) : typeof v === "number" ? String(v) : v)));
        }
        const options: Record<string, unknown> = r.k === undefined || !ep.descriptor.options.some((o) => o.name === "k") ? {} : { k: r.k };
        const specs = ep.descriptor.options;
        if (r.option && specs.length > 0) options[specs[r.option.index % specs.length].name] = r.option.value;
        const run = { seed: r.seed, ...(r.units !== undefined ? { units: r.units } : {}) };
        const v = await verdict(() => ep.make(options).estimate(...args, run));
        if (v.kind === "bad") throw new Error(`${ep.id}/${ep.quantity}: ${v.why}`);
        for (let a = 0; a < args.length; a++) {
          const now = JSON.stringify(args[a], (_k, x: unknown) => (x instanceof Float64Array ? Array.from(x, String) : typeof x === "number" ? String(x) : x));
          if (now !== snapshots[a]) throw new Error(`${ep.id}/${ep.quantity}: argument ${ep.args[a]} was mutated`);
        }
        return true;
      }),
      { numRuns: runs(2500), seed: SEED + 10 },
    );
  });

  it("inputs are never mutated on valid data with ties and constant columns (every estimator)", async () => {
    const data = fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 60 * 2, maxLength: 60 * 2 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: EPS.length - 1 }), data, data, data, async (e, a, b, c) => {
        const ep = EPS[e];
        const blocks = [a, b, c].slice(0, ep.args.length).map((v, i) => {
          const d = Float64Array.from(v, (x) => (ep.kinds[i] === "discrete" ? Math.round(Math.abs(x)) % 4 : x));
          return matrix(d, 60, 2);
        });
        const before = blocks.map((m) => Array.from(m.data));
        const v = await verdict(() => ep.make({}).estimate(...blocks, { seed: 1 }));
        if (v.kind === "bad") throw new Error(`${ep.id}/${ep.quantity}: ${v.why}`);
        blocks.forEach((m, i) => {
          if (!Array.from(m.data).every((x, t) => Object.is(x, before[i][t]))) throw new Error(`${ep.id}/${ep.quantity}: input ${ep.args[i]} mutated`);
        });
        return true;
      }),
      { numRuns: runs(400), seed: SEED + 11 },
    );
  });
});
