/**
 * Strict decimal number syntax for text cells: optional sign, digits with an optional fraction
 * (or a leading-dot fraction), optional exponent; surrounding spaces/tabs are allowed. Rejected:
 * "NaN", "inf", "Infinity", hex ("0x1F"), digit separators ("1_000", "1,2"), and anything that
 * overflows to +-Infinity ("1e400"). Values that underflow (e.g. "1e-400") become 0 or a
 * subnormal exactly as IEEE-754 round-to-nearest says (JavaScript's `Number` is correctly
 * rounded, so "1e-300" and "1.7976931348623157e308" parse exactly).
 */
const NUMBER = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t]*$/;

/** The value of a strictly formatted finite number, or NaN when `s` is not one. */
export function parseNumberStrict(s: string): number {
  if (!NUMBER.test(s)) return NaN;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
}

/** Why `s` is not a finite number, for error messages (`s` must already have failed). */
export function describeNonNumber(s: string): string {
  if (NUMBER.test(s)) return "overflows to Infinity";
  const t = s.trim().toLowerCase();
  if (t === "nan" || t === "inf" || t === "+inf" || t === "-inf" || t === "infinity" || t === "+infinity" || t === "-infinity") {
    return "not a finite number";
  }
  return "not a number";
}

/** True when the cell is missing: empty or only spaces/tabs, or one of the extra `naValues`. */
export function isMissingCell(s: string, naValues: ReadonlySet<string> | undefined): boolean {
  if (s.length === 0) return true;
  if (naValues !== undefined && naValues.has(s)) return true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
