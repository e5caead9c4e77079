import { toLabels } from "../core/data/labels.js";
import { UnsupportedDataError } from "../core/errors.js";
import { rowLocation, sourcePrefix, type Column, type Table } from "../io/table.js";
import type { DataKind, EstimatorDescriptor } from "../estimators/descriptor.js";
import { builtinEstimators } from "../estimators/registry.js";
import { resolveColumns } from "./loadTable.js";

/**
 * Discrete columns on the command line (`--discrete COLS`).
 *
 * A column is discrete when `--discrete` names it, or, for an estimator that accepts only
 * discrete data (plugin, miller-madow, ...), always. Discrete columns reach the estimators as
 * numeric codes: a text column becomes codes 0..K-1 in the sorted order of its distinct values
 * (as `Labels`); a numeric column must hold integers (its values are the codes). Whether the
 * chosen estimator accepts the kinds of the selected columns is checked before it runs:
 * `UnsupportedDataError` (exit code 3) names the estimator, the variable, the column and what
 * the estimator accepts.
 */

/** One variable (X, Y or Z) of a command: its label and column indices. */
export interface KindedVariable {
  readonly label: string;
  readonly columns: readonly number[];
}

/** The columns named by `--discrete` (empty without the option). @throws InvalidArgumentError */
export function discreteColumns(table: Table, spec: string | undefined): Set<number> {
  return new Set(spec === undefined ? [] : resolveColumns(table, spec, "--discrete"));
}

/**
 * The selected columns to read as codes: all of them for a discrete-only estimator, else those
 * named by --discrete.
 */
export function columnsToEncode(d: EstimatorDescriptor, vars: readonly KindedVariable[], discrete: ReadonlySet<number>): Set<number> {
  const all = vars.flatMap((v) => v.columns);
  return new Set(discreteOnly(d) ? all : all.filter((j) => discrete.has(j)));
}

/** The label ("X", "Y", "Z") of the variable holding column j. */
export function variableOf(vars: readonly KindedVariable[]): (j: number) => string {
  return (j) => vars.find((v) => v.columns.includes(j))?.label ?? "selected";
}

/** Whether every column of v is discrete / none is. */
export function kindOf(v: KindedVariable, discrete: ReadonlySet<number>): DataKind {
  const k = v.columns.filter((j) => discrete.has(j)).length;
  return k === 0 ? "continuous" : k === v.columns.length ? "discrete" : "mixed";
}

function only(d: EstimatorDescriptor, kind: DataKind): boolean {
  return d.accepts.length === 1 && d.accepts[0] === kind;
}

/** Whether `d` reads every column as discrete (the plug-in family). */
export function discreteOnly(d: EstimatorDescriptor): boolean {
  return only(d, "discrete");
}

function idsAccepting(quantity: "mi" | "cmi" | "entropy", test: (d: EstimatorDescriptor) => boolean): string {
  return builtinEstimators
    .filter((d) => d[quantity] !== undefined && test(d))
    .map((d) => d.id)
    .join(", ");
}

/**
 * Checks the kinds of the selected columns against what `d` accepts for `quantity`.
 * Estimators with per-variable kinds (`variables`, e.g. ross: X continuous, Y discrete) are
 * checked per variable; continuous-only estimators reject every discrete column; discrete-only
 * estimators read every column as discrete (their values are checked when the codes are read).
 * @throws UnsupportedDataError
 */
export function checkDataKinds(
  d: EstimatorDescriptor,
  quantity: "mi" | "cmi" | "entropy",
  table: Table,
  vars: readonly KindedVariable[],
  discrete: ReadonlySet<number>,
): void {
  const name = (j: number) => JSON.stringify(table.names[j]);
  if (d.variables && quantity === "mi") {
    const roles = { X: d.variables.x, Y: d.variables.y } as Record<string, readonly DataKind[]>;
    const accepts = `X ${d.variables.x.join(" or ")} and Y ${d.variables.y.join(" or ")}`;
    for (const v of vars) {
      const want = roles[v.label];
      if (!want || want.includes("mixed")) continue;
      for (const j of v.columns) {
        const isDiscrete = discrete.has(j);
        if (isDiscrete && !want.includes("discrete")) {
          throw new UnsupportedDataError(
            `estimator "${d.id}" accepts ${accepts}; ${v.label} column ${name(j)} is marked discrete (--discrete).`,
          );
        }
        if (!isDiscrete && !want.includes("continuous")) {
          throw new UnsupportedDataError(
            `estimator "${d.id}" accepts ${accepts}; ${v.label} column ${name(j)} is not marked discrete: name ${v.label}'s columns in --discrete.`,
          );
        }
      }
    }
    return;
  }
  if (only(d, "continuous")) {
    for (const v of vars) {
      for (const j of v.columns) {
        if (discrete.has(j)) {
          throw new UnsupportedDataError(
            `estimator "${d.id}" accepts continuous data only; ${v.label} column ${name(j)} is marked discrete (--discrete). ` +
              `Estimators for discrete or mixed data: ${idsAccepting(quantity, (e) => !only(e, "continuous"))}.`,
          );
        }
      }
    }
  }
}

