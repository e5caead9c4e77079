import type { Command } from "commander";
import type { EstimatorDescriptor, OptionSpec } from "../estimators/descriptor.js";
import { UsageError } from "./usageError.js";

/** `noiseScale` -> `noise-scale` (the CLI flag is `--noise-scale`). */
export function flagName(optionName: string): string {
  return optionName.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
}

/** The key commander stores a flag's value under: `--noise-scale` -> `noiseScale`. */
function commanderKey(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function placeholder(spec: OptionSpec): string {
  switch (spec.type) {
    case "integer":
      return "<n>";
    case "number":
      return "<x>";
    case "boolean":
      return spec.choices ? `[bool|${spec.choices.join("|")}]` : "[bool]";
    case "integer-list":
      return "<n,n,...>";
    case "string":
      return spec.choices ? `<${spec.choices.join("|")}>` : "<s>";
  }
}

/**
 * Declares on `cmd` every option of every descriptor (once per name), so that commander accepts
 * them; which ones the chosen estimator really has is checked after parsing
 * (`estimatorOptionValues`). Names in `reserved` (the command's own options) are skipped.
 * Values stay strings here and are converted by the chosen estimator's OptionSpec.
 */
export function declareEstimatorOptions(cmd: Command, descriptors: readonly EstimatorDescriptor[], reserved: ReadonlySet<string>): void {
  const seen = new Map<string, string[]>();
  const specs = new Map<string, OptionSpec>();
  for (const d of descriptors) {
    for (const spec of d.options) {
      if (reserved.has(spec.name)) continue;
      if (!seen.has(spec.name)) {
        seen.set(spec.name, []);
        specs.set(spec.name, spec);
      }
      seen.get(spec.name)!.push(d.id);
    }
  }
  for (const [name, ids] of seen) {
    const spec = specs.get(name)!;
    const flag = flagName(name);
    cmd.option(`--${flag} ${placeholder(spec)}`, `${spec.description} (estimators: ${ids.join(", ")})`);
  }
}

function parseInteger(flag: string, raw: string): number {
  const s = raw.trim();
  if (!/^[+-]?\d+$/.test(s)) throw new UsageError(`option --${flag} must be an integer; got "${raw}".`);
  const v = Number(s);
  if (!Number.isSafeInteger(v)) throw new UsageError(`option --${flag} must be an integer; got "${raw}".`);
  return v;
}

function parseNumber(flag: string, raw: string): number {
  const s = raw.trim();
  const v = s === "" ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new UsageError(`option --${flag} must be a finite number; got "${raw}".`);
  return v;
}

function checkRange(flag: string, spec: OptionSpec, v: number): void {
  if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max)) {
    const range =
      spec.min !== undefined && spec.max !== undefined
        ? `in [${spec.min}, ${spec.max}]`
        : spec.min !== undefined
          ? `>= ${spec.min}`
          : `<= ${spec.max}`;
    throw new UsageError(`option --${flag} must be ${range}; got ${v}.`);
  }
}

/** Converts one raw CLI value by its OptionSpec. @throws UsageError */
export function parseOptionValue(spec: OptionSpec, raw: unknown): unknown {
  const flag = flagName(spec.name);
  if (spec.type === "boolean") {
    if (raw === true || raw === undefined) return true;
    const s = String(raw).trim().toLowerCase();
    if (["true", "yes", "1", "on"].includes(s)) return true;
    if (["false", "no", "0", "off"].includes(s)) return false;
    // a boolean spec's choices are the extra words it accepts (normalScores: "auto")
    if (spec.choices?.includes(s)) return s;
    throw new UsageError(`option --${flag} must be true or false${spec.choices ? ` or ${spec.choices.join(", ")}` : ""}; got "${String(raw)}".`);
  }
  const str = String(raw);
  switch (spec.type) {
    case "integer": {
      const v = parseInteger(flag, str);
      checkRange(flag, spec, v);
      return v;
    }
    case "number": {
      const v = parseNumber(flag, str);
      checkRange(flag, spec, v);
      return v;
    }
    case "integer-list": {
      const parts = str.split(",").map((p) => p.trim());
      if (parts.some((p) => p === "")) throw new UsageError(`option --${flag} must be a comma-separated list of integers; got "${str}".`);
      const list = parts.map((p) => {
        const v = parseInteger(flag, p);
        checkRange(flag, spec, v);
        return v;
      });
      // `--k 5` means k = 5, not the one-element ensemble [5].
      return list.length === 1 ? list[0] : list;
    }
    case "string": {
      if (spec.choices && !spec.choices.includes(str)) {
        throw new UsageError(`option --${flag} must be one of ${spec.choices.join(", ")}; got "${str}".`);
      }
      return str;
    }
  }
}

/**
 * The options given on the command line for `descriptor`, converted by its OptionSpecs (only the
 * ones the user gave; the estimator's factory fills in defaults).
 * @param given commander's parsed options (`cmd.opts()`)
 * @param declared every estimator option the command declared (`declareEstimatorOptions`)
 * @throws UsageError for an option the chosen estimator does not have, naming the ones it has.
 */
export function estimatorOptionValues(
  given: Record<string, unknown>,
  descriptor: EstimatorDescriptor,
  declared: readonly EstimatorDescriptor[],
  reserved: ReadonlySet<string>,
): Record<string, unknown> {
  const own = new Map(descriptor.options.map((s) => [s.name, s]));
  const all = new Set<string>();
  for (const d of declared) for (const s of d.options) if (!reserved.has(s.name)) all.add(s.name);
  const out: Record<string, unknown> = {};
  for (const name of all) {
    const raw = given[commanderKey(flagName(name))];
    if (raw === undefined) continue;
    const spec = own.get(name);
    if (!spec) {
      const known = descriptor.options.filter((s) => !reserved.has(s.name)).map((s) => `--${flagName(s.name)}`);
      throw new UsageError(
        `estimator "${descriptor.id}" has no option --${flagName(name)}; its options: ${known.length ? known.join(", ") : "(none)"}.`,
      );
    }
    out[name] = parseOptionValue(spec, raw);
  }
  return out;
}

/** The value an option will have: given, else its OptionSpec default. */
export function resolvedOption(descriptor: EstimatorDescriptor, given: Record<string, unknown>, name: string): unknown {
  if (given[name] !== undefined) return given[name];
  return descriptor.options.find((s) => s.name === name)?.default;
}
