import { InvalidArgumentError } from "../errors.js";
import type { Labels, Matrix } from "../types.js";
import { jointLabels } from "./labels.js";

/**
 * Binning of continuous columns for the histogram and adaptive-binning estimators.
 *
 * - Equal-width bins over [min, max] of a column, with numpy's `histogram` conventions: edges
 *   `lo + j * (hi - lo) / B` (the last edge exactly `hi`), bins half-open [e_j, e_{j+1}) except
 *   the last, which is closed, so every value falls in a bin. A constant column is one bin.
 * - Bin-count rules from numpy's `histogram_bin_edges` (the width each rule gives, then
 *   B = ceil(range / width)), so counts agree with numpy on the same data.
 * - Equal-mass (quantile) bins: edges are the empirical quantiles q_{j/B}, j = 0..B, with
 *   linear interpolation (numpy's default "linear" method, Hyndman-Fan type 7); duplicate edges
 *   (ties) are merged and bins left empty are dropped, so codes are dense.
 * - A product grid over several columns as one `Labels` (dense codes over occupied cells).
 */

/** How the number of bins of a column is chosen. */
export type BinRule = "fixed" | "sturges" | "scott" | "freedman-diaconis" | "sqrt";

export const BIN_RULES: readonly BinRule[] = Object.freeze(["fixed", "sturges", "scott", "freedman-diaconis", "sqrt"]);

/** numpy's `_lerp`: a + (b - a) t, evaluated from the nearer end for accuracy. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Quantile p in [0, 1] of ascending `sorted` values with linear interpolation between order
 * statistics (virtual index (N - 1) p; numpy's default method, Hyndman & Fan type 7).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  return lerp(sorted[lo], sorted[lo + 1], h - lo);
}

function ascending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * Bin width a rule gives for `values` (numpy's `_hist_bin_*` estimators); 0 means "one bin".
 *  - sturges: range / (log2 N + 1);  sqrt: range / sqrt N;
 *  - scott: (24 sqrt(pi) / N)^(1/3) SD (SD with ddof 0), about 3.49 SD N^(-1/3);
 *  - freedman-diaconis: 2 IQR N^(-1/3) (quartiles with linear interpolation).
 */
function ruleWidth(rule: Exclude<BinRule, "fixed">, values: ArrayLike<number>, lo: number, hi: number): number {
  const n = values.length;
  const range = hi - lo;
  switch (rule) {
    case "sturges":
      return range / (Math.log2(n) + 1);
    case "sqrt":
      return range / Math.sqrt(n);
    case "scott": {
      const m = mean(values);
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (values[i] - m) * (values[i] - m);
      return Math.cbrt((24 * Math.sqrt(Math.PI)) / n) * Math.sqrt(ss / n);
    }
    case "freedman-diaconis": {
      const s = ascending(values);
      const iqr = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
      return 2 * iqr * Math.pow(n, -1 / 3);
    }
  }
}

/**
 * Number of bins for one column: `fixed` for the "fixed" rule, otherwise ceil(range / width)
 * with the rule's width (1 when the column is constant or the width is 0).
 * @throws InvalidArgumentError for an unknown rule, `fixed` not a positive integer or no values.
 * @example binCount([0, 1, 2, 3], "sturges") // ceil(log2 4 + 1) = 3
 */
export function binCount(values: ArrayLike<number>, rule: BinRule, fixed = 5): number {
  if (!BIN_RULES.includes(rule)) {
    throw new InvalidArgumentError(`binCount: rule must be one of ${BIN_RULES.join(", ")}; got ${JSON.stringify(rule)}.`, "rule");
  }
  if (!Number.isInteger(fixed) || fixed < 1) {
    throw new InvalidArgumentError(`binCount: fixed must be a positive integer; got ${String(fixed)}.`, "fixed");
  }
  if (values.length === 0) throw new InvalidArgumentError("binCount: values must not be empty; got 0 values.", "values");
  if (rule === "fixed") return fixed;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  if (!(hi > lo)) return 1;
  checkRange("binCount", lo, hi);
  const width = ruleWidth(rule, values, lo, hi);
  if (!(width > 0)) return 1;
  return Math.max(1, Math.ceil((hi - lo) / width));
}

/** @throws InvalidArgumentError when max - min overflows (bins and widths would be NaN). */
function checkRange(fn: string, lo: number, hi: number): void {
  if (!Number.isFinite(hi - lo)) {
    throw new InvalidArgumentError(
      `${fn}: the range of the values (max ${hi} - min ${lo}) overflows a double; rescale the column first.`,
      "values",
    );
  }
}

/** Bin codes of one column and the widths of the bins the codes refer to. */
export interface ColumnBins {
  /** Bin index of each value, in [0, cardinality). */
  readonly codes: Int32Array;
  /** Number of bins (codes in use are < cardinality; equal-width bins may be empty). */
  readonly cardinality: number;
  /** Bin edges (cardinality + 1 values, ascending). */
  readonly edges: Float64Array;
}

/**
 * Equal-width bins over [min, max] (numpy `histogram` semantics, including its correction of
 * floating-point rounding against the edges). A constant column gives one bin of width 1
 * (edges [v - 0.5, v + 0.5], as numpy).
 * @throws InvalidArgumentError when `bins` is not a positive integer or `values` is empty.
 * @example equalWidthBins([0, 1, 2, 3], 2).codes // [0, 0, 1, 1]
 */
