import { InsufficientSamplesError, InvalidArgumentError, NonFiniteValueError, ShapeMismatchError } from "../errors.js";
import type { Matrix } from "../types.js";
import { matrix } from "./matrix.js";

/** What public functions accept as a sample: a Matrix, rows of numbers, or one column. */
export type MatrixInput = Matrix | readonly (readonly number[])[] | readonly number[] | Float64Array;

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === "string") return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v)}`;
  if (typeof v === "number") return String(v);
  return typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

function isMatrix(v: unknown): v is Matrix {
  return typeof v === "object" && v !== null && "data" in v && "rows" in v && "cols" in v;
}

/**
 * Validates a sample at a public boundary and returns it as a Matrix. Never mutates or keeps a
 * reference to arrays it copies; a valid Matrix is returned as is (estimators never write to it).
 * @throws InvalidArgumentError, ShapeMismatchError, NonFiniteValueError
 */
export function toMatrix(input: unknown, arg: string, fn: string): Matrix {
  let m: Matrix;
  if (isMatrix(input)) {
    const { data, rows, cols } = input;
    if (!(data instanceof Float64Array)) {
      throw new InvalidArgumentError(`${fn}: ${arg}.data must be a Float64Array; got ${describe(data)}.`, arg);
    }
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new InvalidArgumentError(`${fn}: ${arg}.rows and ${arg}.cols must be non-negative integers; got ${rows} x ${cols}.`, arg);
    }
    if (data.length !== rows * cols) {
      throw new ShapeMismatchError(`${fn}: ${arg}.data has ${data.length} values; expected rows * cols = ${rows * cols}.`);
    }
    m = input;
  } else if (input instanceof Float64Array || (Array.isArray(input) && input.every((v) => typeof v === "number"))) {
    const arr = input as ArrayLike<number>;
    m = matrix(Float64Array.from(arr), arr.length, 1);
  } else if (Array.isArray(input)) {
    const rows = input as unknown[];
    const d = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : -1;
    const data = new Float64Array(rows.length * Math.max(d, 0));
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!Array.isArray(r)) {
        throw new InvalidArgumentError(`${fn}: ${arg} must be rows of numbers; row ${i} is ${describe(r)}.`, arg);
      }
      if (r.length !== d) {
        throw new ShapeMismatchError(`${fn}: ${arg} row ${i} has ${r.length} values; expected ${d} like row 0.`);
      }
      for (let j = 0; j < d; j++) {
        const v = r[j];
        if (typeof v !== "number") {
          throw new InvalidArgumentError(`${fn}: ${arg}[${i}][${j}] must be a number; got ${describe(v)}.`, arg);
        }
        data[i * d + j] = v;
      }
    }
    m = matrix(data, rows.length, Math.max(d, 0));
  } else {
    throw new InvalidArgumentError(
      `${fn}: ${arg} must be a Matrix, an array of rows, or an array of numbers; got ${describe(input)}.`,
      arg,
    );
  }
  if (m.cols === 0 && m.rows > 0) {
    throw new InvalidArgumentError(`${fn}: ${arg} must have at least one column; got 0.`, arg);
  }
  assertFinite(m, arg, fn);
  return m;
}

/** @throws NonFiniteValueError naming the first NaN/Infinity by row and column (0-based). */
export function assertFinite(m: Matrix, arg: string, fn: string): void {
  const { data, cols } = m;
  for (let idx = 0; idx < data.length; idx++) {
    if (!Number.isFinite(data[idx])) {
      const row = Math.floor(idx / cols);
      const col = idx - row * cols;
      const name = m.columnNames?.[col] !== undefined ? ` ("${m.columnNames[col]}")` : "";
      throw new NonFiniteValueError(
        `${fn}: ${arg} must be finite; row ${row}, column ${col}${name} is ${data[idx]}.`,
        arg,
        row,
        col,
      );
    }
  }
}

/** @throws ShapeMismatchError when the samples do not have the same number of rows. */
export function assertSameRows(fn: string, parts: readonly [string, Matrix][]): void {
  const [name0, m0] = parts[0];
  for (const [name, m] of parts.slice(1)) {
    if (m.rows !== m0.rows) {
      throw new ShapeMismatchError(`${fn}: ${name} has ${m.rows} rows but ${name0} has ${m0.rows}; they must be paired row by row.`);
    }
  }
}

/** @throws InsufficientSamplesError when there are fewer than `min` rows. */
export function assertMinRows(fn: string, n: number, min: number, why: string): void {
  if (n < min) {
    throw new InsufficientSamplesError(`${fn}: needs at least ${min} rows (${why}); got ${n}.`, min, n);
  }
}

/** Validates an integer option in [min, max]. */
export function integerOption(fn: string, name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER, extra = ""): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new InvalidArgumentError(`${fn}: ${name} must be an integer ${range}${extra}; got ${describe(value)}.`, name);
  }
  return value;
}

/** Validates a finite number option in [min, max]. */
export function numberOption(fn: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${fn}: ${name} must be a finite number in [${min}, ${max}]; got ${describe(value)}.`, name);
  }
  return value;
}

/**
 * Rejects an options argument that is not a plain object (null, a string, an array...) and option
 * keys the estimator does not know, naming the known ones.
 */
export function assertKnownOptions(fn: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${fn}: options must be an object; got ${describe(options)}.`, "options");
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      const list = known.length > 0 ? `known options: ${known.join(", ")}` : `${fn} takes no options`;
      throw new InvalidArgumentError(`${fn}: unknown option "${key}"; ${list}.`, key);
    }
  }
}

/**
 * Validates the samples of one estimate call (each with `toMatrix`) and checks that they are
 * paired row by row. `samples` maps argument names to inputs, in order: `{ x, y }` or `{ x, y, z }`.
 * @throws as `toMatrix`, and ShapeMismatchError when row counts differ.
 */
export function toPairedMatrices(fn: string, samples: Readonly<Record<string, unknown>>): Matrix[] {
  const parts = Object.entries(samples).map(([name, value]) => [name, toMatrix(value, name, fn)] as [string, Matrix]);
  assertSameRows(fn, parts);
  return parts.map(([, m]) => m);
}
