import { countLabels } from "../core/data/contingency.js";
import { BIN_RULES, binColumns, binCount, equalWidthBins, gridLabels, type BinRule, type ColumnBins } from "../core/data/discretize.js";
import { jointLabels } from "../core/data/labels.js";
import { assertKnownOptions, assertMinRows, assertSameRows, integerOption, toMatrix, type MatrixInput } from "../core/data/validate.js";
import { finishEstimate } from "../core/estimate.js";
import { InvalidArgumentError, throwIfAborted, UnsupportedDataError } from "../core/errors.js";
import { REFERENCES } from "../core/references.js";
import { meanCompensated } from "../core/special/sum.js";
import type { CMIEstimator, EntropyEstimator, Estimate, Labels, Matrix, MIEstimator, Reference, ResultWarning, RunOptions } from "../core/types.js";
import { resolveUnits } from "../core/units.js";
import { smallSampleWarning, warning } from "../core/warnings.js";
import type { EstimatorDescriptor, OptionSpec } from "./descriptor.js";
import { choiceOption, negativeWarning } from "./knnPrep.js";

/** Bias correction of the binned estimates. */
export type BinCorrection = "none" | "miller-madow";

/** Options of the histogram (equal-width) and adaptive-binning (equal-mass) estimators. */
export interface BinningOptions {
  /**
   * Bins per dimension when `binRule` is "fixed" (default 5, bmi's `n_bins_x` default). Every
   * column of X, Y (and Z) gets its own bins; a d-dimensional variable is the product grid.
   */
  readonly bins?: number;
  /**
   * How many bins each column gets: "fixed" (default: `bins`), or a data-driven rule applied to
   * each column on its own, with numpy's definitions: "sturges" ceil(log2 N + 1), "sqrt"
   * ceil(sqrt N), "scott" width 3.49 SD N^(-1/3), "freedman-diaconis" width 2 IQR N^(-1/3)
   * (the count is ceil(range / width)).
   */
  readonly binRule?: BinRule;
  /**
   * "none" (default): plug-in. "miller-madow": every entropy term gets (K - 1)/(2N), with K its
   * number of occupied cells (Miller 1955); for MI this subtracts (K_xy - K_x - K_y + 1)/(2N).
   */
  readonly correction?: BinCorrection;
}

/** Binning options with defaults filled in. */
export interface ResolvedBinningOptions {
  readonly bins: number;
  readonly binRule: BinRule;
  readonly correction: BinCorrection;
}

/** A binned MI estimator: `estimate(x, y, run)`. */
export interface BinnedMIEstimator extends MIEstimator<ResolvedBinningOptions> {
  estimate(x: MatrixInput, y: MatrixInput, run?: RunOptions): Estimate;
}
/** A binned conditional-MI estimator: `estimate(x, y, z, run)`. */
export interface BinnedCMIEstimator extends CMIEstimator<ResolvedBinningOptions> {
  estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run?: RunOptions): Estimate;
}
/** A binned differential-entropy estimator: `estimate(x, run)`. */
export interface BinnedEntropyEstimator extends EntropyEstimator<ResolvedBinningOptions> {
  estimate(x: MatrixInput, run?: RunOptions): Estimate;
}

const KNOWN = ["bins", "binRule", "correction"] as const;
const CORRECTIONS: readonly BinCorrection[] = ["none", "miller-madow"];
/** Largest bins per dimension accepted (a guard against typos such as 5e9). */
const MAX_BINS = 1 << 20;

/** Validates binning options (shared by `histogram` and `adaptive-binning`). */
export function resolveBinningOptions(fn: string, options: BinningOptions): ResolvedBinningOptions {
  assertKnownOptions(fn, options, KNOWN);
  return Object.freeze({
    bins: integerOption(fn, "bins", options.bins ?? 5, 1, MAX_BINS),
    binRule: choiceOption(fn, "binRule", options.binRule ?? "fixed", BIN_RULES),
    correction: choiceOption(fn, "correction", options.correction ?? "none", CORRECTIONS),
  });
}

/** How one variable's columns are cut into bins: equal width or equal mass. */
export type Binner = (values: Float64Array, bins: number) => ColumnBins;

