import { InvalidArgumentError, NonFiniteValueError, ShapeMismatchError, UnsupportedDataError } from "../errors.js";
import type { Labels, Matrix } from "../types.js";
import { toMatrix } from "./validate.js";

/**
 * Discrete data helpers: encode arbitrary integer or string values as dense codes
 * 0..cardinality-1 (`Labels`), validate given `Labels`, read integer-coded Matrix columns and
 * encode tuples of variables as one joint variable.
 */

/** What discrete estimators accept for one variable. */
export type DiscreteInput = Labels | Matrix | ArrayLike<number | string>;

/** Largest value range (max - min + 1) encoded with a dense lookup array instead of a Map. */
const DENSE_RANGE_LIMIT = 1 << 20;

function describeValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v);
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  return `${typeof v === "number" ? "" : typeof v + " "}${String(v)}`;
}

export function isLabels(v: unknown): v is Labels {
  return typeof v === "object" && v !== null && "codes" in v && "cardinality" in v;
}

function isMatrixLike(v: unknown): v is Matrix {
  return typeof v === "object" && v !== null && "data" in v && "rows" in v && "cols" in v;
}

/**
 * Validates a `Labels` object: `codes` an Int32Array, `cardinality` an integer >= 1 (0 only for
 * an empty sample), every code in [0, cardinality), `levels` (if any) of length `cardinality`.
 * Returns the same object (never copied, never mutated).
 * @throws InvalidArgumentError naming the first bad row.
 */
export function validateLabels(l: Labels, arg: string, fn: string): Labels {
  const { codes, cardinality } = l;
  if (!(codes instanceof Int32Array)) {
    throw new InvalidArgumentError(`${fn}: ${arg}.codes must be an Int32Array; got ${describeValue(codes)}.`, arg);
  }
  const minCard = codes.length === 0 ? 0 : 1;
  if (!Number.isInteger(cardinality) || cardinality < minCard) {
    throw new InvalidArgumentError(`${fn}: ${arg}.cardinality must be an integer >= ${minCard}; got ${describeValue(cardinality)}.`, arg);
  }
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c < 0 || c >= cardinality) {
      throw new InvalidArgumentError(
        `${fn}: ${arg}.codes must lie in [0, ${cardinality - 1}] (cardinality ${cardinality}); row ${i} is ${c}.`,
        arg,
      );
    }
  }
  if (l.levels !== undefined && l.levels.length !== cardinality) {
    throw new InvalidArgumentError(
      `${fn}: ${arg}.levels must have one entry per code (${cardinality}); got ${l.levels.length}.`,
      arg,
    );
  }
  return l;
}

/**
 * Encodes integer codes (numbers) as dense `Labels`. Codes are ordered by value; `levels[c]` is
 * the original value as a string. `where(i)` names the position of value i in error messages.
 */
