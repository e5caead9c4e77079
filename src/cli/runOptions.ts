import type { Units } from "../core/types.js";
import { UsageError } from "./usageError.js";

/** `--units`: nats (default) or bits. @throws UsageError */
export function parseUnits(raw: unknown): Units {
  if (raw === undefined) return "nats";
  if (raw === "nats" || raw === "bits") return raw;
  throw new UsageError(`option --units must be nats or bits; got "${String(raw)}".`);
}

/** `--seed`: a non-negative integer (default 0). @throws UsageError */
export function parseSeed(raw: unknown): number {
  if (raw === undefined) return 0;
  const s = String(raw).trim();
  const v = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(v)) throw new UsageError(`option --seed must be a non-negative integer; got "${String(raw)}".`);
  return v;
}

/** A positional count such as bmi's DIM_X. @throws UsageError */
export function parsePositiveInteger(name: string, raw: string): number {
  const s = raw.trim();
  const v = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(v) || v < 1) throw new UsageError(`${name} must be a positive integer; got "${raw}".`);
  return v;
}