/** One variable after binning. */
interface BinnedVariable {
  readonly labels: Labels;
  /** Bins per column. */
  readonly binsPerColumn: readonly number[];
  /** log of the volume of each row's cell (sum of log bin widths), for differential entropy. */
  readonly logVolume: Float64Array;
  readonly constantColumns: readonly number[];
}

function binVariable(fn: string, name: string, m: Matrix, opts: ResolvedBinningOptions, binner: Binner): BinnedVariable {
  const constantColumns: number[] = [];
  const cols = binColumns(m, (values, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < lo) lo = values[i];
      if (values[i] > hi) hi = values[i];
    }
    if (!(hi > lo)) constantColumns.push(j);
    else if (!Number.isFinite(hi - lo)) {
      throw new InvalidArgumentError(
        `${fn}: ${name} column ${j} spans ${lo} to ${hi}, a range that overflows a double; rescale the column first.`,
        name,
      );
    }
    const b = binCount(values, opts.binRule, opts.bins);
    if (b > MAX_BINS) {
      throw new InvalidArgumentError(
        `${fn}: binRule "${opts.binRule}" gives ${b} bins for ${name} column ${j} (more than ${MAX_BINS}); ` +
          `the column is nearly constant with a few far outliers: use binRule "fixed" or "sturges".`,
        "binRule",
      );
    }
    return binner(values, b);
  });
  const n = m.rows;
  const logVolume = new Float64Array(n);
  for (const c of cols) {
    const logW = new Float64Array(c.cardinality);
    for (let b = 0; b < c.cardinality; b++) logW[b] = Math.log(c.edges[b + 1] - c.edges[b]);
    for (let i = 0; i < n; i++) logVolume[i] += logW[c.codes[i]];
  }
  return { labels: gridLabels(cols), binsPerColumn: cols.map((c) => c.cardinality), logVolume, constantColumns };
}

/** Number of non-empty cells of a variable. */
function occupied(counts: Int32Array): number {
  let k = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) k++;
  return k;
}

/** Per-row counts n(cell of row i) for labels `l`, plus the number of occupied cells. */
function rowCounts(l: Labels): { perRow: Int32Array; occupied: number } {
  const counts = countLabels(l);
  const codes = l.codes;
  const perRow = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) perRow[i] = counts[codes[i]];
  return { perRow, occupied: occupied(counts) };
}

function constantWarning(fn: string, vars: readonly [string, BinnedVariable][]): ResultWarning | undefined {
  const named = vars.flatMap(([name, v]) => v.constantColumns.map((j) => `${name} column ${j}`));
  if (named.length === 0) return undefined;
  return warning("constant-column", `${fn}: ${named.join(", ")} ${named.length === 1 ? "is" : "are"} constant (one bin; no information).`);
}

function sparseWarning(fn: string, vars: readonly [string, BinnedVariable][], n: number): ResultWarning | undefined {
  let cells = 1;
  for (const [, v] of vars) for (const b of v.binsPerColumn) cells *= b;
  if (cells > n) {
    return warning(
      "small-sample",
      `${fn}: the joint grid has ${cells > 1e15 ? cells.toExponential(2) : cells} cells for N = ${n} rows; the plug-in estimate is ` +
        `strongly biased upward for MI in this regime (consider fewer bins or correction "miller-madow").`,
    );
  }
  return undefined;
}

function binDetails(vars: readonly [string, BinnedVariable][], occupiedCells: Record<string, number>): Record<string, unknown> {
  const binsPerColumn: Record<string, readonly number[]> = {};
  for (const [name, v] of vars) binsPerColumn[name] = v.binsPerColumn;
  return { binsPerColumn, occupiedCells };
}

/** Validated matrices of one call, paired row by row. */
function loadAll(fn: string, inputs: readonly [string, MatrixInput][]): Matrix[] {
  const ms = inputs.map(([name, v]) => toMatrix(v, name, fn));
  assertSameRows(fn, inputs.map(([name], i) => [name, ms[i]] as [string, Matrix]));
  assertMinRows(fn, ms[0].rows, 2, "a binned estimate");
  return ms;
}

