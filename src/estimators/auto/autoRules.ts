/** Thresholds of the rules, exported so that docs and tests quote the same numbers. */
export const AUTO_RULES = Object.freeze({
  /** Fewest rows auto accepts. */
  minRows: 20,
  /** Largest number of distinct values of an integer column read as discrete: max(this, √N). */
  discreteDistinctFloor: 20,
  /** Plug-in family: Miller-Madow when N >= this × (observed joint support), else NSB. */
  millerMadowRowsPerCell: 10,
  /** KSG when dx + dy <= this and N >= 20 · 2^((dx+dy)/2) (KSG's own high-dimension rule); else Gaussian copula. */
  maxKnnDims: 10,
  /** tailRatio above which a column is reported as heavy-tailed. */
  heavyTailRatio: 2.5,
  /** Cap of r in the bias extrapolation (bias ∝ n^(-β) with 2^(-β) = r, so β >= 0.32). */
  maxRatio: 0.8,
  /** Canonical pairs kept by the "canonical-pairs" candidate: r = min(this, dx, dy) (a 2r-dimensional KSG problem). */
  canonicalPairs: 2,
  /** Rows per subsample needed by a summary candidate (KSG on 2 to 2r columns): as KSG's rule, 20 · 2^(d/2). */
  summaryRowsPerDim: 20,
  /** Normal value of (q99.5 − q0.5) / (q75 − q25). */
  normalTailSpread: (2 * 2.5758293035489004) / (2 * 0.6744897501960817),
});

