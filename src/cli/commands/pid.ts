import type { Command } from "commander";
import type { Estimate } from "../../core/types.js";
import { gaussianPid } from "../../measures/pid/gaussianPid.js";
import { pid, PID_MEASURES, type PidMeasure, type PidResult } from "../../measures/pid/pid.js";
import type { CliIo } from "../cliIo.js";
import { formatMs, formatNumber, renderTable } from "../format.js";
import { droppedNote, loadTable, resolveColumns, selectGroups } from "../loadTable.js";
import { printWarnings, runEstimate } from "../runEstimate.js";
import { parseUnits } from "../runOptions.js";
import { UsageError } from "../usageError.js";
import { discreteGroups } from "./oinfo.js";

interface PidOpts {
  sources: string;
  target: string;
  measure?: string;
  estimator?: string;
  tolerance?: string;
  units?: string;
  json?: boolean;
  dropMissing?: boolean;
}

/** `minfo pid FILE --sources A,B --target T`: partial information decomposition. */
export function addPidCommand(program: Command, io: CliIo): void {
  program
    .command("pid")
    .description("partial information decomposition of what two sources carry about a target: redundancy, unique information, synergy")
    .argument("<file>", "data file: .csv, .tsv, .npy, .arrow, .parquet or .json")
    .requiredOption("--sources <cols>", "the two sources: two columns 'a,b', or column groups 'a1,a2;b'")
    .requiredOption("--target <col>", "the target column")
    .option("--measure <m>", `redundancy measure: ${PID_MEASURES.join(", ")}`, "broja")
    .option("--estimator <e>", "plugin (discrete codes; default for imin and broja) or gaussian (continuous, MMI only; default for mmi)")
    .option("--tolerance <t>", "broja: duality-gap tolerance in nats (default 1e-8)")
    .option("--units <units>", "nats or bits", "nats")
    .option("--json", "print JSON with fields redundancy, unique1, unique2, synergy")
    .option("--drop-missing", "gaussian: leave out rows with a missing cell in a selected column")
    .action(async (file: string, opts: PidOpts) => {
      const measure = (opts.measure ?? "broja") as PidMeasure;
      if (!PID_MEASURES.includes(measure)) throw new UsageError(`option --measure must be one of ${PID_MEASURES.join(", ")}; got "${opts.measure}".`);
      const estimator = opts.estimator ?? (measure === "mmi" ? "gaussian" : "plugin");
      if (estimator !== "plugin" && estimator !== "gaussian") throw new UsageError(`option --estimator must be plugin or gaussian; got "${estimator}".`);
      if (estimator === "gaussian" && measure !== "mmi") {
        throw new UsageError(`--estimator gaussian supports --measure mmi only (for Gaussian variables BROJA and I_min reduce to MMI); got --measure ${measure}.`);
      }
      let tolerance: number | undefined;
      if (opts.tolerance !== undefined) {
        tolerance = Number(opts.tolerance);
        if (!(tolerance > 0 && tolerance <= 1)) throw new UsageError(`option --tolerance must be a number in (0, 1]; got "${opts.tolerance}".`);
      }
      const units = parseUnits(opts.units);
      const table = await loadTable(file, { io, force: false });
      const sourceGroups = opts.sources.includes(";")
        ? opts.sources.split(";").map((s) => resolveColumns(table, s.trim(), "--sources"))
        : resolveColumns(table, opts.sources, "--sources").map((j) => [j]);
      if (sourceGroups.length !== 2) throw new UsageError(`option --sources must name exactly 2 sources; got ${sourceGroups.length}.`);
      const target = resolveColumns(table, opts.target, "--target");
      if (target.length !== 1) throw new UsageError(`option --target must name exactly 1 column; got ${target.length}.`);
      const groups = [...sourceGroups, target];
      const names = groups.map((g) => g.map((j) => table.names[j]).join("+"));
      let r: PidResult | undefined;
      if (estimator === "gaussian") {
        const sel = selectGroups(table, groups, opts.dropMissing === true);
        if (sel.dropped > 0 && !opts.json) io.stderr.write(droppedNote(file, sel));
        await runEstimate(() => {
          r = gaussianPid(sel.matrices[0], sel.matrices[1], sel.matrices[2], {}, { units });
          return r as unknown as Estimate;
        });
      } else {
        const [s1, s2, t] = discreteGroups(table, groups, file);
        await runEstimate(() => {
          r = pid(s1, s2, t, { measure, ...(tolerance !== undefined ? { tolerance } : {}) }, { units });
          return r as unknown as Estimate;
        });
      }
      const res = r!;
      if (opts.json) {
        const out = {
          measure: res.measure,
          estimator: res.estimator,
          units: res.units,
          sources: [names[0], names[1]],
          target: names[2],
          redundancy: res.redundancy,
          unique1: res.unique1,
          unique2: res.unique2,
          synergy: res.synergy,
          mutualInformation: res.mutualInformation,
          n: res.n,
          diagnostics: res.diagnostics,
          references: res.references,
        };
        io.stdout.write(JSON.stringify(out, null, 2) + "\n");
        return;
      }
      const rows = [
        ["atom", `value (${units})`],
        [`redundancy  Red(${names[2]}: ${names[0]}, ${names[1]})`, formatNumber(res.redundancy)],
        [`unique      Unq(${names[2]}: ${names[0]} \\ ${names[1]})`, formatNumber(res.unique1)],
        [`unique      Unq(${names[2]}: ${names[1]} \\ ${names[0]})`, formatNumber(res.unique2)],
        [`synergy     Syn(${names[2]}: ${names[0]}, ${names[1]})`, formatNumber(res.synergy)],
        [`I(${names[2]}; ${names[0]}, ${names[1]})`, formatNumber(res.mutualInformation.joint)],
      ];
      io.stdout.write(renderTable(rows, ["left", "right"]));
      const gap = res.diagnostics.details.gap;
      io.stdout.write(
        `measure ${res.measure}, estimator ${res.estimator}, n = ${res.n}${typeof gap === "number" ? `, duality gap ${gap.toExponential(1)} ${units}` : ""}; ${formatMs(res.diagnostics.elapsedMs)}\n`,
      );
      printWarnings(io.stderr, res.diagnostics.warnings);
    });
}
