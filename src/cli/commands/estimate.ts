import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import type { CliIo } from "../cliIo.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { assertEnoughRows, loadTable, selectColumns } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";

const RESERVED = new Set(["x", "y", "z", "estimator", "seed", "units", "json", "local", "debug", "help", "version"]);

interface EstimateOpts {
  x: string;
  y: string;
  z?: string;
  estimator?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  [key: string]: unknown;
}

/** `minfo estimate FILE --x COLS --y COLS [--z COLS]`: I(X;Y) or I(X;Y|Z) from a data file. */
export function addEstimateCommand(program: Command, io: CliIo): void {
  const declared = [...new Set([...estimatorsFor("mi"), ...estimatorsFor("cmi")])];
  const cmd = program
    .command("estimate")
    .description("estimate the mutual information I(X;Y), or with --z the conditional MI I(X;Y|Z), between columns of a data file")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json")
    .requiredOption("--x <cols>", "columns of X: names, 0-based indices or ranges like 0-4, comma-separated")
    .requiredOption("--y <cols>", "columns of Y (same forms as --x)")
    .option("--z <cols>", "columns to condition on: estimates I(X;Y|Z)")
    .option("--estimator <id>", "estimator id (see `minfo estimators`); default ksg-1, or frenzel-pompe with --z")
    .option("--seed <s>", "seed for every random choice (tie-breaking jitter)", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print the estimate as one JSON object")
    .option("--local", "also print the pointwise (local) values");
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (file: string, opts: EstimateOpts) => {
    const conditional = opts.z !== undefined;
    const quantity = conditional ? "cmi" : "mi";
    const id = opts.estimator ?? (conditional ? "frenzel-pompe" : "ksg-1");
    const d = findEstimator(id);
    const factory = conditional ? d.cmi : d.mi;
    if (!factory) {
      const what = conditional ? "conditional mutual information (--z)" : "mutual information";
      const ids = estimatorsFor(quantity).map((e) => e.id);
      throw new UsageError(`estimator "${id}" does not estimate ${what}; estimators that do: ${ids.join(", ")}.`);
    }
    const options = estimatorOptionValues(opts, d, declared, RESERVED);
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    // Build the estimator now, so that a bad option value is reported before the file is read.
    const miEstimator = conditional ? undefined : d.mi!(options);
    const cmiEstimator = conditional ? d.cmi!(options) : undefined;

    const table = await loadTable(file, { io, force: false });
    const x = selectColumns(table, opts.x, "--x");
    const y = selectColumns(table, opts.y, "--y");
    const z = conditional ? selectColumns(table, opts.z!, "--z") : undefined;
    const groups: [string, readonly string[], readonly number[]][] = [
      ["--x", x.names, x.indices],
      ["--y", y.names, y.indices],
      ...(z ? [["--z", z.names, z.indices] as [string, readonly string[], readonly number[]]] : []),
    ];
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const shared = groups[a][2].find((j) => groups[b][2].includes(j));
        if (shared !== undefined) {
          throw new UsageError(`column "${table.names[shared]}" is in both ${groups[a][0]} and ${groups[b][0]}; the variables must not share columns.`);
        }
      }
    }
    const need = rowsNeeded(d, options);
    assertEnoughRows(table, file, need.moreThan, need.why);

    const run = { seed, units, local: opts.local === true };
    const e = await runEstimate(() =>
      cmiEstimator ? cmiEstimator.estimate(x.matrix, y.matrix, z!.matrix, run) : miEstimator!.estimate(x.matrix, y.matrix, run),
    );
    const vars: [string, string][] = [
      ["X", x.names.join(", ")],
      ["Y", y.names.join(", ")],
    ];
    if (z) vars.push(["Z", z.names.join(", ")]);
    printEstimate(io, e, vars, opts.json === true, opts.local === true);
  });
}