/** Shared implementation of the binned MI, CMI and entropy estimators. */
export interface BinnedFamily {
  readonly id: string;
  readonly binner: Binner;
  readonly references: readonly Reference[];
}

/** Binned MI estimator of `family` (used by `histogramMI` and `adaptiveBinningMI`). */
export function binnedMI(family: BinnedFamily, options: BinningOptions): BinnedMIEstimator {
  const fn = family.id;
  const resolved = resolveBinningOptions(fn, options);
  return Object.freeze({
    id: fn,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm, ym] = loadAll(fn, [
        ["x", x],
        ["y", y],
      ]);
      throwIfAborted(run.signal, fn);
      const n = xm.rows;
      const bx = binVariable(fn, "x", xm, resolved, family.binner);
      const by = binVariable(fn, "y", ym, resolved, family.binner);
      const cx = rowCounts(bx.labels);
      const cy = rowCounts(by.labels);
      const cxy = rowCounts(jointLabels(bx.labels, by.labels, fn));
      // Local values log(N n_xy / (n_x n_y)) (Cover & Thomas eq. 2.28 with p = n/N); their mean is
      // the plug-in I = sum_xy (n_xy/N) log(N n_xy / (n_x n_y)).
      const shift = resolved.correction === "miller-madow" ? (cxy.occupied - cx.occupied - cy.occupied + 1) / (2 * n) : 0;
      const local = new Float64Array(n);
      const logN = Math.log(n);
      for (let i = 0; i < n; i++) local[i] = logN + Math.log(cxy.perRow[i]) - Math.log(cx.perRow[i]) - Math.log(cy.perRow[i]) - shift;
      const valueNats = meanCompensated(local);
      const vars: [string, BinnedVariable][] = [
        ["x", bx],
        ["y", by],
      ];
      const warnings = [smallSampleWarning(fn, n), constantWarning(fn, vars), sparseWarning(fn, vars, n), negativeWarning(fn, valueNats, "mutual information")].filter(
        (w): w is ResultWarning => w !== undefined,
      );
      return finishEstimate(
        {
          quantity: "mutual-information",
          valueNats,
          estimator: fn,
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local !== false ? { localNats: local } : {}),
          warnings,
          details: {
            ...binDetails(vars, { x: cx.occupied, y: cy.occupied, xy: cxy.occupied }),
            millerMadowCorrection: shift,
          },
          references: family.references,
          startedAt,
        },
        units,
      );
    },
  });
}

/** Binned conditional-MI estimator of `family`. */
export function binnedCMI(family: BinnedFamily, options: BinningOptions): BinnedCMIEstimator {
  const fn = `${family.id}-cmi`;
  const resolved = resolveBinningOptions(fn, options);
  return Object.freeze({
    id: family.id,
    options: resolved,
    estimate(x: MatrixInput, y: MatrixInput, z: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm, ym, zm] = loadAll(fn, [
        ["x", x],
        ["y", y],
        ["z", z],
      ]);
      throwIfAborted(run.signal, fn);
      const n = xm.rows;
      const bx = binVariable(fn, "x", xm, resolved, family.binner);
      const by = binVariable(fn, "y", ym, resolved, family.binner);
      const bz = binVariable(fn, "z", zm, resolved, family.binner);
      const xz = jointLabels(bx.labels, bz.labels, fn);
      const cz = rowCounts(bz.labels);
      const cxz = rowCounts(xz);
      const cyz = rowCounts(jointLabels(by.labels, bz.labels, fn));
      const cxyz = rowCounts(jointLabels(xz, by.labels, fn));
      // I(X;Y|Z) = H(XZ) + H(YZ) - H(XYZ) - H(Z); local log(n_xyz n_z / (n_xz n_yz)).
      const shift =
        resolved.correction === "miller-madow" ? (cxyz.occupied + cz.occupied - cxz.occupied - cyz.occupied) / (2 * n) : 0;
      const local = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        local[i] = Math.log(cxyz.perRow[i]) + Math.log(cz.perRow[i]) - Math.log(cxz.perRow[i]) - Math.log(cyz.perRow[i]) - shift;
      }
      const valueNats = meanCompensated(local);
      const vars: [string, BinnedVariable][] = [
        ["x", bx],
        ["y", by],
        ["z", bz],
      ];
      const warnings = [
        smallSampleWarning(fn, n),
        constantWarning(fn, vars),
        sparseWarning(fn, vars, n),
        negativeWarning(fn, valueNats, "conditional mutual information"),
      ].filter((w): w is ResultWarning => w !== undefined);
      return finishEstimate(
        {
          quantity: "conditional-mutual-information",
          valueNats,
          estimator: family.id,
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local !== false ? { localNats: local } : {}),
          warnings,
          details: {
            ...binDetails(vars, { z: cz.occupied, xz: cxz.occupied, yz: cyz.occupied, xyz: cxyz.occupied }),
            millerMadowCorrection: shift,
          },
          references: family.references,
          startedAt,
        },
        units,
      );
    },
  });
}

