import type { Command } from "commander";
import type { EstimatorDescriptor, OptionSpec } from "../../estimators/descriptor.js";
import { builtinEstimators, quantitiesOf } from "../../estimators/registry.js";
import type { CliIo } from "../cliIo.js";
import { flagName } from "../estimatorOptions.js";

const QUANTITY_NAMES: Record<string, string> = {
  mi: "mutual information",
  cmi: "conditional mutual information",
  entropy: "entropy",
  divergence: "KL divergence",
};

function optionLine(o: OptionSpec): string {
  const type = o.choices ? o.choices.join("|") : o.type;
  const def = o.default === undefined ? "" : ` (default ${Array.isArray(o.default) ? o.default.join(",") : String(o.default)})`;
  return `--${flagName(o.name)} <${type}>${def}: ${o.description}`;
}

/** The JSON form of one registry entry. */
export function describeEstimator(d: EstimatorDescriptor): Record<string, unknown> {
  return {
    id: d.id,
    summary: d.summary,
    family: d.family,
    quantities: quantitiesOf(d),
    accepts: d.accepts,
    ...(d.variables ? { variables: d.variables } : {}),
    options: d.options.map((o) => ({ ...o, flag: `--${flagName(o.name)}` })),
    complexity: d.complexity,
    references: d.references,
  };
}

/** `minfo estimators`: every registered estimator with what it computes, its options and references. */
export function addEstimatorsCommand(program: Command, io: CliIo, registry: readonly EstimatorDescriptor[] = builtinEstimators): void {
  program
    .command("estimators")
    .description("list the available estimators, their options, complexity and references")
    .option("--json", "print the list as JSON")
    .action((opts: { json?: boolean }) => {
      if (opts.json) {
        io.stdout.write(JSON.stringify(registry.map(describeEstimator), null, 2) + "\n");
        return;
      }
      const out: string[] = [];
      for (const d of registry) {
        out.push(`${d.id}: ${d.summary}`);
        out.push(`  computes:   ${quantitiesOf(d).map((q) => QUANTITY_NAMES[q]).join(", ")}`);
        const accepts = d.variables ? `X ${d.variables.x.join(" or ")}, Y ${d.variables.y.join(" or ")}` : d.accepts.join(", ");
        out.push(`  accepts:    ${accepts} data`);
        out.push(`  complexity: ${d.complexity}`);
        if (d.options.length === 0) out.push("  options:    (none)");
        d.options.forEach((o, i) => out.push(`  ${i === 0 ? "options:   " : "           "} ${optionLine(o)}`));
        d.references.forEach((r, i) => out.push(`  ${i === 0 ? "reference: " : "           "} ${r.citation}${r.doi ? ` doi:${r.doi}` : ""}`));
        out.push("");
      }
      io.stdout.write(out.join("\n"));
    });
}
