import { InvalidArgumentError } from "./errors.js";
import type { Units } from "./types.js";

/** ln 2: nats per bit. */
export const NATS_PER_BIT = Math.LN2;

/** Converts a value in nats to `units`. */
export function fromNats(value: number, units: Units): number {
  return units === "bits" ? value / NATS_PER_BIT : value;
}

export function resolveUnits(units: unknown, fn: string): Units {
  if (units === undefined) return "nats";
  if (units === "nats" || units === "bits") return units;
  throw new InvalidArgumentError(`${fn}: units must be "nats" or "bits"; got ${JSON.stringify(units)}.`, "units");
}