/** Binned differential-entropy estimator of `family`. */
export function binnedEntropy(family: BinnedFamily, options: BinningOptions): BinnedEntropyEstimator {
  const fn = `${family.id}-entropy`;
  const resolved = resolveBinningOptions(fn, options);
  return Object.freeze({
    id: family.id,
    options: resolved,
    estimate(x: MatrixInput, run: RunOptions = {}): Estimate {
      const startedAt = performance.now();
      const units = resolveUnits(run.units, fn);
      const [xm] = loadAll(fn, [["x", x]]);
      throwIfAborted(run.signal, fn);
      const n = xm.rows;
      const bx = binVariable(fn, "x", xm, resolved, family.binner);
      if (bx.constantColumns.length > 0) {
        throw new UnsupportedDataError(
          `${fn}: x column ${bx.constantColumns[0]} is constant, so its differential entropy is -Infinity; remove the column.`,
        );
      }
      const cx = rowCounts(bx.labels);
      // H_diff = -(1/N) sum_i log(n_i / (N vol_i)): the plug-in discrete entropy plus the mean
      // log cell volume (reference-facts 1.9), + (K - 1)/(2N) with Miller-Madow.
      const shift = resolved.correction === "miller-madow" ? (cx.occupied - 1) / (2 * n) : 0;
      const local = new Float64Array(n);
      const logN = Math.log(n);
      for (let i = 0; i < n; i++) local[i] = logN - Math.log(cx.perRow[i]) + bx.logVolume[i] + shift;
      const valueNats = meanCompensated(local);
      const vars: [string, BinnedVariable][] = [["x", bx]];
      const warnings = [smallSampleWarning(fn, n), sparseWarning(fn, vars, n)].filter((w): w is ResultWarning => w !== undefined);
      return finishEstimate(
        {
          quantity: "entropy",
          valueNats,
          estimator: family.id,
          params: resolved as unknown as Record<string, unknown>,
          n,
          ...(run.local !== false ? { localNats: local } : {}),
          warnings,
          details: { ...binDetails(vars, { x: cx.occupied }), millerMadowCorrection: shift },
          references: family.references,
          startedAt,
        },
        units,
      );
    },
  });
}

const HISTOGRAM: BinnedFamily = Object.freeze({
  id: "histogram",
  binner: equalWidthBins,
  references: Object.freeze([REFERENCES.coverThomas2006, REFERENCES.miller1955, REFERENCES.czyz2023]),
});

