import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";

/** A string sink standing in for stdout/stderr. */
export class Capture {
  text = "";
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `minfo ...args` in-process with captured streams. */
export async function runCli(args: readonly string[], options: { stderrTTY?: boolean } = {}): Promise<CliResult> {
  const stdout = new Capture();
  const stderr = new Capture(options.stderrTTY ?? false);
  const code = await main(args, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** A fresh temporary directory for test files. */
export function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), "minfo-cli-"));
}

/** Writes `text` to `dir/name` and returns the path. */
export function writeFile(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Deterministic correlated sample: rows (a, b, c) with b = a + noise, c independent. */
export function sampleRows(n: number, seed = 1): number[][] {
  // A small LCG + Box-Muller so the fixture does not depend on the library under test.
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const g = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = g();
    rows.push([a, a + g(), g()]);
  }
  return rows;
}

/** Rows as CSV text with a header. */
export function toCsv(names: readonly string[], rows: readonly (readonly number[])[]): string {
  return [names.join(","), ...rows.map((r) => r.map((v) => String(v)).join(","))].join("\n") + "\n";
}
