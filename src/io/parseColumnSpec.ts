import { InvalidArgumentError } from "../core/errors.js";

function available(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((s) => JSON.stringify(s));
  const more = names.length > 20 ? `, ... (${names.length - 20} more)` : "";
  return `available columns: ${shown.join(", ")}${more} (or 0-based indices 0-${names.length - 1})`;
}

function findName(token: string, names: readonly string[], arg: string): number {
  let hits: number[] = [];
  for (let j = 0; j < names.length; j++) if (names[j] === token) hits.push(j);
  if (hits.length === 0) for (let j = 0; j < names.length; j++) if (names[j].trim() === token) hits.push(j);
  if (hits.length > 1) {
    throw new InvalidArgumentError(
      `${arg}: column name "${token}" is ambiguous (columns ${hits.join(", ")} have it); select by 0-based index instead.`,
      arg,
    );
  }
  hits = hits.slice(0, 1);
  return hits.length === 1 ? hits[0] : -1;
}

/**
 * Resolves a column selection such as `"x,y"`, `"0,3"`, `"0-4"` or `"age,2-3"` against the
 * column names of a table, returning 0-based column indices in the order given.
 *
 * Tokens are separated by commas and trimmed. Each token is, in this order of preference: a
 * column name (exact, then ignoring surrounding spaces in the header; a name that looks like a
 * number or a range wins over the index meaning), a 0-based index, or an inclusive range `a-b`
 * with a <= b. Selecting a column twice is an error.
 *
 * @param arg the option the spec came from (e.g. `"--x"`), named in error messages.
 * @throws InvalidArgumentError naming `arg`, the bad token and the available columns.
 * @example parseColumnSpec("1-2,a", ["a", "b", "c"], "--x") // [1, 2, 0]
 */
export function parseColumnSpec(spec: string, names: readonly string[], arg: string): number[] {
  if (typeof spec !== "string" || spec.trim() === "") {
    throw new InvalidArgumentError(`${arg}: expected a column name, a 0-based index or a range like 0-4; got ${JSON.stringify(spec)}.`, arg);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  const add = (j: number, token: string): void => {
    if (seen.has(j)) {
      throw new InvalidArgumentError(`${arg}: column ${j} (${JSON.stringify(names[j])}) is selected twice (token "${token}").`, arg);
    }
    seen.add(j);
    out.push(j);
  };
  for (const raw of spec.split(",")) {
    const token = raw.trim();
    if (token === "") {
      throw new InvalidArgumentError(`${arg}: empty column in ${JSON.stringify(spec)}; ${available(names)}.`, arg);
    }
    const byName = findName(token, names, arg);
    if (byName >= 0) {
      add(byName, token);
      continue;
    }
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(token);
    if (/^\d+$/.test(token)) {
      const j = Number(token);
      if (j >= names.length) {
        throw new InvalidArgumentError(`${arg}: column index ${token} is out of range; ${available(names)}.`, arg);
      }
      add(j, token);
    } else if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (a > b || b >= names.length) {
        throw new InvalidArgumentError(
          `${arg}: column range "${token}" must be a-b with a <= b <= ${names.length - 1}; ${available(names)}.`,
          arg,
        );
      }
      for (let j = a; j <= b; j++) add(j, token);
    } else {
      throw new InvalidArgumentError(`${arg}: unknown column "${token}"; ${available(names)}.`, arg);
    }
  }
  return out;
}
