import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import type { CliIo } from "../cliIo.js";
import { checkDataKinds, columnsToEncode, defaultEstimator, discreteColumns, variableOf, withDiscreteCodes } from "../dataKinds.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { assertEnoughRows, droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";

const RESERVED = new Set(["x", "discrete", "estimator", "seed", "units", "json", "local", "dropMissing", "debug", "help", "version"]);

interface EntropyOpts {
  x: string;
  discrete?: string;
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
    .option("--discrete <cols>", "discrete columns (integer or text codes); when every column of X is discrete the default estimator is plugin")
    .option("--estimator <id>", "estimator id (see `minfo estimators`); default kozachenko-leonenko, or plugin for discrete X")
    .option("--seed <s>", "seed for every random choice (tie-breaking jitter)", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print the estimate as one JSON object")
    .option("--local", "also print the pointwise (local) values")
    .option("--drop-missing", "leave out rows with a missing (empty) cell in a selected column, instead of stopping");
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (file: string, opts: EntropyOpts) => {
    const prepare = (id: string) => {
      const d = findEstimator(id);
      if (!d.entropy) {
        throw new UsageError(`estimator "${id}" does not estimate entropy; estimators that do: ${declared.map((e) => e.id).join(", ")}.`);
      }
      const options = estimatorOptionValues(opts, d, declared, RESERVED);
      return { d, options, estimator: d.entropy(options) };
    };
    const usual = "kozachenko-leonenko";
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    // With --discrete and no --estimator the default depends on the columns: built after reading.
    let setup = opts.estimator !== undefined || opts.discrete === undefined ? prepare(opts.estimator ?? usual) : undefined;
    const table = await loadTable(file, { io, force: false });
    const kinded = [{ label: "X", columns: resolveColumns(table, opts.x, "--x") }];
    const discrete = discreteColumns(table, opts.discrete);
    setup ??= prepare(defaultEstimator(usual, "entropy", kinded, discrete));
    const { d, options, estimator } = setup;
    checkDataKinds(d, "entropy", table, kinded, discrete);
    const coded = withDiscreteCodes(table, columnsToEncode(d, kinded, discrete), d, variableOf(kinded), discrete);
    const sel = selectGroups(coded, [kinded[0].columns], opts.dropMissing === true);
    if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
    const need = rowsNeeded(d, options);
    assertEnoughRows(file, sel.rows, need.moreThan, need.why, sel.dropped);
    const e = await runEstimate(() => estimator.estimate(sel.matrices[0], { seed, units, local: opts.local === true }));
    printEstimate(io, e, [["X", sel.names[0].join(", ")]], opts.json === true, opts.local === true);
  });
}
