import type { Command } from "commander";
import { estimatorsFor, findEstimator } from "../../estimators/registry.js";
import { allEstimators } from "../allEstimators.js";
import { formatFromPath } from "../../node/readTable.js";
import type { CliIo } from "../cliIo.js";
import { declareEstimatorOptions, estimatorOptionValues } from "../estimatorOptions.js";
import { assertEnoughRows, loadTable, selectGroups } from "../loadTable.js";
import { rowsNeeded, runEstimate } from "../runEstimate.js";
import { parsePositiveInteger, parseSeed } from "../runOptions.js";
import { DataError, UsageError } from "../usageError.js";

const RESERVED = new Set(["estimator", "seed", "debug", "help", "version"]);

interface BmiOpts {
  estimator?: string;
  seed?: string;
  [key: string]: unknown;
}

/**
 * `minfo bmi FILE DIM_X DIM_Y`: the external-estimator protocol of the bmi benchmark
 * (Czyż et al. 2023). FILE is a CSV with header X0..X{dx-1},Y0..Y{dy-1}; the first DIM_X columns
 * are X and the next DIM_Y are Y. Prints exactly one number, the MI in nats, and nothing else:
 * bmi merges stderr into stdout and parses the whole output as a float, so warnings are dropped.
 */
export function addBmiCommand(program: Command, io: CliIo): void {
  const declared = estimatorsFor("mi", allEstimators);
  const cmd = program
    .command("bmi")
    .description("bmi benchmark protocol: print only the MI (nats) between the first DIM_X and the next DIM_Y columns of FILE")
    .argument("<file>", "CSV with header X0..,Y0..")
    .argument("<dimX>", "number of X columns (the first ones)")
    .argument("<dimY>", "number of Y columns (the next ones)")
    .option("--estimator <id>", "estimator id (see `minfo estimators`)", "ksg-1")
    .option("--seed <s>", "seed for every random choice", "0");
  declareEstimatorOptions(cmd, declared, RESERVED);
  cmd.action(async (file: string, dimXRaw: string, dimYRaw: string, opts: BmiOpts) => {
    const dimX = parsePositiveInteger("DIM_X", dimXRaw);
    const dimY = parsePositiveInteger("DIM_Y", dimYRaw);
    const id = opts.estimator ?? "ksg-1";
    const d = findEstimator(id, allEstimators);
    if (!d.mi) {
      throw new UsageError(`estimator "${id}" does not estimate mutual information; estimators that do: ${declared.map((e) => e.id).join(", ")}.`);
    }
    const options = estimatorOptionValues(opts, d, declared, RESERVED);
    const seed = parseSeed(opts.seed);
    const estimator = d.mi(options);
    // bmi's temporary file is CSV whatever its name ends with.
    const table = await loadTable(file, undefined, formatFromPath(file) ?? "csv");
    if (table.names.length < dimX + dimY) {
      throw new DataError(`${file}: has ${table.names.length} columns; DIM_X + DIM_Y = ${dimX} + ${dimY} = ${dimX + dimY} are needed.`);
    }
    const sel = selectGroups(table, [Array.from({ length: dimX }, (_, j) => j), Array.from({ length: dimY }, (_, j) => dimX + j)], false, false);
    const need = rowsNeeded(d, options);
    assertEnoughRows(file, sel.rows, need.moreThan, need.why);
    const [x, y] = sel.matrices;
    const e = await runEstimate(() => estimator.estimate(x, y, { seed, units: "nats", local: false }));
    io.stdout.write(`${e.value}\n`);
  });
}
