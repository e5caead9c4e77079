import { InvalidArgumentError } from "../../core/errors.js";
import type { Matrix } from "../../core/types.js";
import { AUTO_RULES } from "./autoRules.js";
import { AUTO_ID, type AutoKind } from "./resolveAutoOptions.js";

/** What auto measured about one column. */
export interface ColumnProfile {
  readonly variable: "x" | "y";
  readonly column: number;
  readonly kind: "continuous" | "discrete";
  /** Every value an integer. */
  readonly integer: boolean;
  readonly distinct: number;
  /** Fraction of rows whose value occurs in another row too. */
  readonly tiedFraction: number;
  /**
   * (q99.5 − q0.5) / (q75 − q25) divided by its normal value 3.819; about 1 for normal data,
   * 16.7 for Cauchy, 3.2 for Student t with 2 degrees of freedom; 0 when the IQR is 0.
   */
  readonly tailRatio: number;
}

/** The data's regime. */
export interface AutoProfile {
  readonly n: number;
  readonly dx: number;
  readonly dy: number;
  readonly xKind: "continuous" | "discrete" | "mixed";
  readonly yKind: "continuous" | "discrete" | "mixed";
  readonly columns: readonly ColumnProfile[];
  /** Distinct (x, y) rows observed (discrete variables only; else 0). */
  readonly jointSupport: number;
}

function quantileOfSorted(s: Float64Array, p: number): number {
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

function profileColumn(m: Matrix, j: number, variable: "x" | "y", forced: AutoKind): Omit<ColumnProfile, "kind"> & { discreteByValues: boolean; forced: AutoKind } {
  const n = m.rows;
  const s = new Float64Array(n);
  let integer = true;
  for (let i = 0; i < n; i++) {
    const v = m.data[i * m.cols + j];
    s[i] = v;
    if (integer && !Number.isInteger(v)) integer = false;
  }
  s.sort();
  let distinct = 0;
  let tied = 0;
  for (let i = 0; i < n; ) {
    let e = i + 1;
    while (e < n && s[e] === s[i]) e++;
    distinct++;
    if (e - i > 1) tied += e - i;
    i = e;
  }
  const iqr = quantileOfSorted(s, 0.75) - quantileOfSorted(s, 0.25);
  const spread = quantileOfSorted(s, 0.995) - quantileOfSorted(s, 0.005);
  const tailRatio = iqr > 0 ? spread / iqr / AUTO_RULES.normalTailSpread : 0;
  const limit = Math.max(AUTO_RULES.discreteDistinctFloor, Math.floor(Math.sqrt(n)));
  return { variable, column: j, integer, distinct, tiedFraction: tied / n, tailRatio, discreteByValues: integer && distinct <= limit, forced };
}

/**
 * Measures the regime of (x, y): per column whether it is discrete (forced by xKind/yKind, or
 * integer-valued with at most max(20, ⌊√N⌋) distinct values), its tied fraction and tail ratio;
 * per variable its kind; the observed joint support when both are discrete.
 */
export function profileData(x: Matrix, y: Matrix, xKind: AutoKind = "auto", yKind: AutoKind = "auto"): AutoProfile {
  const fn = AUTO_ID;
  const cols: ColumnProfile[] = [];
  for (const [m, name, forced] of [
    [x, "x", xKind],
    [y, "y", yKind],
  ] as const) {
    for (let j = 0; j < m.cols; j++) {
      const p = profileColumn(m, j, name, forced);
      let kind: "continuous" | "discrete" = p.discreteByValues ? "discrete" : "continuous";
      if (forced === "continuous") kind = "continuous";
      if (forced === "discrete") {
        if (!p.integer) {
          let row = 0;
          while (Number.isInteger(m.data[row * m.cols + j])) row++;
          throw new InvalidArgumentError(
            `${fn}: ${name}Kind "discrete" needs integer codes; ${name} column ${j} row ${row} is ${m.data[row * m.cols + j]}.`,
            `${name}Kind`,
          );
        }
        kind = "discrete";
      }
      cols.push(Object.freeze({ variable: p.variable, column: p.column, kind, integer: p.integer, distinct: p.distinct, tiedFraction: p.tiedFraction, tailRatio: p.tailRatio }));
    }
  }
  const kindOfVar = (v: "x" | "y"): "continuous" | "discrete" | "mixed" => {
    const c = cols.filter((p) => p.variable === v);
    const d = c.filter((p) => p.kind === "discrete").length;
    return d === 0 ? "continuous" : d === c.length ? "discrete" : "mixed";
  };
  const xk = kindOfVar("x");
  const yk = kindOfVar("y");
  let jointSupport = 0;
  if (xk === "discrete" && yk === "discrete") {
    const seen = new Set<string>();
    const w = x.cols + y.cols;
    const row = new Array<number>(w);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < x.cols; j++) row[j] = x.data[i * x.cols + j];
      for (let j = 0; j < y.cols; j++) row[x.cols + j] = y.data[i * y.cols + j];
      seen.add(row.join(","));
    }
    jointSupport = seen.size;
  }
  return Object.freeze({ n: x.rows, dx: x.cols, dy: y.cols, xKind: xk, yKind: yk, columns: Object.freeze(cols), jointSupport });
}

