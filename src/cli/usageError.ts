/**
 * A command line the CLI cannot act on: an option the chosen estimator does not have, a value
 * of the wrong type, a quantity the estimator does not compute. Exit code 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Data the CLI cannot estimate from, found by the CLI itself (missing cells, too few rows) or
 * reported by an estimator while it ran. Exit code 3.
 */
export class DataError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DataError";
  }
}