function encodeIntegers(get: (i: number) => number, n: number, arg: string, fn: string, where: (i: number) => string, col: number): Labels {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = get(i);
    if (!Number.isFinite(v)) {
      throw new NonFiniteValueError(`${fn}: ${arg} must be finite; ${where(i)} is ${v}.`, arg, i, col);
    }
    if (!Number.isInteger(v)) {
      throw new UnsupportedDataError(
        `${fn}: ${arg} must hold discrete codes (integers or strings) for this estimator; ${where(i)} is ${v}.`,
      );
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const codes = new Int32Array(n);
  if (n === 0) return { codes, cardinality: 0, levels: [] };
  const range = max - min + 1;
  if (range <= DENSE_RANGE_LIMIT && range <= 8 * n + 1024) {
    const map = new Int32Array(range).fill(-1);
    for (let i = 0; i < n; i++) map[get(i) - min] = 0;
    const levels: string[] = [];
    for (let v = 0; v < range; v++) {
      if (map[v] === 0) {
        map[v] = levels.length;
        levels.push(String(v + min));
      }
    }
    for (let i = 0; i < n; i++) codes[i] = map[get(i) - min];
    return { codes, cardinality: levels.length, levels };
  }
  const distinct = new Map<number, number>();
  for (let i = 0; i < n; i++) distinct.set(get(i), 0);
  const sorted = [...distinct.keys()].sort((a, b) => a - b);
  sorted.forEach((v, c) => distinct.set(v, c));
  for (let i = 0; i < n; i++) codes[i] = distinct.get(get(i))!;
  return { codes, cardinality: sorted.length, levels: sorted.map((v) => String(v === 0 ? 0 : v)) };
}

/**
 * Encodes values as `Labels` with `levels`.
 * - All numbers: each must be a finite integer (codes are then ordered by value; levels are the
 *   values as strings). A non-integer throws `UnsupportedDataError` naming the row.
 * - All strings: codes ordered by the strings (JavaScript code-unit order).
 * - A `Labels` object is validated and returned as is.
 * Mixed numbers and strings are rejected: convert them first.
 * @throws InvalidArgumentError, NonFiniteValueError, UnsupportedDataError
 */
export function toLabels(values: ArrayLike<number | string> | Labels, arg: string, fn: string): Labels {
  if (isLabels(values)) return validateLabels(values, arg, fn);
  if (typeof values !== "object" || values === null || typeof (values as ArrayLike<unknown>).length !== "number") {
    throw new InvalidArgumentError(`${fn}: ${arg} must be an array of integers or strings, or Labels; got ${describeValue(values)}.`, arg);
  }
  const n = values.length;
  if (n === 0) return { codes: new Int32Array(0), cardinality: 0, levels: [] };
  if (ArrayBuffer.isView(values) || typeof values[0] === "number") {
    for (let i = 0; i < n; i++) {
      if (typeof values[i] !== "number") {
        throw new InvalidArgumentError(
          `${fn}: ${arg} must hold only numbers or only strings; row 0 is a number but row ${i} is ${describeValue(values[i])}.`,
          arg,
        );
      }
    }
    const nums = values as ArrayLike<number>;
    return encodeIntegers((i) => nums[i], n, arg, fn, (i) => `row ${i}`, 0);
  }
  const strs = values as ArrayLike<unknown>;
  if (typeof strs[0] !== "string") {
    throw new InvalidArgumentError(
      `${fn}: ${arg} must be an array of integers or strings, a Matrix, or Labels; row 0 is ${describeValue(strs[0])}.`,
      arg,
    );
  }
  const distinct = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = strs[i];
    if (typeof v !== "string") {
      throw new InvalidArgumentError(
        `${fn}: ${arg} must hold only numbers or only strings; row 0 is a string but row ${i} is ${describeValue(v)}.`,
        arg,
      );
    }
    distinct.set(v, 0);
  }
  const levels = [...distinct.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  levels.forEach((v, c) => distinct.set(v, c));
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = distinct.get(strs[i] as string)!;
  return { codes, cardinality: levels.length, levels };
}

/**
 * Column j of an integer-coded Matrix as `Labels` (codes ordered by value).
 * @throws UnsupportedDataError when a value is not an integer, naming the row and column.
 */
export function labelsFromColumn(m: Matrix, j: number, arg: string, fn: string): Labels {
  const { data, cols, rows } = m;
  const name = m.columnNames?.[j] !== undefined ? ` ("${m.columnNames[j]}")` : "";
  return encodeIntegers((i) => data[i * cols + j], rows, arg, fn, (i) => `row ${i}, column ${j}${name}`, j);
}

/**
 * Encodes the pairs (a_i, b_i) as one variable. Codes are dense over the pairs that occur,
 * ordered by (a, b); `cardinality` is the number of distinct observed pairs (not Ka * Kb).
 * `levels` are "la,lb" when both inputs have levels.
 * @throws ShapeMismatchError when the lengths differ.
 */
export function jointLabels(a: Labels, b: Labels, fn = "jointLabels"): Labels {
  const n = a.codes.length;
  if (b.codes.length !== n) {
    throw new ShapeMismatchError(`${fn}: the variables must have the same number of rows; got ${n} and ${b.codes.length}.`);
  }
  const ka = a.cardinality;
  const kb = b.cardinality;
  const ac = a.codes;
  const bc = b.codes;
  const codes = new Int32Array(n);
  let keys: number[];
  const total = ka * kb;
  if (total <= DENSE_RANGE_LIMIT && total <= 8 * n + 1024) {
    const map = new Int32Array(total).fill(-1);
    for (let i = 0; i < n; i++) map[ac[i] * kb + bc[i]] = 0;
    keys = [];
    for (let key = 0; key < total; key++) {
      if (map[key] === 0) {
        map[key] = keys.length;
        keys.push(key);
      }
    }
    for (let i = 0; i < n; i++) codes[i] = map[ac[i] * kb + bc[i]];
  } else {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) map.set(ac[i] * kb + bc[i], 0);
    keys = [...map.keys()].sort((x, y) => x - y);
    keys.forEach((key, c) => map.set(key, c));
    for (let i = 0; i < n; i++) codes[i] = map.get(ac[i] * kb + bc[i])!;
  }
  if (a.levels && b.levels) {
    const la = a.levels;
    const lb = b.levels;
    const levels = keys.map((key) => `${la[Math.floor(key / kb)]},${lb[key % kb]}`);
    return { codes, cardinality: keys.length, levels };
  }
  return { codes, cardinality: keys.length };
}

/** A discrete variable with the size of the alphabet it is drawn from (for NSB). */
export interface DiscreteVariable {
  readonly labels: Labels;
  /**
   * Alphabet size K: `cardinality` of given Labels; for a Matrix, the product over its columns
   * of the number of distinct values of each column; for raw values, the number of distinct
   * values.
   */
  readonly alphabetSize: number;
}

/**
 * Any discrete input as a `DiscreteVariable`. A Matrix must hold integer codes; a multi-column
 * Matrix is encoded as one joint variable (its alphabet is the product of the column alphabets).
 * @throws InvalidArgumentError, NonFiniteValueError, UnsupportedDataError
 */
export function toDiscreteVariable(input: DiscreteInput, arg: string, fn: string): DiscreteVariable {
  if (isLabels(input)) {
    const labels = validateLabels(input, arg, fn);
    return { labels, alphabetSize: labels.cardinality };
  }
  // Rows of numbers (as toMatrix accepts them) are read as an integer-coded Matrix.
  const rowsGiven = Array.isArray(input) && input.length > 0 && Array.isArray(input[0]);
  if (rowsGiven || isMatrixLike(input)) {
    const m = rowsGiven ? toMatrix(input, arg, fn) : (input as Matrix);
    if (!(m.data instanceof Float64Array) || m.data.length !== m.rows * m.cols) {
      throw new InvalidArgumentError(`${fn}: ${arg} must be a Matrix with a Float64Array of rows * cols values.`, arg);
    }
    if (m.cols === 0) {
      throw new InvalidArgumentError(`${fn}: ${arg} must have at least one column; got 0.`, arg);
    }
    let labels = labelsFromColumn(m, 0, arg, fn);
    let alphabetSize = labels.cardinality;
    for (let j = 1; j < m.cols; j++) {
      const next = labelsFromColumn(m, j, arg, fn);
      alphabetSize *= next.cardinality;
      labels = jointLabels(labels, next, fn);
    }
    return { labels, alphabetSize };
  }
  const labels = toLabels(input, arg, fn);
  return { labels, alphabetSize: labels.cardinality };
}
