import { pidMarginals, type PidDistribution, type PidMarginals } from "./pidDistribution.js";

/**
 * Specific information of a source about the outcome T = t (Williams & Beer 2010, eq. 9 of
 * arXiv:1004.2515; DeWeese & Meister 1999): I(T = t; S) = sum_s p(s | t) log(p(t | s) / p(t)),
 * for a k x nt table pst = p(s, t) with marginals ps, pt. Nats; >= 0 (a KL divergence).
 */
export function specificInformation(pst: Float64Array, ps: Float64Array, pt: Float64Array, t: number): number {
  const nt = pt.length;
  if (!(pt[t] > 0)) return 0;
  let s = 0;
  for (let i = 0; i < ps.length; i++) {
    const v = pst[i * nt + t];
    if (v > 0) s += (v / pt[t]) * Math.log(v / (ps[i] * pt[t]));
  }
  return s;
}

/**
 * Williams-Beer redundancy I_min of two sources about T (Williams & Beer 2010, eq. 10):
 *   I_min(T; {S1}, {S2}) = sum_t p(t) min_i I(T = t; S_i)   (nats).
 * The other atoms follow from the consistency equations: Unq_i = I(T; S_i) - Red,
 * Syn = I(T; S1, S2) - I(T; S1) - I(T; S2) + Red. O(n1 n2 nt).
 */
export function iMinRedundancy(d: PidDistribution, m: PidMarginals = pidMarginals(d)): number {
  let red = 0;
  for (let t = 0; t < d.nt; t++) {
    if (!(m.pt[t] > 0)) continue;
    const i1 = specificInformation(m.a, m.p1, m.pt, t);
    const i2 = specificInformation(m.b, m.p2, m.pt, t);
    red += m.pt[t] * Math.min(i1, i2);
  }
  return red;
}
