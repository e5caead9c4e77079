import type { Command } from "commander";
import type { Estimate, Matrix, RunOptions } from "../../core/types.js";
import { DISCRETE_ESTIMATOR_IDS } from "../../estimators/discrete.js";
import { activeInformationStorage } from "../../measures/activeInformationStorage.js";
import { symbolize } from "../../measures/embedding.js";
import { SURROGATE_METHODS, type SurrogateMethod } from "../../measures/surrogates.js";
import { transferEntropy, type TimeSeriesEstimatorId, type TimeSeriesOptions } from "../../measures/transferEntropy.js";
import type { CliIo } from "../cliIo.js";
import { formatMs, formatNumber, formatParams, renderTable } from "../format.js";
import { droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { createProgress } from "../progress.js";
import { estimateToJson, printWarnings, runEstimate } from "../runEstimate.js";
import { parseSeed, parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";

const ESTIMATORS = ["ksg", "gaussian", "discrete", ...DISCRETE_ESTIMATOR_IDS] as const;

interface CommonOpts {
  history?: string;
  tau?: string;
  estimator?: string;
  k?: string;
  theiler?: string;
  bins?: string;
  surrogates?: string;
  surrogateMethod?: string;
  blockSize?: string;
  seed?: string;
  units?: string;
  json?: boolean;
  local?: boolean;
  dropMissing?: boolean;
  progress?: boolean;
}

interface TeOpts extends CommonOpts {
  source: string;
  target: string;
  conditional?: string;
  sourceHistory?: string;
  sourceTau?: string;
  lag?: string;
}

interface AisOpts extends CommonOpts {
  column: string;
}

/** An integer option >= min, or undefined when absent. @throws UsageError */
function intOption(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const s = String(raw).trim();
  const v = Number(s);
  if (!/^-?\d+$/.test(s) || !Number.isSafeInteger(v) || v < min) {
    throw new UsageError(`option ${flag} must be an integer >= ${min}; got "${String(raw)}".`);
  }
  return v;
}

/** Shared options of `te` and `ais`, validated as usage errors. */
function commonOptions(opts: CommonOpts): { options: TimeSeriesOptions; bins?: number } {
  const estimator = opts.estimator ?? "ksg";
  if (!(ESTIMATORS as readonly string[]).includes(estimator)) {
    throw new UsageError(`option --estimator must be one of ${ESTIMATORS.join(", ")}; got "${estimator}".`);
  }
  const method = opts.surrogateMethod ?? "circular";
  if (!(SURROGATE_METHODS as readonly string[]).includes(method)) {
    throw new UsageError(`option --surrogate-method must be one of ${SURROGATE_METHODS.join(", ")}; got "${method}".`);
  }
  const ksgOnly = { k: opts.k, theiler: opts.theiler };
  for (const [name, v] of Object.entries(ksgOnly)) {
    if (v !== undefined && estimator !== "ksg") throw new UsageError(`option --${name} applies to --estimator ksg only; got --estimator ${estimator}.`);
  }
  const discrete = estimator !== "ksg" && estimator !== "gaussian";
  const bins = intOption("--bins", opts.bins, 2);
  if (bins !== undefined && !discrete) throw new UsageError(`option --bins applies to discrete estimators only; got --estimator ${estimator}.`);
  const options: Record<string, unknown> = { estimator: estimator as TimeSeriesEstimatorId };
  const set = (key: string, v: number | undefined) => {
    if (v !== undefined) options[key] = v;
  };
  set("history", intOption("--history", opts.history, 1));
  set("tau", intOption("--tau", opts.tau, 1));
  set("k", intOption("--k", opts.k, 1));
  set("theiler", intOption("--theiler", opts.theiler, 0));
  set("surrogates", intOption("--surrogates", opts.surrogates, 0));
  set("blockSize", intOption("--block-size", opts.blockSize, 1));
  options.surrogateMethod = method as SurrogateMethod;
  return { options: options as TimeSeriesOptions, ...(bins !== undefined ? { bins } : {}) };
}

function declareCommon(cmd: Command): Command {
  return cmd
    .option("--history <k>", "target history length k (JIDT k_HISTORY)", "1")
    .option("--tau <t>", "target embedding delay (JIDT k_TAU)", "1")
    .option("--estimator <id>", `ksg (Frenzel-Pompe/KSG), gaussian, discrete (plug-in) or ${DISCRETE_ESTIMATOR_IDS.filter((d) => d !== "plugin").join(", ")}`, "ksg")
    .option("--k <k>", "ksg: neighbours (default 4)")
    .option("--theiler <w>", "ksg: Theiler window, exclude neighbours within w time steps (default 0)")
    .option("--bins <b>", "discrete estimators: symbolise each series into b equal-frequency bins first")
    .option("--surrogates <s>", "number of surrogates for a p-value (0: no test)", "0")
    .option("--surrogate-method <m>", "circular, shuffle or block", "circular")
    .option("--block-size <b>", "block surrogates: rows per block (default N/10)")
    .option("--seed <s>", "seed for surrogates and tie-breaking jitter", "0")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print the estimate as one JSON object")
    .option("--local", "also print the local (pointwise) values, one per embedding row")
    .option("--progress", "show a progress bar even when stderr is not a terminal")
    .option("--drop-missing", "leave out rows with a missing (empty) cell in a selected column, instead of stopping");
}

/** Runs `compute` with a progress bar on stderr for the surrogates. */
async function withProgress(io: CliIo, force: boolean, label: string, compute: (run: Pick<RunOptions, "onProgress">) => Estimate): Promise<Estimate> {
  let bar: ReturnType<typeof createProgress> | undefined;
  try {
    return await runEstimate(() =>
      compute({
        onProgress: (p) => {
          bar ??= createProgress(io, force, p.total, label);
          bar.update(p.done, p.total);
        },
      }),
    );
  } finally {
    bar?.stop();
  }
}

function printTimeSeries(io: CliIo, e: Estimate, symbol: string, vars: readonly [string, string][], json: boolean, local: boolean): void {
  if (json) {
    io.stdout.write(JSON.stringify(estimateToJson(e, local), null, 2) + "\n");
    return;
  }
  const rows: string[][] = [[symbol, `${formatNumber(e.value)} ${e.units}`]];
  for (const [k, v] of vars) rows.push([k, v]);
  rows.push(["estimator", `${e.estimator} (${formatParams(e.params)})`]);
  rows.push(["n", `${e.n} embedding rows`]);
  const s = e.diagnostics.details.surrogates as { method: string; count: number; nullDistribution: number[] } | undefined;
  if (s && e.uncertainty?.pValue !== undefined) {
    const sorted = [...s.nullDistribution].sort((a, b) => a - b);
    const q95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)];
    rows.push(["p-value", `${formatNumber(e.uncertainty.pValue)} (${s.count} ${s.method} surrogates; null 95th percentile ${formatNumber(q95)})`]);
  }
  if (e.seed !== undefined) rows.push(["seed", String(e.seed)]);
  rows.push(["elapsed", formatMs(e.diagnostics.elapsedMs)]);
  for (const r of e.references) rows.push(["reference", r.citation]);
  io.stdout.write(renderTable(rows, [], false));
  if (local && e.local) {
    io.stdout.write("local values:\n");
    io.stdout.write(Array.from(e.local, (v) => String(v)).join("\n") + "\n");
  }
  printWarnings(io.stderr, e.diagnostics.warnings);
}

