import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import type { CliIo } from "../cliIo.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { assertEnoughRows, loadTable, selectColumns } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";

const RESERVED = new Set(["x", "estimator", "seed", "units", "json", "local", "debug", "help", "version"]);

interface EntropyOpts {
  x: string;
  estimator?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  [key: string]: unknown;
}

/** `minfo entropy FILE --x COLS`: differential entropy H(X) of columns of a data file. */
export function addEntropyCommand(program: Command, io: CliIo): void {
  const declared = estimatorsFor("entropy");
  const cmd = program
    .command("entropy")
    .description("estimate the differential entropy H(X) of columns of a data file")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json")
    .requiredOption("--x <cols>", "columns of X: names, 0-based indices or ranges like 0-4, comma-separated")
    .option("--estimator <id>", "estimator id (see `minfo estimators`)", "kozachenko-leonenko")
    .option("--seed <s>", "seed for every random choice (tie-breaking jitter)", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print the estimate as one JSON object")
    .option("--local", "also print the pointwise (local) values");
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (file: string, opts: EntropyOpts) => {
    const id = opts.estimator ?? "kozachenko-leonenko";
    const d = findEstimator(id);
    if (!d.entropy) {
      throw new UsageError(`estimator "${id}" does not estimate entropy; estimators that do: ${declared.map((e) => e.id).join(", ")}.`);
    }
    const options = estimatorOptionValues(opts, d, declared, RESERVED);
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    const estimator = d.entropy(options);
    const table = await loadTable(file, { io, force: false });
    const x = selectColumns(table, opts.x, "--x");
    const need = rowsNeeded(d, options);
    assertEnoughRows(table, file, need.moreThan, need.why);
    const e = await runEstimate(() => estimator.estimate(x.matrix, { seed, units, local: opts.local === true }));
    printEstimate(io, e, [["X", x.names.join(", ")]], opts.json === true, opts.local === true);
  });
}