/**
 * Histogram (equal-width binning) plug-in estimator of I(X; Y).
 *
 * Each column is cut into B equal-width bins over its own [min, max] (numpy `histogram`
 * conventions; B = `bins`, default 5 like bmi's `HistogramEstimator`, or a per-column rule, see
 * `binRule`); a multi-dimensional variable is the product grid of its columns. Then
 * I = sum_ab (n_ab/N) log(N n_ab / (n_a n_b)) (reference-facts 1.9; Cover & Thomas 2006 eq. 2.28
 * with empirical probabilities), optionally minus the Miller-Madow term
 * (K_xy - K_x - K_y + 1)/(2N), K = occupied cells (Miller 1955). Equal-width bins over the data
 * range are invariant to affine maps of each column, so this equals bmi's estimator on z-scored
 * inputs. The value equals scikit-learn's `mutual_info_score` on the same bin codes.
 *
 * Complexity O(N (d log N)) (sorting only for rules that need quantiles; counting is O(N d)).
 * Bias: the plug-in is biased upward, about (B_x - 1)(B_y - 1)/(2N) under independence, and
 * downward for strong dependence with coarse bins (discretisation loses information; the
 * estimate is bounded by log of the number of cells). Results depend strongly on B.
 * Units: nats (or bits). Local values log(N n_xy/(n_x n_y)) (minus the correction) are returned.
 * Warnings: `constant-column`, `small-sample` (more grid cells than rows), `negative-estimate`
 * (possible with Miller-Madow).
 *
 * @throws InvalidArgumentError for unknown or invalid options; ShapeMismatchError;
 *   NonFiniteValueError; InsufficientSamplesError when N < 2.
 * @example
 * histogramMI({ bins: 8, correction: "miller-madow" }).estimate(x, y).value
 */
export function histogramMI(options: BinningOptions = {}): BinnedMIEstimator {
  return binnedMI(HISTOGRAM, options);
}

/**
 * Histogram estimator of I(X; Y | Z) = H(XZ) + H(YZ) - H(XYZ) - H(Z) on the equal-width grid of
 * `histogramMI`; Miller-Madow subtracts (K_xz + K_yz - K_xyz - K_z)/(2N). Local values
 * log(n_xyz n_z / (n_xz n_yz)). Complexity O(N d). Bias as for `histogramMI`, worse with the
 * larger grid. @throws as `histogramMI`.
 * @example histogramCMI({ bins: 4 }).estimate(x, y, z).value
 */
export function histogramCMI(options: BinningOptions = {}): BinnedCMIEstimator {
  return binnedCMI(HISTOGRAM, options);
}

/**
 * Histogram estimator of the differential entropy h(X): the plug-in entropy of the bin counts
 * plus the mean log cell volume, H = -(1/N) sum_i log(n_(i) / (N vol_(i))) (reference-facts 1.9),
 * plus (K - 1)/(2N) with Miller-Madow. Biased (bin width, edge effects: the data range is the
 * support). Complexity O(N d). @throws as `histogramMI`, and UnsupportedDataError for a
 * constant column (entropy -Infinity).
 * @example histogramEntropy({ binRule: "freedman-diaconis" }).estimate(x).value
 */
export function histogramEntropy(options: BinningOptions = {}): BinnedEntropyEstimator {
  return binnedEntropy(HISTOGRAM, options);
}

/** Option specs shared by `histogram` and `adaptive-binning`. */
export const BINNING_OPTION_SPECS: readonly OptionSpec[] = Object.freeze([
  { name: "bins", type: "integer", default: 5, min: 1, max: MAX_BINS, description: "Bins per dimension when binRule is fixed." },
  {
    name: "binRule",
    type: "string",
    default: "fixed",
    choices: [...BIN_RULES],
    description: "Bins per column: fixed (= bins) or a rule (numpy definitions): sturges, scott, freedman-diaconis, sqrt.",
  },
  {
    name: "correction",
    type: "string",
    default: "none",
    choices: [...CORRECTIONS],
    description: "Bias correction of each entropy term: none (plug-in) or miller-madow ((K - 1)/(2N)).",
  },
]);

/** Registry entry "histogram": equal-width binning plug-in MI, CMI and differential entropy. */
export const histogramDescriptor: EstimatorDescriptor = Object.freeze<EstimatorDescriptor>({
  id: "histogram",
  summary: "Equal-width histogram plug-in MI, CMI and entropy (5 bins per dimension like bmi, or a bin rule; optional Miller-Madow).",
  family: "binning",
  accepts: ["continuous"],
  options: BINNING_OPTION_SPECS,
  references: HISTOGRAM.references,
  complexity: "O(N d)",
  mi: (o: Record<string, unknown>) => histogramMI(o as BinningOptions),
  cmi: (o: Record<string, unknown>) => histogramCMI(o as BinningOptions),
  entropy: (o: Record<string, unknown>) => histogramEntropy(o as BinningOptions),
});
