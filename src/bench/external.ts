import { InvalidArgumentError, ParseError } from "../core/errors.js";
import type { Matrix } from "../core/types.js";

/**
 * bmi's external-estimator protocol (Czyż et al. 2023; bmi `estimators/external`): the sample is
 * written as a CSV with header X0..X{dx-1},Y0..Y{dy-1} (no index column), the command is run as
 * `cmd... FILE DIM_X DIM_Y`, and its standard output and error together must be exactly one
 * number: the MI in nats. These are the isomorphic pieces; minfo/node's `externalEstimator` runs
 * the command.
 */

/** An external estimator: a label and the command (program and leading arguments). */
export interface ExternalSpec {
  readonly name: string;
  readonly command: readonly string[];
}

/**
 * Splits a command line into words: whitespace separates; '...' quotes literally; "..." quotes
 * with backslash escapes of " and \\; a backslash outside quotes escapes the next character.
 * @throws InvalidArgumentError for an unterminated quote or an empty command.
 */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let cur = "";
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new InvalidArgumentError(`splitCommandLine: unterminated ' quote in ${JSON.stringify(line)}.`, "command");
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        if (line[j] === "\\" && (line[j + 1] === '"' || line[j + 1] === "\\")) j++;
        cur += line[j];
      }
      if (j >= line.length) throw new InvalidArgumentError(`splitCommandLine: unterminated " quote in ${JSON.stringify(line)}.`, "command");
      inWord = true;
      i = j;
    } else if (c === "\\" && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = "";
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  if (words.length === 0) throw new InvalidArgumentError(`splitCommandLine: the command is empty; got ${JSON.stringify(line)}.`, "command");
  return words;
}

/**
 * Parses `name=cmd args...` (the CLI's `--external`). The name must be a non-empty label of
 * letters, digits, '.', '_' or '-'.
 * @throws InvalidArgumentError for a missing '=', a bad name or an empty command.
 */
export function parseExternalSpec(text: string): ExternalSpec {
  const eq = text.indexOf("=");
  const name = eq < 0 ? "" : text.slice(0, eq).trim();
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new InvalidArgumentError(`parseExternalSpec: expected name='command ...' with a name of letters, digits, '.', '_' or '-'; got ${JSON.stringify(text)}.`, "external");
  }
  return { name, command: splitCommandLine(text.slice(eq + 1)) };
}

/** The sample as bmi's CSV: header X0..,Y0..; one row per sample; shortest round-trip numbers. */
export function sampleToCsv(x: Matrix, y: Matrix): string {
  if (x.rows !== y.rows) throw new InvalidArgumentError(`sampleToCsv: x and y must have the same rows; got ${x.rows} and ${y.rows}.`, "y");
  const header = [...Array.from({ length: x.cols }, (_, j) => `X${j}`), ...Array.from({ length: y.cols }, (_, j) => `Y${j}`)].join(",");
  const lines = new Array<string>(x.rows + 1);
  lines[0] = header;
  const row: string[] = new Array<string>(x.cols + y.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) row[j] = String(x.data[i * x.cols + j]);
    for (let j = 0; j < y.cols; j++) row[x.cols + j] = String(y.data[i * y.cols + j]);
    lines[i + 1] = row.join(",");
  }
  return lines.join("\n") + "\n";
}

const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The estimate printed by an external command: its whole output (stdout and stderr), trimmed,
 * must be one finite decimal number, as bmi requires (it parses the output with `float()`).
 * @throws ParseError quoting (the start of) the output otherwise.
 */
export function parseExternalOutput(output: string): number {
  const s = output.trim();
  if (!FLOAT.test(s)) {
    const shown = s.length > 200 ? `${s.slice(0, 200)}...` : s;
    throw new ParseError(`external estimator: output must be exactly one number (nats); got ${JSON.stringify(shown)}.`);
  }
  return Number(s);
}
