import type { Command } from "commander";
import type { Estimate, Matrix } from "../../core/types.js";
import { DISCRETE_ESTIMATOR_IDS } from "../../estimators/discrete.js";
import { multivariateInformation, type MultivariateOptions, type MultivariateResult } from "../../measures/multivariateInformation.js";
import { oInformationSweep } from "../../measures/oInformationSweep.js";
import type { Table } from "../../io/table.js";
import type { CliIo } from "../cliIo.js";
import { formatMs, formatNumber, formatParams, renderTable } from "../format.js";
import { droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { printEstimate } from "../printEstimate.js";
import { createProgress } from "../progress.js";
import { estimateToJson, runEstimate } from "../runEstimate.js";
import { parsePositiveInteger, parseSeed, parseUnits } from "../runOptions.js";
import { DataError, UsageError } from "../usageError.js";

const ESTIMATORS = ["gaussian", "ksg", "ksg-1", ...DISCRETE_ESTIMATOR_IDS] as const;

interface MultiOpts {
  columns: string;
  estimator?: string;
  k?: string;
  ridge?: string;
  order?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  dropMissing?: boolean;
  progress?: boolean;
}

type Which = "totalCorrelation" | "dualTotalCorrelation" | "oInformation" | "sInformation";

const COMMANDS: readonly { name: string; which: Which; description: string; symbol: string }[] = [
  { name: "oinfo", which: "oInformation", symbol: "O-information", description: "O-information (redundancy > 0 > synergy) of several variables" },
  { name: "tc", which: "totalCorrelation", symbol: "TC", description: "total correlation (multi-information) of several variables" },
  { name: "dtc", which: "dualTotalCorrelation", symbol: "DTC", description: "dual total correlation (binding information) of several variables" },
  { name: "sinfo", which: "sInformation", symbol: "S-information", description: "S-information (TC + DTC) of several variables" },
];

/** "a,b;c;d" -> groups [[a, b], [c], [d]]; without ";", every column is its own variable. */
export function parseVariableGroups(table: Table, spec: string, arg: string): number[][] {
  if (spec.includes(";")) {
    return spec
      .split(";")
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s) => resolveColumns(table, s, arg));
  }
  return resolveColumns(table, spec, arg).map((j) => [j]);
}

/**
 * Discrete variables straight from table columns (text cells as strings, numeric cells as
 * numbers; a group of columns becomes one variable of joined values).
 * @throws DataError for a missing cell.
 */
export function discreteGroups(table: Table, groups: readonly (readonly number[])[], file: string): (string[] | number[])[] {
  return groups.map((g) => {
    const cols = g.map((j) => table.columns[j]);
    for (const c of cols) {
      if (c.missingCount > 0) {
        const row = c.missing ? c.missing.indexOf(1) : 0;
        const line = table.lines ? `line ${table.lines[row]}` : `row ${row}`;
        throw new DataError(`${file}: ${line}, column "${c.name}" is missing; discrete estimators need every cell.`);
      }
    }
    // Continuous values would otherwise pass as labels (every row its own class): name the cell.
    for (const c of cols) {
      if (c.kind !== "numeric") continue;
      const row = c.values.findIndex((v) => !Number.isInteger(v));
      if (row >= 0) {
        const line = table.lines ? `line ${table.lines[row]}` : `row ${row}`;
        throw new DataError(
          `${file}: ${line}, column "${c.name}" is ${c.values[row]}; discrete estimators need integer codes or text labels (use --estimator gaussian or ksg for continuous columns).`,
        );
      }
    }
    if (cols.length === 1 && cols[0].kind === "numeric") return Array.from(cols[0].values);
    return Array.from({ length: table.rows }, (_, i) => cols.map((c) => String(c.values[i])).join("\u0000"));
  });
}

function optionsFrom(opts: MultiOpts): MultivariateOptions {
  const estimator = opts.estimator ?? "gaussian";
  if (!(ESTIMATORS as readonly string[]).includes(estimator)) {
    throw new UsageError(`option --estimator must be one of ${ESTIMATORS.join(", ")}; got "${estimator}".`);
  }
  const o: { estimator: MultivariateOptions["estimator"]; k?: number; ridge?: number } = { estimator: estimator as MultivariateOptions["estimator"] };
  if (opts.k !== undefined) {
    if (estimator !== "ksg" && estimator !== "ksg-1") throw new UsageError(`option --k applies to --estimator ksg only; got --estimator ${estimator}.`);
    o.k = parsePositiveInteger("option --k", opts.k);
  }
  if (opts.ridge !== undefined) {
    if (estimator !== "gaussian") throw new UsageError(`option --ridge applies to --estimator gaussian only; got --estimator ${estimator}.`);
    const r = Number(opts.ridge);
    if (!Number.isFinite(r) || r < 0 || r > 1) throw new UsageError(`option --ridge must be a number in [0, 1]; got "${opts.ridge}".`);
    o.ridge = r;
  }
  return o;
}

async function variablesFrom(file: string, opts: MultiOpts, io: CliIo, discrete: boolean) {
  const table = await loadTable(file, { io, force: opts.progress === true });
  const groups = parseVariableGroups(table, opts.columns, "--columns");
  if (groups.length < 2) throw new UsageError(`option --columns must name at least 2 variables; got ${groups.length}.`);
  const names = groups.map((g) => g.map((j) => table.names[j]).join("+"));
  if (discrete) return { names, variables: discreteGroups(table, groups, file) as (string[] | number[] | Matrix)[], rows: table.rows };
  const sel = selectGroups(table, groups, opts.dropMissing === true);
  if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
  return { names, variables: sel.matrices as (string[] | number[] | Matrix)[], rows: sel.rows };
}