/** Column of a one-column selection as a series, symbolised when --bins is given. */
function seriesOf(m: Matrix, bins: number | undefined): Float64Array {
  return bins !== undefined ? symbolize(m, bins) : m.data;
}

/**
 * `minfo te FILE --source COL --target COL`: transfer entropy TE_{source -> target}, with
 * optional conditioning columns (conditional TE) and a surrogate p-value.
 */
export function addTeCommand(program: Command, io: CliIo): void {
  const cmd = program
    .command("te")
    .description("estimate the transfer entropy TE(source -> target) = I(X_{t+1}; Y_past | X_past) between two columns (rows are time steps)")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json; one row per time step")
    .requiredOption("--source <col>", "source column Y (name or 0-based index)")
    .requiredOption("--target <col>", "target column X (name or 0-based index)")
    .option("--conditional <cols>", "columns to condition on (conditional TE), each with history 1 and lag 1")
    .option("--source-history <l>", "source history length l (JIDT l_HISTORY)", "1")
    .option("--source-tau <t>", "source embedding delay (JIDT l_TAU)", "1")
    .option("--lag <u>", "source-target lag u (JIDT DELAY): the newest source value is Y_{t+1-u}", "1");
  declareCommon(cmd);
  cmd.action(async (file: string, opts: TeOpts) => {
    const { options, bins } = commonOptions(opts);
    const te: Record<string, unknown> = { ...options };
    const sh = intOption("--source-history", opts.sourceHistory, 1);
    const st = intOption("--source-tau", opts.sourceTau, 1);
    const lag = intOption("--lag", opts.lag, 0);
    if (sh !== undefined) te.sourceHistory = sh;
    if (st !== undefined) te.sourceTau = st;
    if (lag !== undefined) te.lag = lag;
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    const table = await loadTable(file, { io, force: false });
    const source = resolveColumns(table, opts.source, "--source");
    const target = resolveColumns(table, opts.target, "--target");
    if (source.length !== 1) throw new UsageError(`option --source must name one column; got ${source.length}.`);
    if (target.length !== 1) throw new UsageError(`option --target must name one column; got ${target.length}.`);
    if (source[0] === target[0]) throw new UsageError(`--source and --target are the same column "${table.names[source[0]]}".`);
    const conds = opts.conditional !== undefined ? resolveColumns(table, opts.conditional, "--conditional") : [];
    for (const c of conds) {
      if (c === source[0] || c === target[0]) throw new UsageError(`column "${table.names[c]}" is in --conditional and is also the source or target.`);
    }
    const sel = selectGroups(table, [source, target, ...conds.map((c) => [c])], opts.dropMissing === true);
    if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
    const [ys, xs, ...zs] = sel.matrices.map((m) => seriesOf(m, bins));
    if (zs.length > 0) te.conditions = zs;
    const e = await withProgress(io, opts.progress === true, "surrogates", (run) =>
      transferEntropy(ys, xs, te as TimeSeriesOptions, { ...run, seed, units, local: opts.local === true }),
    );
    const vars: [string, string][] = [
      ["source (Y)", sel.names[0][0]],
      ["target (X)", sel.names[1][0]],
    ];
    if (conds.length > 0) vars.push(["conditioned on", conds.map((c) => table.names[c]).join(", ")]);
    printTimeSeries(io, e, "TE(Y->X)", vars, opts.json === true, opts.local === true);
  });
}

