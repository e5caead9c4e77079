/**
 * Compensated (Neumaier) summation: error O(eps) independent of length, where a plain loop
 * accumulates O(n eps). Used for every long average so that mean(local) matches `value`.
 */
export function sumCompensated(values: ArrayLike<number>): number {
  let sum = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const t = sum + v;
    // Branch-free choice of which operand lost low-order bits.
    c += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  // An infinite sum makes the correction Infinity - Infinity = NaN; the sum itself is the answer.
  return Number.isFinite(sum) ? sum + c : sum;
}

export function meanCompensated(values: ArrayLike<number>): number {
  return sumCompensated(values) / values.length;
}
