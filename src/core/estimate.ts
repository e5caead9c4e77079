import type { Estimate, Quantity, Reference, ResultWarning, Uncertainty, Units } from "./types.js";
import { fromNats } from "./units.js";
import { meanCompensated } from "./special/sum.js";

/** What an estimator computes, in nats, before unit conversion and freezing. */
export interface RawEstimate {
  readonly quantity: Quantity;
  readonly valueNats: number;
  readonly estimator: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly n: number;
  readonly seed?: number;
  /** Pointwise values in nats; when given, `valueNats` must equal their mean. */
  readonly localNats?: Float64Array;
  readonly uncertaintyNats?: Uncertainty;
  readonly warnings?: readonly ResultWarning[];
  readonly details?: Record<string, unknown>;
  readonly references: readonly Reference[];
  /** performance.now() when the estimation started. */
  readonly startedAt: number;
}

/** Converts a raw (nats) result to the caller's units and freezes it. */
export function finishEstimate(raw: RawEstimate, units: Units): Estimate {
  const conv = (v: number) => fromNats(v, units);
  let local: Float64Array | undefined;
  if (raw.localNats) {
    local = new Float64Array(raw.localNats.length);
    for (let i = 0; i < local.length; i++) local[i] = conv(raw.localNats[i]);
  }
  let uncertainty: Uncertainty | undefined;
  if (raw.uncertaintyNats) {
    const u = raw.uncertaintyNats;
    uncertainty = Object.freeze({
      ...(u.se !== undefined ? { se: conv(u.se) } : {}),
      ...(u.ci ? { ci: Object.freeze({ ...u.ci, lower: conv(u.ci.lower), upper: conv(u.ci.upper) }) } : {}),
      ...(u.pValue !== undefined ? { pValue: u.pValue } : {}),
    });
  }
  const estimate: Estimate = {
    quantity: raw.quantity,
    value: conv(raw.valueNats),
    units,
    estimator: raw.estimator,
    params: Object.freeze({ ...raw.params }),
    n: raw.n,
    ...(raw.seed !== undefined ? { seed: raw.seed } : {}),
    ...(uncertainty ? { uncertainty } : {}),
    ...(local ? { local } : {}),
    diagnostics: Object.freeze({
      warnings: Object.freeze([...(raw.warnings ?? [])]),
      elapsedMs: performance.now() - raw.startedAt,
      details: Object.freeze({ ...(raw.details ?? {}) }),
    }),
    references: Object.freeze([...raw.references]),
  };
  return Object.freeze(estimate);
}

/** Mean of pointwise values with a compensated sum, so that mean(local) === value. */
export function meanOfLocal(local: Float64Array): number {
  return meanCompensated(local);
}
