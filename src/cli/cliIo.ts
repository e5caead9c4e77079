/**
 * The streams the CLI writes to. `main` takes them as an argument so tests can run commands
 * in-process and read what they print; the `minfo` bin passes the process's streams.
 */
export interface CliStream {
  write(chunk: string): unknown;
  /** True for a terminal; progress bars are drawn only then (or with --progress). */
  readonly isTTY?: boolean;
  /** Terminal width, when known. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly stdin?: NodeJS.ReadableStream;
}

/** The running process's streams. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
}
