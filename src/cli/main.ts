import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { allEstimators } from "./allEstimators.js";
import { type CliIo, processIo } from "./cliIo.js";
import { addBenchCommand } from "./commands/bench.js";
import { addBmiCommand } from "./commands/bmi.js";
import { addDemoCommand } from "./commands/demo.js";
import { addDivergenceCommand } from "./commands/divergence.js";
import { addEntropyCommand } from "./commands/entropy.js";
import { addEstimateCommand } from "./commands/estimate.js";
import { addEstimatorsCommand } from "./commands/estimators.js";
import { addMatrixCommand } from "./commands/matrix.js";
import { addMultivariateCommands } from "./commands/oinfo.js";
import { addPidCommand } from "./commands/pid.js";
import { addAisCommand, addTeCommand } from "./commands/te.js";
import { errorMessage, exitCodeFor } from "./exitCode.js";

export type { CliIo, CliStream } from "./cliIo.js";
export { EXIT } from "./exitCode.js";

function packageVersion(): string {
  try {
    // dist/cli/main.js and src/cli/main.ts are both two levels below the package root.
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** The `minfo` program with every command, writing through `io`. A new one per call (no shared state). */
export function buildProgram(io: CliIo): Command {
  const program = new Command("minfo");
  program
    .description("Measure information in data: mutual information, conditional MI, entropy and KL divergence from data files.")
    .version(packageVersion(), "-V, --version", "print the version")
    .option("--debug", "print stack traces of errors")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // One line: commander's suggestion ("(Did you mean --jitter?)") joins the message.
      outputError: (s, write) => write(`minfo: ${s.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " ")}\n`),
    });
  addEstimateCommand(program, io);
  addEntropyCommand(program, io);
  addDivergenceCommand(program, io);
  addMatrixCommand(program, io);
  addTeCommand(program, io);
  addAisCommand(program, io);
  addMultivariateCommands(program, io);
  addPidCommand(program, io);
  addBmiCommand(program, io);
  addBenchCommand(program, io);
  addEstimatorsCommand(program, io, allEstimators);
  addDemoCommand(program, io);
  return program;
}

/**
 * Runs the `minfo` command line `argv` (without `node` and the script) and returns the exit code:
 * 0 ok, 1 other error, 2 usage error, 3 data error. Everything is written through `io`
 * (the process's streams by default); errors are one line on stderr, `minfo: <message>`,
 * with the stack trace only under `--debug`.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes("--debug");
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (e) {
    // commander has already printed its own message (through outputError) for its errors.
    if (!(e instanceof CommanderError)) {
      io.stderr.write(`minfo: ${errorMessage(e)}\n`);
      if (debug && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    }
    return exitCodeFor(e);
  }
}