function addOne(program: Command, io: CliIo, spec: (typeof COMMANDS)[number]): void {
  program
    .command(spec.name)
    .description(`estimate the ${spec.description} from columns of a data file`)
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json")
    .requiredOption("--columns <cols>", "the variables: columns (names, indices, ranges) each one variable; use ';' to group columns, e.g. 'a,b;c;d'")
    .option("--estimator <id>", `gaussian (closed form), ksg (kNN) or a discrete estimator (${DISCRETE_ESTIMATOR_IDS.join(", ")})`, "gaussian")
    .option("--k <n>", "ksg: neighbours (default 3)")
    .option("--ridge <r>", "gaussian: ridge on the correlation matrix's diagonal (default 0)")
    .option("--order <n>", "sweep every multiplet of 3..n variables and rank them by O-information")
    .option("--seed <s>", "seed for tie-breaking jitter (ksg)", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print JSON")
    .option("--local", "also print pointwise values (ksg)")
    .option("--drop-missing", "leave out rows with a missing cell in a selected column (continuous estimators)")
    .option("--progress", "show progress on stderr even when it is not a terminal")
    .action(async (file: string, opts: MultiOpts) => {
      const options = optionsFrom(opts);
      const units = parseUnits(opts.units);
      const seed = parseSeed(opts.seed);
      const discrete = (DISCRETE_ESTIMATOR_IDS as readonly string[]).includes(options.estimator as string);
      const order = opts.order !== undefined ? parsePositiveInteger("option --order", opts.order) : undefined;
      const { names, variables } = await variablesFrom(file, opts, io, discrete);
      if (order !== undefined) {
        if (order < 3 || order > variables.length) {
          throw new UsageError(`option --order must be an integer in [3, ${variables.length}] (the number of variables); got ${order}.`);
        }
        let bar: ReturnType<typeof createProgress> | undefined;
        const sweep = await runSweep(() =>
          oInformationSweep(variables, { ...options, minOrder: 3, maxOrder: order }, {
            seed,
            units,
            onProgress: (p) => {
              bar ??= createProgress(io, opts.progress === true, p.total, spec.name, " multiplets");
              bar.update(p.done);
            },
          }),
        ).finally(() => bar?.stop());
        const key = spec.which;
        const rows = sweep.multiplets.map((m) => ({
          variables: m.variables.map((j) => names[j]),
          order: m.order,
          totalCorrelation: m.totalCorrelation,
          dualTotalCorrelation: m.dualTotalCorrelation,
          oInformation: m.oInformation,
          sInformation: m.sInformation,
        }));
        if (key !== "oInformation") rows.sort((a, b) => b[key] - a[key]);
        if (opts.json) {
          io.stdout.write(
            JSON.stringify({ quantity: spec.name, units, estimator: sweep.estimator, params: sweep.params, n: sweep.n, seed, rankedBy: key, multiplets: rows }, null, 2) + "\n",
          );
          return;
        }
        const table = [["rank", "variables", "TC", "DTC", "O-info", "S-info"]];
        rows.forEach((r, i) =>
          table.push([
            String(i + 1),
            r.variables.join(", "),
            formatNumber(r.totalCorrelation),
            formatNumber(r.dualTotalCorrelation),
            formatNumber(r.oInformation),
            formatNumber(r.sInformation),
          ]),
        );
        io.stdout.write(renderTable(table, ["right", "left", "right", "right", "right", "right"]));
        io.stdout.write(
          `${rows.length} multiplets of ${variables.length} variables, sizes 3..${order}, ranked by ${spec.symbol} (${units}); estimator ${sweep.estimator} (${formatParams(sweep.params)}); n = ${sweep.n}; ${formatMs(sweep.elapsedMs)}\n`,
        );
        return;
      }
      let result: MultivariateResult | undefined;
      await runEstimate(() => {
        result = multivariateInformation(variables, options, { seed, units, local: opts.local === true });
        return result.oInformation;
      });
      const all = result!;
      const e: Estimate = all[spec.which];
      if (opts.json) {
        const out = estimateToJson(e, opts.local === true);
        out.variables = names;
        out.all = {
          totalCorrelation: all.totalCorrelation.value,
          dualTotalCorrelation: all.dualTotalCorrelation.value,
          oInformation: all.oInformation.value,
          sInformation: all.sInformation.value,
        };
        io.stdout.write(JSON.stringify(out, null, 2) + "\n");
        return;
      }
      printEstimate(io, e, [["variables", names.join("; ")]], false, opts.local === true);
      const others = (["totalCorrelation", "dualTotalCorrelation", "oInformation", "sInformation"] as const).filter((w) => w !== spec.which);
      const labels: Record<Which, string> = { totalCorrelation: "TC", dualTotalCorrelation: "DTC", oInformation: "O-information", sInformation: "S-information" };
      io.stdout.write(others.map((w) => `${labels[w]}: ${formatNumber(all[w].value)} ${units}`).join("; ") + "\n");
    });
}

async function runSweep<T>(fn: () => T): Promise<T> {
  return (await runEstimate(() => fn() as unknown as Estimate)) as unknown as T;
}

/** `minfo oinfo|tc|dtc|sinfo FILE --columns COLS`: multivariate information of several variables. */
export function addMultivariateCommands(program: Command, io: CliIo): void {
  for (const spec of COMMANDS) addOne(program, io, spec);
}
