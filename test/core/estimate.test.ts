import { describe, expect, it } from "vitest";
import { finishEstimate } from "../../src/core/estimate.js";
import { MinfoError, InvalidArgumentError, ParseError, throwIfAborted, AbortError } from "../../src/core/errors.js";
import { fromNats, resolveUnits, NATS_PER_BIT } from "../../src/core/units.js";
import { sumCompensated } from "../../src/core/special/sum.js";

describe("finishEstimate", () => {
  const raw = {
    quantity: "mutual-information",
    valueNats: 0.5,
    estimator: "test",
    params: { k: 3 },
    n: 4,
    seed: 1,
    localNats: new Float64Array([0.25, 0.75, 0.5, 0.5]),
    uncertaintyNats: { se: 0.1, ci: { lower: 0.3, upper: 0.7, level: 0.95, method: "percentile" }, pValue: 0.01 },
    references: [],
    startedAt: performance.now(),
  } as const;

  it("converts value, local values and intervals to bits, but not p-values", () => {
    const e = finishEstimate(raw, "bits");
    expect(e.value).toBe(0.5 / Math.LN2);
    expect(e.local![1]).toBe(0.75 / Math.LN2);
    expect(e.uncertainty!.ci!.lower).toBe(0.3 / Math.LN2);
    expect(e.uncertainty!.se).toBe(0.1 / Math.LN2);
    expect(e.uncertainty!.pValue).toBe(0.01);
    expect(e.units).toBe("bits");
    expect(e.diagnostics.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("is frozen and does not share the caller's local array", () => {
    const e = finishEstimate(raw, "nats");
    expect(Object.isFrozen(e)).toBe(true);
    expect(e.local).not.toBe(raw.localNats);
    expect(Array.from(e.local!)).toEqual([0.25, 0.75, 0.5, 0.5]);
  });
});

describe("units and errors", () => {
  it("bits = nats / ln 2", () => {
    expect(fromNats(1, "bits")).toBe(1 / NATS_PER_BIT);
    expect(fromNats(1, "nats")).toBe(1);
    expect(resolveUnits(undefined, "f")).toBe("nats");
    expect(() => resolveUnits("bans", "f")).toThrow('f: units must be "nats" or "bits"; got "bans".');
  });

  it("typed errors carry stable codes", () => {
    const e = new InvalidArgumentError("f: k bad", "k");
    expect(e).toBeInstanceOf(MinfoError);
    expect([e.code, e.argument, e.name]).toEqual(["invalid-argument", "k", "InvalidArgumentError"]);
    const p = new ParseError("bad", { file: "a.csv", line: 3, column: "x" });
    expect([p.code, p.file, p.line, p.column]).toEqual(["parse-error", "a.csv", 3, "x"]);
    const ctl = new AbortController();
    expect(() => throwIfAborted(ctl.signal, "f")).not.toThrow();
    ctl.abort();
    expect(() => throwIfAborted(ctl.signal, "f")).toThrow(AbortError);
  });

  it("compensated sum is exact where a plain loop is not", () => {
    const v = [1e16, 1, -1e16, 1];
    expect(sumCompensated(v)).toBe(2);
    const many = new Float64Array(100000).fill(0.1);
    expect(Math.abs(sumCompensated(many) - 10000)).toBeLessThan(1e-9);
  });
});