/** First row (0-based) of a numeric column whose (non-missing) value is not an integer, or -1. */
function firstNonInteger(c: Column): number {
  if (c.kind !== "numeric") return -1;
  const { values, missing } = c;
  for (let i = 0; i < values.length; i++) {
    if (missing && missing[i]) continue;
    const v = values[i];
    if (Number.isFinite(v) && !Number.isInteger(v)) return i;
  }
  return -1;
}

/**
 * The table with every column in `columns` read as discrete codes: a text column becomes a
 * numeric column of codes (missing cells stay missing); a numeric column is checked for
 * integers. Other columns are untouched. `labelOf(j)` names the variable of column j; `marked`
 * are the columns named by --discrete (the others are discrete because the estimator is).
 * @throws UnsupportedDataError naming the estimator, the variable, the column and the row.
 */
export function withDiscreteCodes(
  table: Table,
  columns: ReadonlySet<number>,
  d: EstimatorDescriptor,
  labelOf: (j: number) => string,
  marked: ReadonlySet<number>,
): Table {
  if (columns.size === 0) return table;
  const prefix = sourcePrefix(table.source);
  const out = table.columns.slice();
  for (const j of columns) {
    const c = table.columns[j];
    const what = `${labelOf(j)} column ${JSON.stringify(c.name)}`;
    if (c.kind === "numeric") {
      const bad = firstNonInteger(c);
      if (bad >= 0) {
        const where = `${prefix}${rowLocation(table, bad)}`;
        throw new UnsupportedDataError(
          !marked.has(j)
            ? `estimator "${d.id}" accepts discrete data only (integer or text codes); ${what} is continuous (${where} holds ${c.values[bad]}). ` +
                `Discretise it first, or use an estimator for continuous data.`
            : `${what} is marked discrete (--discrete) but is not integer-coded (${where} holds ${c.values[bad]}); ` +
                `discrete columns hold integer or text codes.`,
        );
      }
      continue;
    }
    const n = table.rows;
    const present: string[] = [];
    for (let i = 0; i < n; i++) if (!(c.missing && c.missing[i])) present.push(c.values[i]);
    const labels = toLabels(present, c.name, "--discrete");
    const values = new Float64Array(n).fill(NaN);
    let r = 0;
    for (let i = 0; i < n; i++) if (!(c.missing && c.missing[i])) values[i] = labels.codes[r++];
    out[j] = {
      kind: "numeric",
      name: c.name,
      values,
      ...(c.missing ? { missing: c.missing } : {}),
      missingCount: c.missingCount,
    };
  }
  return { ...table, columns: out };
}

/**
 * The default estimator for the kinds of the selected columns: with no discrete column the
 * command's usual default; every column discrete: plugin; X continuous and Y discrete (or the
 * reverse): ross; any other mix: gao (MI) or the usual default (CMI, entropy).
 */
export function defaultEstimator(
  usual: string,
  quantity: "mi" | "cmi" | "entropy",
  vars: readonly KindedVariable[],
  discrete: ReadonlySet<number>,
): string {
  const all = vars.flatMap((v) => v.columns);
  const nDiscrete = all.filter((j) => discrete.has(j)).length;
  if (nDiscrete === 0) return usual;
  if (nDiscrete === all.length) return "plugin";
  if (quantity !== "mi") return usual;
  const kx = kindOf(vars[0], discrete);
  const ky = kindOf(vars[1], discrete);
  if ((kx === "continuous" && ky === "discrete") || (kx === "discrete" && ky === "continuous")) return "ross";
  return "gao";
}
