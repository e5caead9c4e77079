import type { Estimate } from "../core/types.js";
import type { CliIo } from "./cliIo.js";
import { formatMs, formatNumber, formatParams, renderTable } from "./format.js";
import { estimateToJson, printWarnings } from "./runEstimate.js";

const SYMBOL: Record<string, string> = {
  "mutual-information": "I(X;Y)",
  "conditional-mutual-information": "I(X;Y|Z)",
  entropy: "H(X)",
  "kl-divergence": "D(P||Q)",
};

/**
 * Prints an Estimate: one JSON object on stdout with `json`, else a readable block on stdout and
 * its warnings on stderr.
 * @param variables rows such as ["X", "a, b"] naming the columns used
 */
export function printEstimate(io: CliIo, e: Estimate, variables: readonly [string, string][], json: boolean, local: boolean): void {
  if (json) {
    io.stdout.write(JSON.stringify(estimateToJson(e, local), null, 2) + "\n");
    return;
  }
  const rows: string[][] = [];
  rows.push([`${SYMBOL[e.quantity] ?? e.quantity}`, `${formatNumber(e.value)} ${e.units}`]);
  for (const [k, v] of variables) rows.push([k, v]);
  rows.push(["estimator", `${e.estimator} (${formatParams(e.params)})`]);
  rows.push(["n", String(e.n)]);
  if (e.seed !== undefined) rows.push(["seed", String(e.seed)]);
  if (e.uncertainty?.se !== undefined) rows.push(["std. error", formatNumber(e.uncertainty.se)]);
  if (e.uncertainty?.ci) {
    const ci = e.uncertainty.ci;
    rows.push([`${Math.round(ci.level * 100)}% CI`, `[${formatNumber(ci.lower)}, ${formatNumber(ci.upper)}] (${ci.method})`]);
  }
  if (e.uncertainty?.pValue !== undefined) {
    const perm = e.diagnostics.details.permutation as { permutations?: number } | undefined;
    rows.push(["p-value", `${formatNumber(e.uncertainty.pValue)}${perm?.permutations ? ` (permutation test, ${perm.permutations} permutations)` : ""}`]);
  }
  // `auto` (and any estimator that picks another): the choice and its reasons.
  const choice = e.diagnostics.details.choice as { id?: unknown; reasons?: unknown } | undefined;
  if (choice && typeof choice.id === "string") rows.push(["chosen", choice.id]);
  if (choice && Array.isArray(choice.reasons)) for (const r of choice.reasons) rows.push(["reason", String(r)]);
  rows.push(["elapsed", formatMs(e.diagnostics.elapsedMs)]);
  for (const r of e.references) rows.push(["reference", r.citation]);
  io.stdout.write(renderTable(rows, [], false));
  if (local && e.local) {
    io.stdout.write("local values:\n");
    io.stdout.write(Array.from(e.local, (v) => String(v)).join("\n") + "\n");
  }
  printWarnings(io.stderr, e.diagnostics.warnings);
}
