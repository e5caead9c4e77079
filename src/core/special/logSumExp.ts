import { InvalidArgumentError } from "../errors.js";

/**
 * log(sum_i exp(v_i)), stabilised: with m = max v, log(sum exp(v_i - m)) + m, where the maximum's
 * own term (exactly 1) is taken out and the rest added with log1p, so that one dominant term
 * keeps full relative precision. Empty input or all -Infinity gives -Infinity (log 0);
 * any +Infinity gives +Infinity.
 *
 * @throws InvalidArgumentError when a value is NaN (naming its index).
 */
export function logSumExp(values: ArrayLike<number>): number {
  const n = values.length;
  let m = -Infinity;
  let argmax = -1;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) throw new InvalidArgumentError(`logSumExp: values must not contain NaN; index ${i} is NaN.`, "values");
    if (v > m) {
      m = v;
      argmax = i;
    }
  }
  if (m === -Infinity || m === Infinity) return m;
  let rest = 0;
  for (let i = 0; i < n; i++) if (i !== argmax) rest += Math.exp(values[i] - m);
  return m + Math.log1p(rest);
}
