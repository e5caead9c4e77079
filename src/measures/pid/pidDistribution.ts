import { InvalidArgumentError, ShapeMismatchError } from "../../core/errors.js";
import type { Labels } from "../../core/types.js";

/**
 * A joint distribution p(s1, s2, t) of two discrete sources and a target, as a dense table:
 * p[(s1 * n2 + s2) * nt + t], codes 0..n-1. Entries sum to 1.
 */
export interface PidDistribution {
  readonly p: Float64Array;
  readonly n1: number;
  readonly n2: number;
  readonly nt: number;
}

/** Largest table (cells) built from data or outcomes. */
const MAX_CELLS = 1 << 24;

function checkShape(fn: string, n1: number, n2: number, nt: number): void {
  for (const [name, v] of [
    ["n1", n1],
    ["n2", n2],
    ["nt", nt],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(`${fn}: ${name} must be an integer >= 1; got ${v}.`, name);
  }
  if (n1 * n2 * nt > MAX_CELLS) {
    throw new InvalidArgumentError(`${fn}: the table would have ${n1 * n2 * nt} cells (> ${MAX_CELLS}); use fewer categories.`, "alphabet");
  }
}

/**
 * A PID distribution from outcomes [s1, s2, t, probability] with integer codes >= 0 (the table
 * is sized by the largest code). Probabilities must be >= 0 and sum to 1 within 1e-9; they are
 * renormalised to sum exactly to 1. Repeated outcomes add up.
 * @throws InvalidArgumentError for negative or non-integer codes, bad probabilities, or a sum != 1.
 * @example pidDistributionFromOutcomes([[0, 0, 0, 0.25], [0, 1, 1, 0.25], [1, 0, 1, 0.25], [1, 1, 0, 0.25]]) // XOR
 */
export function pidDistributionFromOutcomes(outcomes: readonly (readonly [number, number, number, number])[]): PidDistribution {
  const fn = "pidDistributionFromOutcomes";
  if (!Array.isArray(outcomes) || outcomes.length === 0) {
    throw new InvalidArgumentError(`${fn}: outcomes must be a non-empty array of [s1, s2, t, probability]; got ${String(outcomes)}.`, "outcomes");
  }
  let n1 = 0;
  let n2 = 0;
  let nt = 0;
  outcomes.forEach((o, i) => {
    if (!Array.isArray(o) || o.length !== 4) {
      throw new InvalidArgumentError(`${fn}: outcome ${i} must be [s1, s2, t, probability]; got ${JSON.stringify(o)}.`, "outcomes");
    }
    for (let c = 0; c < 3; c++) {
      if (!Number.isInteger(o[c]) || o[c] < 0) {
        throw new InvalidArgumentError(`${fn}: outcome ${i} must have integer codes >= 0; entry ${c} is ${o[c]}.`, "outcomes");
      }
    }
    if (!Number.isFinite(o[3]) || o[3] < 0) {
      throw new InvalidArgumentError(`${fn}: outcome ${i} must have a finite probability >= 0; got ${o[3]}.`, "outcomes");
    }
    n1 = Math.max(n1, o[0] + 1);
    n2 = Math.max(n2, o[1] + 1);
    nt = Math.max(nt, o[2] + 1);
  });
  checkShape(fn, n1, n2, nt);
  const p = new Float64Array(n1 * n2 * nt);
  let total = 0;
  for (const [a, b, t, w] of outcomes) {
    p[(a * n2 + b) * nt + t] += w;
    total += w;
  }
  if (Math.abs(total - 1) > 1e-9) {
    throw new InvalidArgumentError(`${fn}: probabilities must sum to 1; got ${total}.`, "outcomes");
  }
  for (let i = 0; i < p.length; i++) p[i] /= total;
  return Object.freeze({ p, n1, n2, nt });
}

/**
 * The empirical (plug-in) distribution of paired codes: p(s1, s2, t) = count / N.
 * @throws ShapeMismatchError when the row counts differ; InvalidArgumentError for no rows.
 */
export function empiricalPidDistribution(s1: Labels, s2: Labels, t: Labels, fn = "empiricalPidDistribution"): PidDistribution {
  const n = s1.codes.length;
  if (s2.codes.length !== n || t.codes.length !== n) {
    throw new ShapeMismatchError(
      `${fn}: sources and target must be paired row by row; got ${n}, ${s2.codes.length} and ${t.codes.length} rows.`,
    );
  }
  if (n === 0) throw new InvalidArgumentError(`${fn}: needs at least 1 row; got 0.`, "target");
  const n1 = s1.cardinality;
  const n2 = s2.cardinality;
  const nt = t.cardinality;
  checkShape(fn, n1, n2, nt);
  const p = new Float64Array(n1 * n2 * nt);
  for (let i = 0; i < n; i++) p[(s1.codes[i] * n2 + s2.codes[i]) * nt + t.codes[i]] += 1;
  for (let i = 0; i < p.length; i++) p[i] /= n;
  return Object.freeze({ p, n1, n2, nt });
}

/** Marginals of a PID distribution: p(s1, t), p(s2, t), p(t), p(s1), p(s2), p(s1, s2). */
export interface PidMarginals {
  readonly a: Float64Array; // n1 x nt: p(s1, t)
  readonly b: Float64Array; // n2 x nt: p(s2, t)
  readonly pt: Float64Array;
  readonly p1: Float64Array;
  readonly p2: Float64Array;
  readonly p12: Float64Array; // n1 x n2
}

export function pidMarginals(d: PidDistribution): PidMarginals {
  const { p, n1, n2, nt } = d;
  const a = new Float64Array(n1 * nt);
  const b = new Float64Array(n2 * nt);
  const pt = new Float64Array(nt);
  const p1 = new Float64Array(n1);
  const p2 = new Float64Array(n2);
  const p12 = new Float64Array(n1 * n2);
  for (let s1 = 0; s1 < n1; s1++) {
    for (let s2 = 0; s2 < n2; s2++) {
      for (let t = 0; t < nt; t++) {
        const v = p[(s1 * n2 + s2) * nt + t];
        a[s1 * nt + t] += v;
        b[s2 * nt + t] += v;
        pt[t] += v;
        p1[s1] += v;
        p2[s2] += v;
        p12[s1 * n2 + s2] += v;
      }
    }
  }
  return { a, b, pt, p1, p2, p12 };
}

/** I(T; S) = sum p(s, t) log(p(s, t) / (p(s) p(t))) for a k x nt table pst (nats). */
export function miOfTable(pst: Float64Array, ps: Float64Array, pt: Float64Array): number {
  const nt = pt.length;
  let s = 0;
  for (let i = 0; i < ps.length; i++) {
    for (let t = 0; t < nt; t++) {
      const v = pst[i * nt + t];
      if (v > 0) s += v * Math.log(v / (ps[i] * pt[t]));
    }
  }
  return s;
}

/** I(T; S1), I(T; S2) and I(T; S1, S2) in nats. */
export function pidMutualInformations(d: PidDistribution, m: PidMarginals = pidMarginals(d)): { source1: number; source2: number; joint: number } {
  return {
    source1: miOfTable(m.a, m.p1, m.pt),
    source2: miOfTable(m.b, m.p2, m.pt),
    joint: miOfTable(d.p, m.p12, m.pt),
  };
}
