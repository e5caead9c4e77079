import type { TrainingCurve } from "./train.js";

/** What `stillRising` found: the held-out values at the start and end of the last quarter. */
export interface StillRising {
  readonly fromStep: number;
  readonly from: number;
  readonly to: number;
}

/**
 * Whether a maximised bound's held-out estimate was still rising when training ended: the run
 * used its whole step budget, its last held-out value is the highest of the curve, and it rose
 * over the last quarter of the evaluations (at least 4) by more than max(0.01 nats, 2% of it).
 * Then more steps would likely give a higher (less biased) lower bound. Undefined otherwise.
 */
export function stillRising(curve: TrainingCurve, stoppedEarly: boolean): StillRising | undefined {
  const t = curve.test;
  const k = t.length;
  if (stoppedEarly || k < 4) return undefined;
  const last = t[k - 1];
  if (!Number.isFinite(last) || t.some((v) => v > last)) return undefined;
  const i = k - 1 - Math.max(1, Math.floor(k / 4));
  const from = t[i];
  if (!(last - from > Math.max(0.01, 0.02 * Math.abs(last)))) return undefined;
  return { fromStep: curve.step[i], from, to: last };
}
