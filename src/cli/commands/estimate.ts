import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import { allEstimators } from "../allEstimators.js";
import type { CliIo } from "../cliIo.js";
import { checkDataKinds, columnsToEncode, defaultEstimator, discreteColumns, kindOf, variableOf, withDiscreteCodes } from "../dataKinds.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { estimateProgress } from "../estimateProgress.js";
import { assertEnoughRows, droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { addUncertainty, declareUncertaintyOptions } from "../uncertaintyOptions.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";

const RESERVED = new Set(["x", "y", "z", "discrete", "estimator", "seed", "units", "json", "local", "dropMissing", "debug", "help", "version"]);

interface EstimateOpts {
  x: string;
  y: string;
  z?: string;
  discrete?: string;
  estimator?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  dropMissing?: boolean;
  [key: string]: unknown;
}

/** `minfo estimate FILE --x COLS --y COLS [--z COLS]`: I(X;Y) or I(X;Y|Z) from a data file. */
export function addEstimateCommand(program: Command, io: CliIo): void {
  const declared = [...new Set([...estimatorsFor("mi", allEstimators), ...estimatorsFor("cmi", allEstimators)])];
  const cmd = program
    .command("estimate")
    .description("estimate the mutual information I(X;Y), or with --z the conditional MI I(X;Y|Z), between columns of a data file")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json")
    .requiredOption("--x <cols>", "columns of X: names, 0-based indices or ranges like 0-4, comma-separated")
    .requiredOption("--y <cols>", "columns of Y (same forms as --x)")
    .option("--z <cols>", "columns to condition on: estimates I(X;Y|Z)")
    .option(
      "--discrete <cols>",
      "discrete columns (integer or text codes; same forms as --x); picks the default estimator by the data: plugin (all discrete), ross (X continuous, Y discrete or the reverse), gao (other mixes)",
    )
    .option("--estimator <id>", "estimator id (see `minfo estimators`); default ksg-1, or frenzel-pompe with --z (see --discrete)")
    .option("--seed <s>", "seed for every random choice (tie-breaking jitter)", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print the estimate as one JSON object")
    .option("--local", "also print the pointwise (local) values")
    .option("--drop-missing", "leave out rows with a missing (empty) cell in a selected column, instead of stopping");
  declareUncertaintyOptions(cmd);
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (file: string, opts: EstimateOpts) => {
    const conditional = opts.z !== undefined;
    const quantity = conditional ? "cmi" : "mi";
    const usual = conditional ? "frenzel-pompe" : "ksg-1";
    const prepare = (id: string) => {
      const d = findEstimator(id, allEstimators);
      const factory = conditional ? d.cmi : d.mi;
      if (!factory) {
        const what = conditional ? "conditional mutual information (--z)" : "mutual information";
        const ids = estimatorsFor(quantity, allEstimators).map((e) => e.id);
        throw new UsageError(`estimator "${id}" does not estimate ${what}; estimators that do: ${ids.join(", ")}.`);
      }
      const options = estimatorOptionValues(opts, d, declared, RESERVED);
      return {
        d,
        options,
        miEstimator: conditional ? undefined : d.mi!(options),
        cmiEstimator: conditional ? d.cmi!(options) : undefined,
      };
    };
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    // Build the estimator now, so that a bad option value is reported before the file is read
    // (with --discrete and no --estimator, the default depends on the columns: after reading).
    let setup = opts.estimator !== undefined || opts.discrete === undefined ? prepare(opts.estimator ?? usual) : undefined;

    const table = await loadTable(file, { io, force: opts.progress === true });
    const groups: [string, number[]][] = [
      ["--x", resolveColumns(table, opts.x, "--x")],
      ["--y", resolveColumns(table, opts.y, "--y")],
    ];
    if (conditional) groups.push(["--z", resolveColumns(table, opts.z!, "--z")]);
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const shared = groups[a][1].find((j) => groups[b][1].includes(j));
        if (shared !== undefined) {
          throw new UsageError(`column "${table.names[shared]}" is in both ${groups[a][0]} and ${groups[b][0]}; the variables must not share columns.`);
        }
      }
    }
    const discrete = discreteColumns(table, opts.discrete);
    const kinded = groups.map(([flag, columns]) => ({ label: flag.slice(2).toUpperCase(), columns }));
    setup ??= prepare(defaultEstimator(usual, quantity, kinded, discrete));
    const { d, options, miEstimator, cmiEstimator } = setup;
    // MI is symmetric: an estimator for (continuous X, discrete Y) also takes them the other way round.
    const swap = !conditional && d.variables !== undefined && kindOf(kinded[0], discrete) === "discrete" && kindOf(kinded[1], discrete) === "continuous";
    checkDataKinds(d, quantity, table, swap ? [{ ...kinded[1], label: "X" }, { ...kinded[0], label: "Y" }] : kinded, discrete);
    const coded = withDiscreteCodes(table, columnsToEncode(d, kinded, discrete), d, variableOf(kinded), discrete);
    const sel = selectGroups(
      coded,
      groups.map(([, g]) => g),
      opts.dropMissing === true,
    );
    if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
    const need = rowsNeeded(d, options);
    assertEnoughRows(file, sel.rows, need.moreThan, need.why, sel.dropped);
    const [x, y, z] = sel.matrices;

    // Estimators that report progress (neural training) get a bar on stderr.
    const progress = estimateProgress(io, opts.progress === true);
    const run = { seed, units, local: opts.local === true, onProgress: progress.onProgress };
    let e;
    try {
      e = await runEstimate(() =>
        cmiEstimator ? cmiEstimator.estimate(x, y, z, run) : swap ? miEstimator!.estimate(y, x, run) : miEstimator!.estimate(x, y, run),
      );
    } finally {
      progress.stop();
    }
    const vars = sel.names.map((names, i): [string, string] => [["X", "Y", "Z"][i], names.join(", ")]);
    // --ci / --test: resampling on the same (x, y) order as the estimate (docs/uncertainty.md).
    const shown = await addUncertainty(io, opts, e, miEstimator, swap ? y : x, swap ? x : y);
    printEstimate(io, shown, vars, opts.json === true, opts.local === true);
  });
}
