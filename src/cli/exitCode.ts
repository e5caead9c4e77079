import { CommanderError } from "commander";
import { MinfoError } from "../core/errors.js";
import { DataError, UsageError } from "./usageError.js";

/** Exit codes of the `minfo` command (docs/cli.md). */
export const EXIT = Object.freeze({ ok: 0, other: 1, usage: 2, data: 3 });

/**
 * The exit code for an error: 2 for usage errors (unknown option, column or estimator, bad
 * option value), 3 for data errors (unparseable or non-finite cells, too few rows), 1 otherwise.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof DataError) return EXIT.data;
  if (error instanceof MinfoError) {
    switch (error.code) {
      case "invalid-argument":
      case "unknown-estimator":
        return EXIT.usage;
      case "parse-error":
      case "non-finite-value":
      case "insufficient-samples":
      case "shape-mismatch":
      case "unsupported-data":
        return EXIT.data;
      default:
        return EXIT.other;
    }
  }
  return EXIT.other;
}

/** One line describing an error, without the `minfo: ` prefix. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const sys = error as NodeJS.ErrnoException;
    if (sys.code === "ENOENT" && sys.path) return `cannot read "${sys.path}": no such file.`;
    if (sys.code === "EISDIR" && sys.path) return `cannot read "${sys.path}": it is a directory.`;
    if (sys.code === "EACCES" && sys.path) return `cannot read "${sys.path}": permission denied.`;
    return error.message.replace(/\s*\n\s*/g, " ").trim();
  }
  return String(error);
}
