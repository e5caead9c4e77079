import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import type { CliIo } from "../cliIo.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { assertEnoughRows, droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";

const RESERVED = new Set(["x", "estimator", "seed", "units", "json", "local", "dropMissing", "debug", "help", "version"]);

interface EntropyOpts {
  x: string;
  estimator?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  dropMissing?: boolean;
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
    .option("--local", "also print the pointwise (local) values")
    .option("--drop-missing", "leave out rows with a missing (empty) cell in a selected column, instead of stopping");
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
    const sel = selectGroups(table, [resolveColumns(table, opts.x, "--x")], opts.dropMissing === true);
    if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
    const need = rowsNeeded(d, options);
    assertEnoughRows(file, sel.rows, need.moreThan, need.why, sel.dropped);
    const e = await runEstimate(() => estimator.estimate(sel.matrices[0], { seed, units, local: opts.local === true }));
    printEstimate(io, e, [["X", sel.names[0].join(", ")]], opts.json === true, opts.local === true);
  });
}
