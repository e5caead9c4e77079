/** Plain-text formatting helpers for human-readable CLI output. */

export type Align = "left" | "right";

/**
 * Renders rows of cells as aligned columns separated by two spaces. The first row is a header
 * when `header` is true (underlined with dashes). Trailing spaces are trimmed.
 */
export function renderTable(rows: readonly (readonly string[])[], align: readonly Align[] = [], header = true): string {
  if (rows.length === 0) return "";
  const ncol = Math.max(...rows.map((r) => r.length));
  const width = new Array<number>(ncol).fill(0);
  for (const r of rows) for (let j = 0; j < r.length; j++) width[j] = Math.max(width[j], r[j].length);
  const line = (r: readonly string[]) =>
    width
      .map((w, j) => {
        const c = r[j] ?? "";
        return (align[j] ?? "left") === "right" ? c.padStart(w) : c.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  rows.forEach((r, i) => {
    out.push(line(r));
    if (header && i === 0) out.push(width.map((w) => "-".repeat(w)).join("  "));
  });
  return out.join("\n") + "\n";
}

/** Joins two blocks of text line by line with `gap` between them. */
export function sideBySide(left: string, right: string, gap = "  |  "): string {
  const a = left.replace(/\n$/, "").split("\n");
  const b = right.replace(/\n$/, "").split("\n");
  const w = Math.max(...a.map((l) => l.length));
  const n = Math.max(a.length, b.length);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(((a[i] ?? "").padEnd(w) + gap + (b[i] ?? "")).trimEnd());
  return out.join("\n") + "\n";
}

/** A value for people: fixed 4 decimals in a normal range, exponent form when tiny or huge. */
export function formatNumber(v: number, decimals = 4): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 10 ** -decimals || a >= 1e9)) return v.toExponential(3);
  return v.toFixed(decimals);
}

/** `{k: 3, jitter: 1e-10}` -> `k=3, jitter=1e-10`. */
export function formatParams(params: Readonly<Record<string, unknown>>): string {
  const parts = Object.entries(params).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(", ") : "(none)";
}

/** Milliseconds for people. */
export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
