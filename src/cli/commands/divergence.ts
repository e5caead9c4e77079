import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import type { CliIo } from "../cliIo.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { assertEnoughRows, droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { DataError, UsageError } from "../usageError.js";

const RESERVED = new Set(["columns", "estimator", "seed", "units", "json", "local", "dropMissing", "debug", "help", "version"]);

interface DivergenceOpts {
  columns?: string;
  estimator?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  dropMissing?: boolean;
  [key: string]: unknown;
}

/**
 * `minfo divergence P_FILE Q_FILE`: the KL divergence D(P||Q) between the distributions of two
 * samples with the same columns (one file per sample).
 */
export function addDivergenceCommand(program: Command, io: CliIo): void {
  const declared = estimatorsFor("divergence");
  const cmd = program
    .command("divergence")
    .description("estimate the KL divergence D(P||Q) between two samples (one data file each, same columns)")
    .argument("<pFile>", "sample from P")
    .argument("<qFile>", "sample from Q")
    .option("--columns <cols>", "columns to compare, resolved in each file (names, indices, ranges); default every column of P")
    .option("--estimator <id>", "estimator id (see `minfo estimators`)", "knn-kl")
    .option("--seed <s>", "seed for every random choice (tie-breaking jitter)", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print the estimate as one JSON object")
    .option("--local", "also print the pointwise (local) values")
    .option("--drop-missing", "leave out rows with a missing (empty) cell in a selected column, instead of stopping");
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (pFile: string, qFile: string, opts: DivergenceOpts) => {
    const id = opts.estimator ?? "knn-kl";
    const d = findEstimator(id);
    if (!d.divergence) {
      throw new UsageError(`estimator "${id}" does not estimate a divergence; estimators that do: ${declared.map((e) => e.id).join(", ")}.`);
    }
    const options = estimatorOptionValues(opts, d, declared, RESERVED);
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    const estimator = d.divergence(options);
    const p = await loadTable(pFile, { io, force: false });
    const q = await loadTable(qFile, { io, force: false });
    const pCols = opts.columns !== undefined ? resolveColumns(p, opts.columns, "--columns") : p.names.map((_, j) => j);
    const qCols =
      opts.columns !== undefined
        ? resolveColumns(q, opts.columns, "--columns")
        : pCols.map((j) => {
            const k = q.names.indexOf(p.names[j]);
            if (k < 0) throw new DataError(`${qFile}: has no column "${p.names[j]}" (a column of ${pFile}); select columns with --columns.`);
            return k;
          });
    if (pCols.length !== qCols.length) {
      throw new UsageError(`--columns selects ${pCols.length} columns in ${pFile} but ${qCols.length} in ${qFile}; they must match.`);
    }
    const ps = selectGroups(p, [pCols], opts.dropMissing === true);
    const qs = selectGroups(q, [qCols], opts.dropMissing === true);
    if (!opts.json) {
      if (ps.dropped > 0) io.stderr.write(droppedNote(pFile, ps));
      if (qs.dropped > 0) io.stderr.write(droppedNote(qFile, qs));
    }
    const need = rowsNeeded(d, options);
    assertEnoughRows(pFile, ps.rows, need.moreThan, need.why, ps.dropped);
    // The k-th neighbour of a point of P among Q exists when Q has at least k rows.
    assertEnoughRows(qFile, qs.rows, need.moreThan - 1, `estimator ${d.id} needs at least ${need.moreThan} rows of Q`, qs.dropped);
    const e = await runEstimate(() => estimator.estimate(ps.matrices[0], qs.matrices[0], { seed, units, local: opts.local === true }));
    printEstimate(
      io,
      e,
      [
        ["P", `${pFile} (${ps.names[0].join(", ")})`],
        ["Q", `${qFile} (${qs.names[0].join(", ")})`],
      ],
      opts.json === true,
      opts.local === true,
    );
  });
}
