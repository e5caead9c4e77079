import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import { allEstimators } from "../allEstimators.js";
import { UnsupportedDataError } from "../../core/errors.js";
import type { CliIo } from "../cliIo.js";
import { checkDataKinds, columnsToEncode, discreteColumns, withDiscreteCodes } from "../dataKinds.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { formatMs, formatParams, renderTable } from "../format.js";
import { assertEnoughRows, droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { miMatrix } from "../miMatrix.js";
import { createProgress } from "../progress.js";
import { rowsNeeded } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { DataError, UsageError } from "../usageError.js";

const RESERVED = new Set(["columns", "discrete", "estimator", "seed", "units", "json", "csv", "progress", "decimals", "dropMissing", "debug", "help", "version"]);

interface MatrixOpts {
  columns?: string;
  discrete?: string;
  estimator?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  csv?: boolean;
  progress?: boolean;
  decimals?: string;
  dropMissing?: boolean;
  [key: string]: unknown;
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Yields to the event loop so the progress bar's timer can draw. */
function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * `minfo matrix FILE`: the all-pairs MI matrix of (numeric) columns. The diagonal is empty
 * (null in JSON): I(X;X) is infinite for a continuous X, and kNN estimators cannot estimate it.
 */
export function addMatrixCommand(program: Command, io: CliIo): void {
  const declared = estimatorsFor("mi", allEstimators);
  const cmd = program
    .command("matrix")
    .description("all-pairs mutual information matrix of columns of a data file (diagonal left empty)")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json")
    .option("--columns <cols>", "columns to include (names, indices, ranges); default every numeric column")
    .option("--discrete <cols>", "discrete columns (integer or text codes); text columns named here are included by default")
    .option("--estimator <id>", "MI estimator id (see `minfo estimators`); default ksg-1, or with --discrete plugin (all discrete) or gao (mixed)")
    .option("--seed <s>", "seed for every random choice", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--decimals <n>", "decimals in the human-readable table", "3")
    .option("--json", "print the matrix as one JSON object")
    .option("--csv", "print the matrix as CSV (full precision, empty diagonal)")
    .option("--drop-missing", "leave out rows with a missing (empty) cell in a selected column, instead of stopping")
    .option("--progress", "show the progress bar even when stderr is not a terminal");
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (file: string, opts: MatrixOpts) => {
    if (opts.json && opts.csv) throw new UsageError("options --json and --csv cannot be used together.");
    const prepare = (id: string) => {
      const d = findEstimator(id, allEstimators);
      if (!d.mi) {
        throw new UsageError(`estimator "${id}" does not estimate mutual information; estimators that do: ${declared.map((e) => e.id).join(", ")}.`);
      }
      const options = estimatorOptionValues(opts, d, declared, RESERVED);
      return { d, options, estimator: d.mi(options) };
    };
    // With --discrete and no --estimator the default depends on the columns: built after reading.
    let setup = opts.estimator !== undefined || opts.discrete === undefined ? prepare(opts.estimator ?? "ksg-1") : undefined;
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    const decimals = Number(opts.decimals ?? "3");
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 12) {
      throw new UsageError(`option --decimals must be an integer in [0, 12]; got "${String(opts.decimals)}".`);
    }
    const table = await loadTable(file, { io, force: opts.progress === true });
    const discrete = discreteColumns(table, opts.discrete);
    let indices: number[];
    if (opts.columns !== undefined) {
      indices = resolveColumns(table, opts.columns, "--columns");
    } else {
      indices = table.columns.flatMap((c, j) => (c.kind === "numeric" || discrete.has(j) ? [j] : []));
      const skipped = table.columns.filter((c, j) => c.kind !== "numeric" && !discrete.has(j)).map((c) => c.name);
      if (skipped.length && !opts.json) io.stderr.write(`note: skipped non-numeric columns: ${skipped.join(", ")}\n`);
    }
    if (indices.length < 2) throw new DataError(`${file}: a matrix needs at least 2 numeric columns; got ${indices.length}.`);
    const nDiscrete = indices.filter((j) => discrete.has(j)).length;
    setup ??= prepare(nDiscrete === 0 ? "ksg-1" : nDiscrete === indices.length ? "plugin" : "gao");
    const { d, options, estimator } = setup;
    if (d.variables) {
      throw new UnsupportedDataError(
        `estimator "${d.id}" accepts X ${d.variables.x.join(" or ")} and Y ${d.variables.y.join(" or ")}, but a matrix pairs every column with every other; ` +
          `use gao (any mix of discrete and continuous columns) for a matrix.`,
      );
    }
    const kinded = [{ label: "matrix", columns: indices }];
    checkDataKinds(d, "mi", table, kinded, discrete);
    const coded = withDiscreteCodes(table, columnsToEncode(d, kinded, discrete), d, () => "matrix", discrete);
    const sel = selectGroups(coded, [indices], opts.dropMissing === true);
    if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
    const need = rowsNeeded(d, options);
    assertEnoughRows(file, sel.rows, need.moreThan, need.why, sel.dropped);

    const p = indices.length;
    const progress = createProgress(io, opts.progress === true, (p * (p - 1)) / 2, "MI matrix");
    let result;
    try {
      result = await miMatrix(sel.matrices[0], sel.names[0], estimator, { seed, units }, async () => {
        progress.increment();
        await tick();
      });
    } finally {
      progress.stop();
    }

    if (opts.json) {
      const out = {
        quantity: "mutual-information",
        estimator: d.id,
        params: result.params,
        units,
        n: sel.rows,
        ...(sel.dropped > 0 ? { droppedRows: sel.dropped } : {}),
        seed,
        columns: result.names,
        values: result.values,
        diagnostics: { warnings: result.warnings, elapsedMs: result.elapsedMs },
        references: result.references,
      };
      io.stdout.write(JSON.stringify(out, null, 2) + "\n");
      return;
    }
    if (opts.csv) {
      const lines = [["", ...result.names].map(csvField).join(",")];
      result.values.forEach((row, i) => lines.push([csvField(result.names[i]), ...row.map((v) => (v === null ? "" : String(v)))].join(",")));
      io.stdout.write(lines.join("\n") + "\n");
    } else {
      const rows = [["", ...result.names]];
      result.values.forEach((row, i) => rows.push([result.names[i], ...row.map((v) => (v === null ? "" : v.toFixed(decimals)))]));
      io.stdout.write(
        `mutual information (${units}), estimator ${d.id} (${formatParams(result.params)}), n = ${sel.rows}, seed ${seed}, ${formatMs(result.elapsedMs)}\n`,
      );
      io.stdout.write(renderTable(rows, ["left", ...result.names.map(() => "right" as const)]));
    }
    for (const w of result.warnings) io.stderr.write(`warning [${w.code}] (${w.count} of ${result.pairs} pairs): ${w.message}\n`);
  });
}
