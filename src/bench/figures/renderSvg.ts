import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Colours of categorical series (estimators), in order (Tableau 10). */
export const SERIES_COLORS: readonly string[] = Object.freeze([
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
]);

/** One part of a figure, stacked vertically. */
export type FigurePart =
  | { readonly plot: Plot.PlotOptions; readonly caption?: string }
  | { readonly legend: Plot.LegendScales }
  | { readonly swatches: readonly string[] };

/** A DOM document for Observable Plot outside a browser (linkedom). */
export function svgDocument(): Document {
  return parseHTML("<!DOCTYPE html><html><head></head><body></body></html>").document as unknown as Document;
}

function svgOf(node: Element): Element {
  if (node.tagName.toLowerCase() === "svg") return node;
  const svg = node.querySelector("svg");
  if (!svg) throw new Error("renderSvg: Plot returned no SVG element.");
  return svg;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const FONT = `font-family="system-ui, sans-serif"`;

/** A categorical legend (colour swatch + name per series) as an SVG fragment at (0, y). */
function swatches(names: readonly string[], y: number): { svg: string; width: number; height: number } {
  let x = 4;
  const items = names.map((name, i) => {
    const item = `<rect x="${x}" y="${y + 2}" width="10" height="10" fill="${SERIES_COLORS[i % SERIES_COLORS.length]}"/><text x="${x + 14}" y="${y + 11}" ${FONT} font-size="10">${esc(name)}</text>`;
    x += 24 + 6 * name.length;
    return item;
  });
  return { svg: items.join(""), width: x, height: 16 };
}

/**
 * Renders figure parts (Plot charts, colour legends, series swatches) into one standalone SVG
 * document string with the SVG namespace, parts stacked vertically under an optional title.
 * Plot runs on a linkedom document, so this works in Node without a browser.
 */
export function renderSvg(parts: readonly FigurePart[], title?: string): string {
  const document = svgDocument();
  let y = title ? 24 : 0;
  let width = 0;
  const inner: string[] = [];
  if (title) inner.push(`<text x="4" y="16" ${FONT} font-size="13" font-weight="bold">${esc(title)}</text>`);
  for (const part of parts) {
    if ("swatches" in part) {
      const s = swatches(part.swatches, y);
      inner.push(s.svg);
      y += s.height + 6;
      width = Math.max(width, s.width);
      continue;
    }
    if ("plot" in part && part.caption) {
      inner.push(`<text x="4" y="${y + 12}" ${FONT} font-size="11">${esc(part.caption)}</text>`);
      y += 18;
    }
    const node = "legend" in part ? Plot.legend({ ...part.legend, document } as Plot.LegendScales) : Plot.plot({ ...part.plot, document });
    const svg = svgOf(node as unknown as Element);
    svg.setAttribute("x", "0");
    svg.setAttribute("y", String(y));
    inner.push(svg.outerHTML);
    y += Number(svg.getAttribute("height") ?? 0) + 8;
    width = Math.max(width, Number(svg.getAttribute("width") ?? 0));
  }
  const height = Math.max(1, y - 6);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="white"/>${inner.join("")}</svg>\n`
  );
}