export function equalWidthBins(values: ArrayLike<number>, bins: number): ColumnBins {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new InvalidArgumentError(`equalWidthBins: bins must be a positive integer; got ${String(bins)}.`, "bins");
  }
  const n = values.length;
  if (n === 0) throw new InvalidArgumentError("equalWidthBins: values must not be empty; got 0 values.", "values");
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (values[i] < lo) lo = values[i];
    if (values[i] > hi) hi = values[i];
  }
  const codes = new Int32Array(n);
  if (!(hi > lo)) {
    return { codes, cardinality: 1, edges: Float64Array.of(lo - 0.5, hi + 0.5) };
  }
  checkRange("equalWidthBins", lo, hi);
  const edges = new Float64Array(bins + 1);
  const step = (hi - lo) / bins;
  for (let j = 0; j < bins; j++) edges[j] = j * step + lo;
  edges[bins] = hi;
  const norm = bins / (hi - lo);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = Math.floor((v - lo) * norm);
    // NaN when the range is subnormal (0 * Infinity); edges may then repeat, so the correction
    // against the stored edges loops instead of stepping once.
    if (!(b >= 0)) b = 0;
    if (b >= bins) b = bins - 1;
    while (b > 0 && v < edges[b]) b--;
    while (b < bins - 1 && v >= edges[b + 1]) b++;
    codes[i] = b;
  }
  return { codes, cardinality: bins, edges };
}

/**
 * Equal-mass bins: edges at the quantiles q_{j/B} (linear interpolation), duplicate edges merged
 * (ties), then value v goes to bin b with e_b <= v < e_{b+1} (the last bin closed). Bins left
 * empty are dropped and the codes renumbered densely in ascending order; `edges` keeps, for each
 * remaining bin b, its interval [edges[b], edges[b + 1]) in the sense that edges[b + 1] is the
 * upper edge of that bin (an empty bin between two occupied ones is merged into the lower one).
 * A constant column gives one bin of width 1 (edges [v - 0.5, v + 0.5]).
 * @throws InvalidArgumentError when `bins` is not a positive integer or `values` is empty.
 * @example equalMassBins([1, 2, 3, 4], 2).codes // [0, 0, 1, 1]
 */
export function equalMassBins(values: ArrayLike<number>, bins: number): ColumnBins {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new InvalidArgumentError(`equalMassBins: bins must be a positive integer; got ${String(bins)}.`, "bins");
  }
  const n = values.length;
  if (n === 0) throw new InvalidArgumentError("equalMassBins: values must not be empty; got 0 values.", "values");
  const sorted = ascending(values);
  const lo = sorted[0];
  const hi = sorted[n - 1];
  const codes = new Int32Array(n);
  if (!(hi > lo)) return { codes, cardinality: 1, edges: Float64Array.of(lo - 0.5, hi + 0.5) };
  checkRange("equalMassBins", lo, hi);
  // Unique quantile edges e_0 < ... < e_m.
  const raw: number[] = [];
  for (let j = 0; j <= bins; j++) {
    const q = quantileSorted(sorted, j / bins);
    if (raw.length === 0 || q > raw[raw.length - 1]) raw.push(q);
  }
  const m = raw.length - 1; // bins after merging duplicate edges (>= 1 since hi > lo)
  const interior = raw.slice(1, m); // e_1 .. e_{m-1}
  // Bin of each value: number of interior edges <= v (binary search).
  const used = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let a = 0;
    let b = interior.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (interior[mid] <= v) a = mid + 1;
      else b = mid;
    }
    codes[i] = a;
    used[a] = 1;
  }
  // Drop empty bins: renumber densely; an empty bin's interval joins the occupied bin below it.
  const remap = new Int32Array(m);
  const keptEdges: number[] = [raw[0]];
  let k = -1;
  for (let b = 0; b < m; b++) {
    if (used[b]) {
      k++;
      keptEdges.push(raw[b + 1]);
    } else if (k >= 0) {
      keptEdges[k + 1] = raw[b + 1];
    }
    remap[b] = Math.max(k, 0);
  }
  // A leading empty bin cannot occur (the minimum lies in bin 0), so `remap` is exact.
  for (let i = 0; i < n; i++) codes[i] = remap[codes[i]];
  return { codes, cardinality: k + 1, edges: Float64Array.from(keptEdges) };
}

/** Per-column bins of every column of `m` with the given bin function. */
export function binColumns(m: Matrix, binner: (values: Float64Array, j: number) => ColumnBins): ColumnBins[] {
  const out: ColumnBins[] = [];
  const buf = new Float64Array(m.rows);
  for (let j = 0; j < m.cols; j++) {
    for (let i = 0; i < m.rows; i++) buf[i] = m.data[i * m.cols + j];
    out.push(binner(buf, j));
  }
  return out;
}

/**
 * The cells of the product grid of several binned columns as one discrete variable: dense codes
 * over the occupied cells, ordered lexicographically by (bin of column 0, bin of column 1, ...).
 * Built pairwise with `jointLabels`, so the grid size B^d never has to fit in memory.
 * @throws InvalidArgumentError when `columns` is empty.
 */
export function gridLabels(columns: readonly ColumnBins[]): Labels {
  if (columns.length === 0) throw new InvalidArgumentError("gridLabels: columns must not be empty.", "columns");
  let out: Labels = { codes: columns[0].codes, cardinality: columns[0].cardinality };
  for (let j = 1; j < columns.length; j++) {
    out = jointLabels(out, { codes: columns[j].codes, cardinality: columns[j].cardinality }, "gridLabels");
  }
  return out;
}
