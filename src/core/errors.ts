/**
 * Typed errors with stable codes. Messages name the function, the argument, what was expected
 * and what was given, e.g. `ksg: k must be an integer in [1, n-1] (n = 5); got 10.`
 */

export type ErrorCode =
  | "invalid-argument"
  | "shape-mismatch"
  | "non-finite-value"
  | "insufficient-samples"
  | "parse-error"
  | "unknown-estimator"
  | "unsupported-data"
  | "aborted"
  | "training-diverged"
  | "backend-unavailable";

export class MinfoError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

/** An option or argument outside its domain. */
export class InvalidArgumentError extends MinfoError {
  readonly argument: string;
  constructor(message: string, argument: string) {
    super("invalid-argument", message);
    this.argument = argument;
  }
}

/** Row counts or column counts that do not agree. */
export class ShapeMismatchError extends MinfoError {
  constructor(message: string) {
    super("shape-mismatch", message);
  }
}

/** NaN or +-Infinity in the data; `row` and `column` are 0-based. */
export class NonFiniteValueError extends MinfoError {
  readonly argument: string;
  readonly row: number;
  readonly column: number;
  constructor(message: string, argument: string, row: number, column: number) {
    super("non-finite-value", message);
    this.argument = argument;
    this.row = row;
    this.column = column;
  }
}

/** Too few rows for the requested estimator (for example N <= k). */
export class InsufficientSamplesError extends MinfoError {
  readonly required: number;
  readonly actual: number;
  constructor(message: string, required: number, actual: number) {
    super("insufficient-samples", message);
    this.required = required;
    this.actual = actual;
  }
}

/** A file or text that cannot be read; `line` and `column` are 1-based where known. */
export class ParseError extends MinfoError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number | string;
  constructor(message: string, where: { file?: string; line?: number; column?: number | string } = {}) {
    super("parse-error", message);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }
}

export class UnknownEstimatorError extends MinfoError {
  readonly id: string;
  constructor(id: string, known: readonly string[]) {
    super("unknown-estimator", `unknown estimator "${id}"; known estimators: ${known.join(", ")}.`);
    this.id = id;
  }
}

/** The estimator does not accept this kind of data (for example discrete data for KSG). */
export class UnsupportedDataError extends MinfoError {
  constructor(message: string) {
    super("unsupported-data", message);
  }
}

export class AbortError extends MinfoError {
  constructor(where: string) {
    super("aborted", `${where}: aborted by the caller's AbortSignal.`);
  }
}

export class TrainingDivergedError extends MinfoError {
  readonly step: number;
  constructor(message: string, step: number) {
    super("training-diverged", message);
    this.step = step;
  }
}

export class BackendUnavailableError extends MinfoError {
  constructor(message: string) {
    super("backend-unavailable", message);
  }
}

/** Throws `AbortError` when the signal has fired. Call between chunks of long work. */
export function throwIfAborted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted) throw new AbortError(where);
}