/** `minfo ais FILE --column COL`: active information storage A_X(k) = I(X_past; X_{t+1}). */
export function addAisCommand(program: Command, io: CliIo): void {
  const cmd = program
    .command("ais")
    .description("estimate the active information storage A(X) = I(X_past; X_{t+1}) of a column (rows are time steps)")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json; one row per time step")
    .requiredOption("--column <col>", "the series' column (name or 0-based index)");
  declareCommon(cmd);
  cmd.action(async (file: string, opts: AisOpts) => {
    const { options, bins } = commonOptions(opts);
    const units = parseUnits(opts.units);
    const seed = parseSeed(opts.seed);
    const table = await loadTable(file, { io, force: false });
    const col = resolveColumns(table, opts.column, "--column");
    if (col.length !== 1) throw new UsageError(`option --column must name one column; got ${col.length}.`);
    const sel = selectGroups(table, [col], opts.dropMissing === true);
    if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
    const xs = seriesOf(sel.matrices[0], bins);
    const e = await withProgress(io, opts.progress === true, "surrogates", (run) =>
      activeInformationStorage(xs, options, { ...run, seed, units, local: opts.local === true }),
    );
    printTimeSeries(io, e, "A(X)", [["series (X)", sel.names[0][0]]], opts.json === true, opts.local === true);
  });
}
