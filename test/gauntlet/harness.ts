/**
 * Shared pieces of the hostile-input gauntlet: every built-in estimator (from the registry, so new
 * ones are covered automatically) called generically, and the verdict on what came back.
 */
import { MinfoError } from "../../src/core/errors.js";
import { matrix } from "../../src/core/data/matrix.js";
import { createRng } from "../../src/core/random/rng.js";
import type { Estimate, Matrix } from "../../src/core/types.js";
import type { DataKind, EstimatorDescriptor } from "../../src/estimators/descriptor.js";
import { builtinEstimators, quantitiesOf, type EstimatorQuantity } from "../../src/estimators/registry.js";

/** One callable entry point: a descriptor's factory for one quantity. */
export interface EntryPoint {
  readonly id: string;
  readonly quantity: EstimatorQuantity;
  readonly descriptor: EstimatorDescriptor;
  /** Names of the data arguments of `estimate`, in order. */
  readonly args: readonly string[];
  /** Data kind of each argument (discrete -> integer codes). */
  readonly kinds: readonly DataKind[];
  make(options: Record<string, unknown>): { estimate: (...a: unknown[]) => Estimate | Promise<Estimate> };
}

const ARGS: Record<EstimatorQuantity, readonly string[]> = {
  mi: ["x", "y"],
  cmi: ["x", "y", "z"],
  entropy: ["x"],
  divergence: ["p", "q"],
};

function kindFor(d: EstimatorDescriptor, q: EstimatorQuantity, arg: string): DataKind {
  if (q === "mi" && d.variables) {
    const ks = arg === "x" ? d.variables.x : d.variables.y;
    return ks.includes("continuous") ? "continuous" : ks[0];
  }
  return d.accepts.includes("continuous") ? "continuous" : d.accepts[0];
}

/** Every (descriptor, quantity) pair of the registry. */
export function entryPoints(registry: readonly EstimatorDescriptor[] = builtinEstimators): EntryPoint[] {
  const out: EntryPoint[] = [];
  for (const d of registry) {
    for (const q of quantitiesOf(d)) {
      const factory = d[q]!;
      out.push({
        id: d.id,
        quantity: q,
        descriptor: d,
        args: ARGS[q],
        kinds: ARGS[q].map((a) => kindFor(d, q, a)),
        make: (o) => factory(o) as unknown as { estimate: (...a: unknown[]) => Estimate | Promise<Estimate> },
      });
    }
  }
  return out;
}

/** A well-behaved sample: n rows of `cols` columns, normal (continuous) or codes 0..3 (discrete). */
export function sample(n: number, cols: number, kind: DataKind, seed: number): Matrix {
  const rng = createRng(seed);
  const data = new Float64Array(n * cols);
  for (let i = 0; i < data.length; i++) data[i] = kind === "discrete" ? rng.int(4) : rng.normal();
  return matrix(data, n, cols);
}

/** Related samples for every argument of an entry point (y depends on x, so MI > 0). */
export function validArgs(ep: EntryPoint, n = 60, seed = 1): Matrix[] {
  return ep.kinds.map((k, i) => sample(n, 1, k, seed * 31 + i));
}

export type Verdict =
  | { readonly kind: "value"; readonly estimate: Estimate }
  | { readonly kind: "typed"; readonly error: MinfoError }
  | { readonly kind: "bad"; readonly why: string };

/** Runs `f` (sync or async) and classifies the outcome. */
export async function verdict(f: () => unknown): Promise<Verdict> {
  let r: unknown;
  try {
    r = await Promise.resolve().then(f);
  } catch (e) {
    if (e instanceof MinfoError) {
      if (typeof e.message !== "string" || e.message.length === 0) {
        return { kind: "bad", why: `MinfoError with a malformed message: ${e.message}` };
      }
      return { kind: "typed", error: e };
    }
    const err = e as Error;
    return { kind: "bad", why: `${err?.name ?? typeof e} (not a MinfoError): ${err?.message ?? String(e)}` };
  }
  const est = r as Estimate;
  if (typeof est !== "object" || est === null || typeof est.value !== "number") return { kind: "bad", why: `returned ${String(r)}` };
  if (!Number.isFinite(est.value)) return { kind: "bad", why: `returned value ${est.value}` };
  if (est.local && est.local.some((v) => !Number.isFinite(v))) return { kind: "bad", why: "local values contain NaN/Infinity" };
  return { kind: "value", estimate: est };
}

/** "typed" or "value" are fine; "bad" is described. Optionally restrict to some error codes. */
export function judge(v: Verdict, allowValue: boolean | "warned", codes?: readonly string[]): string | undefined {
  if (v.kind === "bad") return v.why;
  if (v.kind === "value") {
    if (allowValue === "warned" && v.estimate.diagnostics.warnings.length > 0) return undefined;
    return allowValue === true ? undefined : `returned a value (${v.estimate.value}) ${allowValue === "warned" ? "without a warning" : "where an error was expected"}`;
  }
  if (codes && !codes.includes(v.error.code)) return `${v.error.name} [${v.error.code}] (expected ${codes.join(" or ")}): ${v.error.message}`;
  return undefined;
}
