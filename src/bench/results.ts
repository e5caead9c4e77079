import { ParseError } from "../core/errors.js";

/**
 * One line of a benchmark's `results.jsonl`: one estimator on one sample (task, n, seed).
 * Estimates are in nats. A failed run has `estimate: null` and `error` (the error's message).
 */
export interface BenchResult {
  readonly task: string;
  readonly suite: string;
  readonly dx: number;
  readonly dy: number;
  /** Estimator label: a registry id ("ksg-1"), a label given with options, or an external name. */
  readonly estimator: string;
  readonly n: number;
  readonly seed: number;
  /** Ground-truth MI (nats). */
  readonly truth: number;
  /** Estimated MI (nats), raw (never clipped); null when the run failed. */
  readonly estimate: number | null;
  /** Wall-clock seconds of the estimate alone (not the sampling). */
  readonly seconds: number;
  /** Error message of a failed run. */
  readonly error?: string;
  /** Interval (nats), when the estimator reports one. */
  readonly ci?: { readonly lower: number; readonly upper: number; readonly level: number };
  /** Whether the sample was z-scored per column before estimation (bmi's protocol). */
  readonly standardized?: boolean;
}

/** The identity of a result: a run that resumes skips the keys it already has. */
export function resultKey(r: { readonly task: string; readonly estimator: string; readonly n: number; readonly seed: number }): string {
  return JSON.stringify([r.task, r.estimator, r.n, r.seed]);
}

/** One complete JSONL line (with its newline) for a result. */
export function formatResultLine(r: BenchResult): string {
  const line: Record<string, unknown> = {
    task: r.task,
    suite: r.suite,
    dx: r.dx,
    dy: r.dy,
    estimator: r.estimator,
    n: r.n,
    seed: r.seed,
    truth: r.truth,
    estimate: r.estimate,
    seconds: r.seconds,
  };
  if (r.error !== undefined) line.error = r.error;
  if (r.ci !== undefined) line.ci = r.ci;
  if (r.standardized !== undefined) line.standardized = r.standardized;
  return `${JSON.stringify(line)}\n`;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function checkResult(v: unknown, line: number, file?: string): BenchResult {
  const fail = (what: string): never => {
    throw new ParseError(`parseResults: line ${line} ${what}.`, { file, line });
  };
  if (typeof v !== "object" || v === null || Array.isArray(v)) return fail("is not a JSON object");
  const o = v as Record<string, unknown>;
  for (const k of ["task", "estimator"] as const) if (typeof o[k] !== "string") fail(`must have a string "${k}"; got ${JSON.stringify(o[k])}`);
  for (const k of ["n", "seed"] as const) if (!Number.isSafeInteger(o[k])) fail(`must have an integer "${k}"; got ${JSON.stringify(o[k])}`);
  if (!isFiniteNumber(o.truth)) fail(`must have a finite "truth"; got ${JSON.stringify(o.truth)}`);
  if (o.estimate !== null && !isFiniteNumber(o.estimate)) fail(`must have a finite "estimate" or null; got ${JSON.stringify(o.estimate)}`);
  if (o.estimate === null && typeof o.error !== "string") fail(`has "estimate": null but no "error" message`);
  const ci = o.ci as Record<string, unknown> | undefined;
  if (ci !== undefined && !(isFiniteNumber(ci?.lower) && isFiniteNumber(ci?.upper))) fail(`has a "ci" without finite "lower" and "upper"`);
  return {
    task: o.task as string,
    suite: typeof o.suite === "string" ? o.suite : "",
    dx: Number.isSafeInteger(o.dx) ? (o.dx as number) : 0,
    dy: Number.isSafeInteger(o.dy) ? (o.dy as number) : 0,
    estimator: o.estimator as string,
    n: o.n as number,
    seed: o.seed as number,
    truth: o.truth as number,
    estimate: o.estimate as number | null,
    seconds: isFiniteNumber(o.seconds) ? o.seconds : 0,
    ...(typeof o.error === "string" ? { error: o.error } : {}),
    ...(ci !== undefined ? { ci: { lower: ci.lower as number, upper: ci.upper as number, level: isFiniteNumber(ci.level) ? ci.level : Number.NaN } } : {}),
    ...(typeof o.standardized === "boolean" ? { standardized: o.standardized } : {}),
  };
}

/**
 * Parses `results.jsonl` text. Blank lines are skipped; an unterminated last line that is not
 * valid JSON (a run killed mid-write) is ignored; any other bad line throws. When a key
 * (task, estimator, n, seed) repeats (a failed run retried with `retryFailed`), the last line
 * wins, at the position of the first.
 * @throws ParseError naming the line.
 */
export function parseResults(text: string, file?: string): BenchResult[] {
  const lines = text.split("\n");
  const out: BenchResult[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === "") continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      if (i === lines.length - 1) break; // truncated final line
      throw new ParseError(`parseResults: line ${i + 1} is not valid JSON.`, { file, line: i + 1 });
    }
    const r = checkResult(v, i + 1, file);
    const key = resultKey(r);
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, out.length);
      out.push(r);
    } else out[at] = r;
  }
  return out;
}
